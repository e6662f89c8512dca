package org.eventregistration.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eventregistration.event.Event;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;

/**
 * What a message about a {@link Notification} needs, built when it is delivered (not when the
 * change was made): the event, the registration as it is now (the person's name, address and
 * language, the status, an offer's deadline), the waiting position, and a freshly made link where
 * the kind of message needs one. The outbox keeps ids only; this is read from the store on demand
 * and kept for the listeners of this one delivery, so a listener that ignores it costs nothing.
 *
 * <p>Each delivery makes its own link ({@link #link()}): a message delivered again carries a new
 * one, and the link already in someone's inbox keeps working. Valid only during the call to
 * {@link RegistrationListener#onDelivery}; not thread-safe.
 */
public interface Delivery {

    /** The notification being delivered. */
    Notification notification();

    /** The event; empty only if it was deleted since. */
    Optional<Event> event();

    /**
     * The registration as it is now; empty if it has been anonymised since (there is then nobody
     * to write to) or no longer exists.
     */
    Optional<Registration> registration();

    /** The current waiting-list position (1 = next in line), if the registration is waitlisted. */
    OptionalInt waitingPosition();

    /**
     * The link this message should carry ({@link Notification.Kind#link()}), made on the first call
     * and the same for every listener of this delivery; empty if the kind needs none, or the
     * registration can no longer be reached by one (ended, anonymised, past the link's validity).
     */
    Optional<Link> link();

    /**
     * The check-in link ({@link LinkPurpose#CHECK_IN}) a message that confirms a seat carries
     * besides its own link ({@link Notification.Kind#CONFIRMED}, {@link Notification.Kind#APPROVED},
     * {@link Notification.Kind#PROMOTED}, {@link Notification.Kind#OFFER_ACCEPTED}, {@link
     * Notification.Kind#REMINDER}), for a QR code that the organiser's staff scan at the door; made
     * on the first call, valid until the event ends. Empty for other kinds, when the registration
     * holds no seat, or once the event is over. Empty by default.
     */
    default Optional<Link> checkInLink() {
        return Optional.empty();
    }

    /**
     * The organiser's message a {@link Notification.Kind#MESSAGE} carries; empty for other kinds,
     * or if the message was deleted since (with the event's personal data).
     */
    default Optional<OrganiserMessage> message() {
        return Optional.empty();
    }

    /**
     * A link's secret and what it is for. Put the token in a URL of the application's own (for
     * example {@code https://portal.example/manage/<token>}); it is never stored, only its hash.
     *
     * @param purpose what the link lets its holder do
     * @param token the secret
     * @param expiresAt when the link stops working
     */
    record Link(LinkPurpose purpose, ManageToken token, Instant expiresAt) {
        /** Validates. */
        public Link {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }
}
