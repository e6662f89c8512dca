package org.eventregistration.registration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.Reason;

/**
 * What {@link org.eventregistration.service.RegistrationService#register} returns. A sealed type:
 * switch over it.
 *
 * <pre>{@code
 * switch (service.register(request)) {
 *     case RegistrationOutcome.AwaitingAddressConfirmation a -> showCheckYourEmail(a.confirmBy());
 *     case RegistrationOutcome.Confirmed c -> showReceipt(c.registration(), c.manageToken());
 *     case RegistrationOutcome.Waitlisted w -> showWaitingList(w.position(), w.manageToken());
 *     case RegistrationOutcome.PendingApproval p -> showPending(p.reasons(), p.manageToken());
 *     case RegistrationOutcome.Rejected r -> showReasons(r.reasons());
 *     case RegistrationOutcome.Invalid i -> showForm(i.violations());
 *     case RegistrationOutcome.AlreadyRegistered a -> showCheckYourEmail();
 *     case RegistrationOutcome.Repeated r -> showReceipt(r.registration());
 *     case RegistrationOutcome.IdempotencyKeyReused k -> showForm();
 * }
 * }</pre>
 *
 * (Pattern matching for switch needs Java 21; on 17 use {@code instanceof}.)
 *
 * <h2>What an answer may reveal</h2>
 *
 * <p>On an event that {@linkplain org.eventregistration.event.Event#addressConfirmation() requires
 * address confirmation}, a request whose address the application has not verified gets {@link
 * AwaitingAddressConfirmation} whether or not the address was already registered, or the {@link
 * Rejected} a newcomer would get; only the e-mail to that address says which ("you were already
 * registered: here is your link"). Such an answer never carries a manage token: only the owner of
 * the address gets a link, by e-mail. No outcome carries another person's data. The manage token
 * of {@link Confirmed}, {@link Waitlisted} and {@link PendingApproval} (requests with a verified
 * address, or events without confirmation) is handed out only here, once: the library keeps only
 * its hash.
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
     * A link to confirm the e-mail address was sent to it; the registration counts once the owner
     * of the address follows it, before {@code confirmBy}, and holds its place (a seat or a waiting
     * position) until then. The same answer is given if the address was already registered for
     * the event: that person is sent their link instead, and nothing new is stored. Says nothing
     * about anyone's registration.
     *
     * @param eventId the event
     * @param confirmBy until when the address can be confirmed
     */
    record AwaitingAddressConfirmation(EventId eventId, Instant confirmBy) implements RegistrationOutcome {
        /** Validates. */
        public AwaitingAddressConfirmation {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(confirmBy, "confirmBy");
        }
    }

    /**
     * This e-mail address already has an active registration for the event; nothing new was
     * stored, and its owner is sent their link by e-mail (a few per hour at most). Given only
     * where the address is trusted (a verified request, or an event without address
     * confirmation); it carries nothing of the registration, which may be another person's.
     *
     * @param eventId the event
     */
    record AlreadyRegistered(EventId eventId) implements RegistrationOutcome {
        /** Validates. */
        public AlreadyRegistered {
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /**
     * The same request, with the same idempotency key, was registered before: a retry after an
     * answer that was lost (a dropped connection, an {@link
     * org.eventregistration.spi.OutcomeUnknownException}). Nothing new was stored; this is that
     * registration, and its link went to the address with the first answer's e-mail. Carries the
     * registration because the request proves its sender made it: the key and every field match.
     *
     * @param registration the registration the first request made
     */
    record Repeated(Registration registration) implements RegistrationOutcome {
        /** Validates. */
        public Repeated {
            Objects.requireNonNull(registration, "registration");
        }
    }

    /**
     * The idempotency key was used before with a different request (another person, other
     * sessions, other answers). Nothing was stored; send a new key with a new request.
     *
     * @param eventId the event
     */
    record IdempotencyKeyReused(EventId eventId) implements RegistrationOutcome {
        /** Validates. */
        public IdempotencyKeyReused {
            Objects.requireNonNull(eventId, "eventId");
        }
    }
}
