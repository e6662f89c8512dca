package org.eventregistration.examples.portal.web;

import org.eventregistration.event.Event;
import org.eventregistration.examples.portal.security.OrganiserPrincipal;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;

/**
 * The organiser pages' way to the library: the logged-in user's console, and the event or
 * registration named in a URL if it is that organiser's (another organiser's looks like none: 404).
 */
final class Organisers {
    private Organisers() {}

    /** The logged-in user's console, for the user's own organiser. */
    static OrganiserConsole console(RegistrationService service, Authentication user) {
        if (!(user.getPrincipal() instanceof OrganiserPrincipal organiser)) {
            throw new AccessDeniedException("not an organiser user");
        }
        return service.console(organiser.organiser(), organiser.userId());
    }

    /** The event, if it is this organiser's; 404 otherwise. */
    static Event requireOwnEvent(RegistrationService service, OrganiserConsole console, String id) {
        Event event = Views.requireEvent(service, id);
        if (!event.organiser().equals(console.organiser())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return event;
    }

    /** The registration, if it belongs to this event of this organiser; 404 otherwise. */
    static Registration requireRegistration(OrganiserConsole console, Event event, String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return console.findRegistration(RegistrationId.of(id))
                .filter(r -> r.eventId().equals(event.id()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The text with its first letter in upper case. */
    static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
