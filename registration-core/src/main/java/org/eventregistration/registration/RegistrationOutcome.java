package org.eventregistration.registration;

import java.util.List;
import java.util.Objects;
import org.eventregistration.i18n.Reason;

/**
 * What {@link org.eventregistration.service.RegistrationService#register} returns. A sealed type:
 * switch over it.
 *
 * <pre>{@code
 * switch (service.register(request)) {
 *     case RegistrationOutcome.Confirmed c -> showReceipt(c.registration(), c.manageToken());
 *     case RegistrationOutcome.Waitlisted w -> showWaitingList(w.position(), w.manageToken());
 *     case RegistrationOutcome.PendingApproval p -> showPending(p.reasons(), p.manageToken());
 *     case RegistrationOutcome.Rejected r -> showReasons(r.reasons());
 *     case RegistrationOutcome.Invalid i -> showForm(i.violations());
 *     case RegistrationOutcome.AlreadyRegistered a -> showAlreadyRegistered();
 * }
 * }</pre>
 *
 * (Pattern matching for switch needs Java 21; on 17 use {@code instanceof}.) The manage token is
 * handed out only here, once: the library keeps only its hash.
 */
public sealed interface RegistrationOutcome {

    /**
     * The person has a seat.
     *
     * @param registration the new registration
     * @param manageToken the secret for the manage link
     */
    record Confirmed(Registration registration, ManageToken manageToken) implements RegistrationOutcome {
        /** Validates. */
        public Confirmed {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(manageToken, "manageToken");
        }
    }

    /**
     * The event (or a chosen session, or a quota) is full; the person is on the waiting list.
     *
     * @param registration the new registration
     * @param position 1 for the first in line, counted when they joined
     * @param reasons what was full
     * @param manageToken the secret for the manage link
     */
    record Waitlisted(Registration registration, int position, List<Reason> reasons, ManageToken manageToken)
            implements RegistrationOutcome {
        /** Validates. */
        public Waitlisted {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(manageToken, "manageToken");
            reasons = List.copyOf(reasons);
            if (position < 1) {
                throw new IllegalArgumentException("position must be >= 1 but was " + position);
            }
        }
    }

    /**
     * The person is outside the target audience and the event lets organisers decide.
     *
     * @param registration the new registration
     * @param reasons why approval is needed
     * @param manageToken the secret for the manage link
     */
    record PendingApproval(Registration registration, List<Reason> reasons, ManageToken manageToken)
            implements RegistrationOutcome {
        /** Validates. */
        public PendingApproval {
            Objects.requireNonNull(registration, "registration");
            Objects.requireNonNull(manageToken, "manageToken");
            reasons = List.copyOf(reasons);
        }
    }

    /**
     * Refused: not eligible, registration not open, full with no waiting list. Nothing was stored.
     *
     * @param reasons why, never empty
     */
    record Rejected(List<Reason> reasons) implements RegistrationOutcome {
        /** Validates. */
        public Rejected {
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }
    }

    /**
     * The request itself is bad; every problem is listed. Nothing was stored.
     *
     * @param violations the problems, never empty
     */
    record Invalid(List<Violation> violations) implements RegistrationOutcome {
        /** Validates. */
        public Invalid {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid outcome needs a violation");
            }
        }
    }

    /**
     * This e-mail address (or idempotency key) already has an active registration for the event;
     * nothing new was stored. No manage token is given out again: it would let anyone who knows an
     * address take over that person's registration.
     *
     * @param registration the existing registration
     */
    record AlreadyRegistered(Registration registration) implements RegistrationOutcome {
        /** Validates. */
        public AlreadyRegistered {
            Objects.requireNonNull(registration, "registration");
        }
    }
}
