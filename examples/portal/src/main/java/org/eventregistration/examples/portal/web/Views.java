package org.eventregistration.examples.portal.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.Languages;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.service.SeatCounts;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Turns library objects into the plain, already localized values the templates show. Every time
 * is shown in Europe/Oslo.
 */
final class Views {
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private Views() {}

    /** A value and its label, for options and the language switcher. */
    record Option(String id, String label) {}

    /** The event with this id, or a 404 page. */
    static Event requireEvent(RegistrationService service, String id) {
        if (!id.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return service.findEvent(EventId.of(id)).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    static String lang(Locale locale) {
        return Languages.resolve(locale).getLanguage();
    }

    static String date(ZonedDateTime time, Locale locale) {
        Locale l = Languages.resolve(locale);
        String pattern = l.getLanguage().equals("en") ? "EEEE d MMMM yyyy" : "EEEE d. MMMM yyyy";
        return DateTimeFormatter.ofPattern(pattern, l).format(time.withZoneSameInstant(OSLO));
    }

    static String time(ZonedDateTime time, Locale locale) {
        String pattern = lang(locale).equals("en") ? "HH:mm" : "HH.mm";
        return DateTimeFormatter.ofPattern(pattern, Languages.resolve(locale)).format(time.withZoneSameInstant(OSLO));
    }

    static String dateTime(Instant instant, Locale locale) {
        ZonedDateTime t = instant.atZone(OSLO);
        return date(t, locale) + (lang(locale).equals("en") ? " at " : " kl. ") + time(t, locale);
    }

    static String timeRange(ZonedDateTime start, ZonedDateTime end, Locale locale) {
        return time(start, locale) + "–" + time(end, locale);
    }

    /** A short summary of an event for lists and headings. */
    record EventSummary(
            String id,
            String title,
            String date,
            String time,
            String venue,
            String hosts,
            String audience,
            int seats,
            int seatsLeft,
            int waiting,
            boolean waitlist,
            boolean open,
            boolean cancelled) {}

    /** Everything the event page and the form show. */
    record EventPage(
            EventSummary summary,
            List<String> paragraphs,
            String venueName,
            String venueAddress,
            String infoUrl,
            String registrationCloses,
            List<SessionView> sessions,
            List<QuestionView> questions) {}

    /** A workshop or parallel session. */
    record SessionView(String id, String title, String time, int seatsLeft) {}

    /** A question on the form. */
    record QuestionView(String id, String label, String kind, boolean required, List<Option> options, int maxLength) {}

    static EventSummary summary(Event e, SeatCounts stats, Instant now, Locale locale) {
        String venue = e.venue()
                .map(v -> v.address().isBlank() ? v.name() : v.name() + ", " + v.address())
                .orElse("");
        return new EventSummary(
                e.id().value(),
                e.title().message(locale),
                date(e.start(), locale),
                timeRange(e.start(), e.end(), locale),
                venue,
                hosts(e),
                e.audienceDescription().map(a -> a.message(locale)).orElse(""),
                e.capacity().seats(),
                stats.seatsLeft(),
                stats.waiting(),
                e.waitlist().enabled(),
                e.isRegistrationOpen(now),
                e.isCancelled());
    }

    static String hosts(Event e) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(e.host()), e.coHosts().stream())
                .map(Organisation::name)
                .collect(Collectors.joining(", "));
    }

    static EventPage page(Event e, SeatCounts stats, Instant now, Locale locale) {
        List<String> paragraphs = e.description()
                .map(d -> Arrays.stream(d.message(locale).split("\\R\\s*\\R"))
                        .map(String::strip)
                        .filter(p -> !p.isEmpty())
                        .toList())
                .orElse(List.of());
        List<SessionView> sessions =
                e.sessions().stream().map(s -> sessionView(s, stats, locale)).toList();
        List<QuestionView> questions =
                e.questions().stream().map(q -> questionView(q, locale)).toList();
        return new EventPage(
                summary(e, stats, now, locale),
                paragraphs,
                e.venue().map(v -> v.name()).orElse(""),
                e.venue().map(v -> v.address()).orElse(""),
                e.infoUrl().map(Object::toString).orElse(""),
                dateTime(e.registrationCloses(), locale),
                sessions,
                questions);
    }

    private static SessionView sessionView(Session s, SeatCounts stats, Locale locale) {
        int taken = stats.sessionSeatsTaken().getOrDefault(s.id(), 0);
        return new SessionView(
                s.id().value(),
                s.title().message(locale),
                timeRange(s.start(), s.end(), locale),
                Math.max(0, s.seats() - taken));
    }

    private static QuestionView questionView(Question q, Locale locale) {
        List<Option> options = q.options().entrySet().stream()
                .map(o -> new Option(o.getKey(), o.getValue().message(locale)))
                .toList();
        return new QuestionView(
                q.id(), q.label().message(locale), q.kind().name(), q.required(), options, q.maxLength());
    }
}
