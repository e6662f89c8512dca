package org.eventregistration.mail;

import java.util.EnumSet;
import java.util.Set;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification.Kind;

/**
 * Which messages carry a calendar entry: the ones that give a seat, the reminder, and a moved
 * event's message to someone with a seat add it or update it (the same UID, so a calendar keeps one
 * entry); a cancellation, of the registration or of the event, removes it.
 */
final class CalendarKinds {
    private static final Set<Kind> SEAT =
            EnumSet.of(Kind.CONFIRMED, Kind.PROMOTED, Kind.APPROVED, Kind.OFFER_ACCEPTED, Kind.REMINDER);

    private CalendarKinds() {}

    /**
     * True if a message of this kind tells the person they have a seat (now, as a reminder, or at
     * the event's new time or place).
     */
    static boolean seat(Kind kind, Registration r) {
        return SEAT.contains(kind) || (kind == Kind.EVENT_CHANGED && r.status() == RegistrationStatus.CONFIRMED);
    }

    /**
     * True if a message of this kind removes the calendar entry: a cancellation of a registration
     * (or of its event) that once had a seat (and so was sent an entry). A waiting-list place never
     * had one.
     */
    static boolean cancel(Kind kind, Registration r) {
        return (kind == Kind.CANCELLED || kind == Kind.EVENT_CANCELLED || kind == Kind.HANDED_OVER)
                && r.history().stream().anyMatch(c -> c.status() == RegistrationStatus.CONFIRMED);
    }
}
