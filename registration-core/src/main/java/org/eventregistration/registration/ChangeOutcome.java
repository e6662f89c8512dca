package org.eventregistration.registration;

import java.util.List;
import java.util.Objects;
import org.eventregistration.i18n.Reason;

/**
 * What {@link org.eventregistration.service.RegistrationService#changeChoices} answers: changed,
 * the form is not valid, or the change is not allowed (the deadline has passed, a chosen session
 * is full, the registration cannot be changed any more).
 */
public sealed interface ChangeOutcome {

    /** The answers and sessions are changed; the person is sent a short confirmation. */
    record Changed(Registration registration) implements ChangeOutcome {
        /** Validates. */
        public Changed {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /** Nothing differed from what the registration already had: nothing was stored or sent. */
    record Unchanged(Registration registration) implements ChangeOutcome {
        /** Validates. */
        public Unchanged {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /** The form is not valid: every problem, as at registration. */
    record Invalid(List<Violation> violations) implements ChangeOutcome {
        /** Validates and copies. */
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid change has violations");
            }
        }
    }

    /** Not allowed; the reasons say why (a full session is named). */
    record Refused(List<Reason> reasons) implements ChangeOutcome {
        /** Validates and copies. */
        public Refused {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a refusal has reasons");
            }
        }
    }
}
