package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.eventregistration.RegistrationException;
import org.eventregistration.event.Event;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organiser admin cancels an event: a confirmation page that says how many registrations it
 * cancels and takes a note, then {@link OrganiserConsole#cancelEvent}. Everyone affected gets a
 * message from the outbox that withdraws their calendar entry.
 */
@Controller
@RequestMapping("/organiser/events/{id}/cancel")
@PreAuthorize("hasRole('ADMIN')")
class EventCancellationController {
    /** The longest note; the library keeps at most 500 characters. */
    static final int MAX_NOTE = 500;

    /** The registrations cancelling the event cancels (and tells). */
    private static final Set<RegistrationStatus> AFFECTED = EnumSet.of(
            RegistrationStatus.PENDING_APPROVAL,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.OFFERED);

    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    EventCancellationController(RegistrationService service, Clock clock, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping
    String confirm(@PathVariable String id, Model model, Locale locale, Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        if (event.isCancelled()) {
            return "redirect:/organiser/events/" + event.id().value();
        }
        EventStatistics stats = console.statistics(event.id());
        model.addAttribute("event", Views.page(event, stats.seatCounts(), clock.instant(), locale));
        model.addAttribute(
                "affected",
                AFFECTED.stream()
                        .mapToInt(s -> stats.byStatus().getOrDefault(s, 0))
                        .sum());
        model.addAttribute("maxNote", MAX_NOTE);
        return "organiser/cancel-event";
    }

    @PostMapping
    String cancel(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String note,
            Locale locale,
            Authentication user,
            RedirectAttributes flash) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        String why = note.strip();
        if (why.length() > MAX_NOTE) {
            why = why.substring(0, MAX_NOTE);
        }
        try {
            int cancelled = console.cancelEvent(event.id(), why); // audited
            flash.addFlashAttribute("done", messages.getMessage("cancelEvent.done", new Object[] {cancelled}, locale));
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
        }
        return "redirect:/organiser/events/" + event.id().value();
    }
}
