package org.eventregistration.spring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ThreadLocalRandom;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;

/** An open event and requests for it, on the system clock (the starter's default). */
final class TestEvents {
    private TestEvents() {}

    /** Saves an event open for registration now, with this many seats, and returns it. */
    static Event saveOpenEvent(RegistrationService service, int seats) {
        ZonedDateTime start =
                ZonedDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(60).withNano(0);
        Event event = Event.builder(EventId.of(
                        "e" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)))
                .title(LocalizedText.of("Fagdag"))
                .schedule(start, start.plusHours(6))
                .host(Organisation.of("Asker kommune", "944382038"))
                .registrationWindow(Instant.now().minus(Duration.ofDays(1)), start.toInstant())
                .capacity(CapacityPolicy.seats(seats))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        service.console(OrganiserId.DEFAULT, "ola.arrangor").saveEvent(event);
        return event;
    }

    /** A request from a logged-in person (address vouched for by the application). */
    static RegistrationRequest request(Event event, String email) {
        return RegistrationRequest.builder(event.id())
                .name("Kari Nordmann")
                .email(email)
                .organisation("Asker kommune", "944382038")
                .sector(Sector.MUNICIPALITY)
                .role(Role.MIDDLE_MANAGER)
                .addressVerified(true)
                .build();
    }
}
