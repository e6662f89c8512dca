package org.eventregistration.mail;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import java.net.URI;
import java.util.Date;
import java.util.Locale;
import java.util.Objects;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationId;

/**
 * An event as an iCalendar object (RFC 5545) for one person's calendar: {@link #publish} when they
 * have a seat, {@link #cancel} when it is gone. Both carry the same UID per registration ({@link
 * #uid}), so the cancellation removes the entry that the first one added.
 *
 * <p>The start and end are written in the event's own time zone, with a VTIMEZONE made from the
 * JDK's rules (nothing is fetched); a fixed-offset zone is written in UTC. The organiser is the
 * event's host, with the sender's address.
 *
 * <p>Why {@code METHOD:PUBLISH} and not {@code REQUEST}: a REQUEST is an invitation that asks for a
 * reply, and calendar programs would send their "accepted" or "declined" to the organiser's
 * address, which nobody reads; registering and cancelling go through the portal. PUBLISH adds the
 * event to the calendar without a reply. {@code METHOD:CANCEL} with a higher SEQUENCE then removes
 * it. Immutable and thread-safe.
 */
public final class EventCalendar {
    private final String uidDomain;
    private final String organizerEmail;

    private EventCalendar(String uidDomain, String organizerEmail) {
        this.uidDomain = uidDomain;
        this.organizerEmail = organizerEmail;
    }

    /**
     * A calendar writer.
     *
     * @param uidDomain the domain part of the UIDs, for example the portal's host name
     * @param organizerEmail the address shown as the organiser's, for example the sender's
     * @throws IllegalArgumentException if the domain is blank or holds spaces or {@code @}
     */
    public static EventCalendar of(String uidDomain, String organizerEmail) {
        Objects.requireNonNull(uidDomain, "uidDomain");
        Objects.requireNonNull(organizerEmail, "organizerEmail");
        if (uidDomain.isBlank() || !uidDomain.matches("[A-Za-z0-9.\\-]+")) {
            throw new IllegalArgumentException("UID domain must be a host name but was '" + uidDomain + "'");
        }
        return new EventCalendar(uidDomain.toLowerCase(Locale.ROOT), organizerEmail.strip());
    }

    /** The UID of the calendar entry of one registration: {@code <registration-id>@<domain>}. */
    public String uid(RegistrationId registrationId) {
        return MessageIds.atext(registrationId.value()) + "@" + uidDomain;
    }

    /**
     * The entry for a person who has a seat: {@code METHOD:PUBLISH}, SEQUENCE the event's {@link
     * Event#revision() revision} (so an entry sent after the event moved replaces the earlier one).
     *
     * @param event the event
     * @param language the person's language, for the title and description
     * @param uid the entry's UID, see {@link #uid}
     * @param url the page the entry links to, for example the person's manage link
     * @param stamp when the entry was made (DTSTAMP)
     * @return the iCalendar text
     */
    public String publish(Event event, Locale language, String uid, URI url, java.time.Instant stamp) {
        Objects.requireNonNull(url, "url");
        ICalendar ical = calendar(Method.publish(), event, language);
        VEvent vevent = vevent(event, language, uid, stamp, publishSequence(event));
        vevent.setUrl(url.toString());
        event.description().ifPresent(d -> vevent.setDescription(d.message(language)));
        ical.addEvent(vevent);
        return write(ical, event);
    }

    /**
     * The cancellation of the entry {@link #publish} made: {@code METHOD:CANCEL}, {@code
     * STATUS:CANCELLED}, the same UID and a SEQUENCE higher than any entry published for the event
     * ({@link #cancelSequence}).
     *
     * @param event the event
     * @param language the person's language
     * @param uid the UID of the entry to cancel
     * @param attendeeEmail the person's address, the attendee that is removed
     * @param stamp when the cancellation was made (DTSTAMP)
     * @return the iCalendar text
     */
    public String cancel(Event event, Locale language, String uid, String attendeeEmail, java.time.Instant stamp) {
        Objects.requireNonNull(attendeeEmail, "attendeeEmail");
        ICalendar ical = calendar(Method.cancel(), event, language);
        VEvent vevent = vevent(event, language, uid, stamp, cancelSequence(event));
        vevent.setStatus(Status.cancelled());
        vevent.addAttendee(new Attendee(null, attendeeEmail.strip()));
        ical.addEvent(vevent);
        return write(ical, event);
    }

    /** The SEQUENCE of a published entry: the event's revision. */
    public static int publishSequence(Event event) {
        return event.revision();
    }

    /**
     * The SEQUENCE of a cancellation: higher than every entry published for the event. A cancelled
     * event's revision was raised by its cancellation; otherwise one more than the revision.
     */
    public static int cancelSequence(Event event) {
        return event.isCancelled() ? event.revision() : event.revision() + 1;
    }

    private static ICalendar calendar(Method method, Event event, Locale language) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(language, "language");
        ICalendar ical = new ICalendar();
        ical.setProductId("-//eventregistration//registration-mail//"
                + Languages.resolve(language).getLanguage().toUpperCase(Locale.ROOT));
        ical.setMethod(method);
        return ical;
    }

    private VEvent vevent(Event event, Locale language, String uid, java.time.Instant stamp, int sequence) {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(stamp, "stamp");
        VEvent vevent = new VEvent();
        vevent.setUid(uid);
        vevent.setDateTimeStamp(Date.from(stamp));
        vevent.setSequence(sequence);
        vevent.setDateStart(Date.from(event.start().toInstant()));
        vevent.setDateEnd(Date.from(event.end().toInstant()));
        vevent.setSummary(event.title().message(language));
        event.venue()
                .ifPresent(v -> vevent.setLocation(v.address().isBlank() ? v.name() : v.name() + ", " + v.address()));
        vevent.setOrganizer(new Organizer(event.host().name(), organizerEmail));
        return vevent;
    }

    private static String write(ICalendar ical, Event event) {
        Timezones.assignment(
                        event.start().getZone(),
                        event.start().toInstant(),
                        event.end().toInstant())
                .ifPresent(tz -> ical.getTimezoneInfo().setDefaultTimezone(tz));
        return Biweekly.write(ical).go();
    }

    @Override
    public String toString() {
        return "EventCalendar[" + uidDomain + "]";
    }
}
