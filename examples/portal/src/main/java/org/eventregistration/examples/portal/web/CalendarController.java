package org.eventregistration.examples.portal.web;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.property.Organizer;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import org.eventregistration.event.Event;
import org.eventregistration.examples.portal.PortalProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The event as an iCalendar file (RFC 5545), for people to add to their calendar: only this
 * portal's events (another organiser's is not found, exactly as its page), with the event page's
 * address built from {@code portal.base-url} and the portal's sender address as the organizer.
 */
@Controller
class CalendarController {
    private final PublicCounts events;
    private final String baseUrl;
    private final String contact;

    CalendarController(
            PublicCounts events,
            PortalProperties properties,
            @Value("${portal.mail.from:pamelding@example.no}") String contact) {
        this.events = events;
        this.baseUrl = properties.baseUrlText();
        this.contact = contact;
    }

    @GetMapping("/events/{id}/calendar.ics")
    ResponseEntity<byte[]> calendar(@PathVariable String id, Locale locale) {
        Event event = events.requireEvent(id);
        ICalendar ical = new ICalendar();
        ical.setProductId("-//eventregistration//portal//" + Views.lang(locale).toUpperCase(Locale.ROOT));
        VEvent vevent = new VEvent();
        vevent.setUid(event.id().value() + "@eventregistration.example");
        vevent.setSummary(event.title().message(locale));
        vevent.setDateStart(Date.from(event.start().toInstant()));
        vevent.setDateEnd(Date.from(event.end().toInstant()));
        event.venue()
                .ifPresent(v -> vevent.setLocation(v.address().isBlank() ? v.name() : v.name() + ", " + v.address()));
        event.description().ifPresent(d -> vevent.setDescription(d.message(locale)));
        vevent.setUrl(baseUrl + "/events/" + event.id().value());
        vevent.setOrganizer(new Organizer(event.host().name(), contact)); // ORGANIZER;CN=...:mailto:...
        ical.addEvent(vevent);
        byte[] body = Biweekly.write(ical).go().getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(event.id().value() + ".ics")
                                .build()
                                .toString())
                .body(body);
    }
}
