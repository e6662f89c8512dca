package org.eventregistration.examples.portal.web;

import java.util.List;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.examples.portal.PortalProperties;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.service.SeatCounts;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * What the public pages show about this portal's events: the events and their seat counts.
 * Numbers only, no personal data; read through a console of the portal's own organiser, so a
 * portal sharing a database with other organisers shows only its own events.
 */
@Component
class PublicCounts {
    private final OrganiserConsole console;
    private final RegistrationService service;
    private final OrganiserId organiser;

    PublicCounts(RegistrationService service, PortalProperties properties) {
        this.service = service;
        this.organiser = properties.organiserId();
        // Reading counts is not audited; the user id names the public site in case that changes.
        this.console = service.console(organiser, "public-site");
    }

    /** This portal's events, by start time. */
    List<Event> events() {
        return console.events();
    }

    /**
     * Seats, seats taken and the waiting list of one of this portal's events: from the event and its
     * ledger, never by reading its registrations (the page that thousands load when registration
     * opens costs the same at ten registrations as at a hundred thousand).
     */
    SeatCounts of(EventId id) {
        return service.seatCounts(id);
    }

    /** One of this portal's events by the id in a URL; 404 for anything else. */
    Event requireEvent(String id) {
        Event event = Views.requireEvent(service, id);
        if (!event.organiser().equals(organiser)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return event;
    }
}
