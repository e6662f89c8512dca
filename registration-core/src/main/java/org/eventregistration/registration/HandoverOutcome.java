package org.eventregistration.registration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eventregistration.i18n.Reason;

/**
 * What {@link org.eventregistration.service.RegistrationService#offerSeat} answers: the colleague
 * has been sent a link, the form is not valid, or the seat cannot be handed over. The answer never
 * says whether the colleague is registered already: the e-mail to them does, when they follow it.
 */
public sealed interface HandoverOutcome {

    /**
     * The colleague is sent a link to take the seat, until {@code expiresAt}; the person keeps the
     * seat until then. A newer offer replaces this one.
     */
    record Offered(Registration registration, Instant expiresAt) implements HandoverOutcome {
        /** Validates. */
        public Offered {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** The form is not valid: every problem. */
    record Invalid(List<Violation> violations) implements HandoverOutcome {
        /** Validates and copies. */
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid hand-over has violations");
            }
        }
    }

    /** Not allowed; the reasons say why. */
    record Refused(List<Reason> reasons) implements HandoverOutcome {
        /** Validates and copies. */
        public Refused {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a refusal has reasons");
            }
        }
    }
}
