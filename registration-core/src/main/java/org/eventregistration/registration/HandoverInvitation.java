package org.eventregistration.registration;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.eventregistration.event.EventId;

/**
 * What the colleague's confirmation page shows before they take the seat: the event, who offers
 * it, to whom, until when, and in which language the offer was made. Immutable; {@link
 * #toString()} leaves out the names.
 *
 * @param eventId the event
 * @param fromName the name of the person who offers their seat
 * @param toName the colleague's name, as the person typed it
 * @param expiresAt until when the seat can be taken
 * @param language the offering registration's language
 */
public record HandoverInvitation(EventId eventId, String fromName, String toName, Instant expiresAt, Locale language) {

    /** Validates. */
    public HandoverInvitation {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(fromName, "fromName");
        Objects.requireNonNull(toName, "toName");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(language, "language");
    }

    @Override
    public String toString() {
        return "HandoverInvitation[" + eventId + ", expiresAt=" + expiresAt + "]";
    }
}
