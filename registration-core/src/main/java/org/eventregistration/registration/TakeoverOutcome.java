package org.eventregistration.registration;

import java.util.List;
import java.util.Objects;
import org.eventregistration.i18n.Reason;

/**
 * What {@link org.eventregistration.service.RegistrationService#takeOverSeat} answers the
 * colleague who followed the link.
 */
public sealed interface TakeoverOutcome {

    /**
     * The colleague has the seat: a new registration, confirmed, with the same sessions; the
     * person's own registration is cancelled as handed over.
     *
     * @param registration the colleague's new registration
     * @param token the colleague's manage token (shown once; only its hash is stored)
     */
    record TakenOver(Registration registration, ManageToken token) implements TakeoverOutcome {
        /** Validates. */
        public TakenOver {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(token, "token");
        }
    }

    /** Not possible (any more); the reasons say why. The seat stays with the person who offered it. */
    record Refused(List<Reason> reasons) implements TakeoverOutcome {
        /** Validates and copies. */
        public Refused {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a refusal has reasons");
            }
        }
    }
}
