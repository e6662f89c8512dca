package org.eventregistration.examples.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eventregistration.RegistrationException;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Page;
import org.eventregistration.registration.ParticipantQuery;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.PersonalDataExport;
import org.eventregistration.service.RegistrationService;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organisers' pages (login required): events with their numbers, the participant list with a
 * status filter, approve / decline, move from the waiting list, check-in, cancel, and CSV export.
 * Check-in staff ({@code CHECK_IN}) see the lists and check people in; everything else needs an
 * organiser admin ({@code ADMIN}). Each user works on their own organiser's events.
 */
@Controller
@RequestMapping("/organiser")
@PreAuthorize("hasRole('CHECK_IN')")
class OrganiserController {
    /** Participants per page of the list. */
    static final int PAGE_SIZE = 50;

    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    OrganiserController(RegistrationService service, Clock clock, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    private OrganiserConsole console(Authentication user) {
        return Organisers.console(service, user);
    }

    private Event requireOwnEvent(OrganiserConsole console, String id) {
        return Organisers.requireOwnEvent(service, console, id);
    }

    /** One row of the participant list. */
    record Row(
            String id,
            String name,
            String email,
            String organisation,
            String sector,
            String role,
            String sessions,
            String status,
            String statusCode,
            String registeredAt,
            boolean canApprove,
            boolean canPromote,
            boolean canCheckIn,
            boolean canUndoCheckIn,
            boolean canCancel,
            String position) {}

    /** One count of the statistics. */
    record Count(String label, int value) {}

    /** A message set aside as undeliverable: what it was, to whom, when. */
    record Undeliverable(String kind, String registrationId, String name, String when) {}

    @GetMapping
    String events(Model model, Locale locale, Authentication principal) {
        OrganiserConsole console = console(principal);
        model.addAttribute(
                "events",
                console.events().stream()
                        .map(e -> Views.summary(e, console.statistics(e.id()).seatCounts(), clock.instant(), locale))
                        .toList());
        return "organiser/events";
    }

    @GetMapping("/events/{id}")
    String participants(
            @PathVariable String id,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "1") String page,
            @RequestParam(defaultValue = "") String sort,
            @RequestParam(defaultValue = "asc") String dir,
            Model model,
            Locale locale,
            Authentication principal) {
        OrganiserConsole console = console(principal);
        Event event = requireOwnEvent(console, id);
        RegistrationStatus filter = parseStatus(status);
        String search = q.strip();
        if (search.length() > 100) {
            search = search.substring(0, 100);
        }
        // Filtered, counted and paged by the store (in the database with the JDBC store).
        ParticipantQuery.Builder query =
                ParticipantQuery.builder().search(search).limit(PAGE_SIZE);
        if (filter != null) {
            query.statuses(Set.of(filter));
        }
        ParticipantSort order = ParticipantSort.of(sort, dir);
        order.applyTo(query);
        int requested = Math.max(1, parsePage(page));
        Page<Registration> result = console.registrations(
                event.id(), query.offset((requested - 1) * PAGE_SIZE).build());
        int total = result.total();
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.min(pages, requested);
        if (current != requested) { // past the end: the last page
            result = console.registrations(
                    event.id(), query.offset((current - 1) * PAGE_SIZE).build());
        }
        List<Registration> shown = result.items();
        EventStatistics stats = console.statistics(event.id());
        model.addAttribute("event", Views.page(event, stats.seatCounts(), clock.instant(), locale));
        model.addAttribute(
                "rows",
                shown.stream()
                        .map(r -> row(event, r, locale, position(console, r)))
                        .toList());
        model.addAttribute("sort", order.column());
        model.addAttribute("dir", order.direction());
        model.addAttribute("sortLinks", order.links());
        model.addAttribute("filter", filter == null ? "" : filter.name());
        model.addAttribute("q", search);
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("total", total);
        model.addAttribute("first", total == 0 ? 0 : (current - 1) * PAGE_SIZE + 1);
        model.addAttribute("last", (current - 1) * PAGE_SIZE + shown.size());
        model.addAttribute(
                "statuses",
                Arrays.stream(RegistrationStatus.values())
                        .map(s -> new Views.Option(s.name(), capitalize(s.message(locale))))
                        .toList());
        model.addAttribute("stats", stats);
        model.addAttribute(
                "statusCounts",
                stats.byStatus().entrySet().stream()
                        .filter(e -> e.getValue() > 0)
                        .map(e -> new Count(capitalize(e.getKey().message(locale)), e.getValue()))
                        .toList());
        model.addAttribute(
                "sessionCounts",
                event.sessions().stream()
                        .map(s -> new Count(
                                s.title().message(locale),
                                stats.sessionSeatsTaken().getOrDefault(s.id(), 0)))
                        .toList());
        model.addAttribute(
                "undeliverable",
                console.undeliverable(event.id()).stream()
                        .map(n -> new Undeliverable(
                                messages.getMessage(
                                        "notification.kind." + n.kind().name(), null, locale),
                                n.registrationId().value(),
                                console.findRegistration(n.registrationId())
                                        .map(r -> r.attendee().name())
                                        .orElse(""),
                                Views.dateTime(n.occurredAt(), locale)))
                        .toList());
        return "organiser/event";
    }

    @PostMapping("/events/{id}/registrations/{registrationId}/checkin")
    String checkIn(
            @PathVariable String id,
            @PathVariable String registrationId,
            @RequestParam(required = false) String status,
            Authentication principal,
            RedirectAttributes flash,
            Locale locale) {
        return change(id, registrationId, "checkin", status, "", principal, flash, locale);
    }

    /** Check-in staff may undo their own mistakes. */
    @PostMapping("/events/{id}/registrations/{registrationId}/undo-checkin")
    String undoCheckIn(
            @PathVariable String id,
            @PathVariable String registrationId,
            @RequestParam(required = false) String status,
            Authentication principal,
            RedirectAttributes flash,
            Locale locale) {
        return change(id, registrationId, "undo-checkin", status, "", principal, flash, locale);
    }

    @PostMapping("/events/{id}/registrations/{registrationId}/{action}")
    @PreAuthorize("hasRole('ADMIN')")
    String act(
            @PathVariable String id,
            @PathVariable String registrationId,
            @PathVariable String action,
            @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "") String note,
            Authentication principal,
            RedirectAttributes flash,
            Locale locale) {
        return change(id, registrationId, action, status, note, principal, flash, locale);
    }

    private String change(
            String id,
            String registrationId,
            String action,
            String status,
            String note,
            Authentication principal,
            RedirectAttributes flash,
            Locale locale) {
        OrganiserConsole console = console(principal);
        Event event = requireOwnEvent(console, id);
        Registration existing = Organisers.requireRegistration(console, event, registrationId);
        String why = note.strip();
        if (why.length() > ParticipantController.MAX_NOTE) {
            why = why.substring(0, ParticipantController.MAX_NOTE);
        }
        try {
            Registration after = switch (action) {
                case "approve" -> console.approve(existing.id());
                case "decline" -> console.decline(existing.id(), why);
                case "promote" -> console.promote(existing.id());
                case "checkin" -> console.checkIn(existing.id());
                case "undo-checkin" -> console.undoCheckIn(existing.id());
                case "cancel" -> console.cancel(existing.id(), why);
                default -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            };
            flash.addFlashAttribute(
                    "done",
                    messages.getMessage(
                            "organiser.done", new Object[] {after.status().message(locale)}, locale));
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
        }
        RegistrationStatus filter = parseStatus(status);
        return "redirect:/organiser/events/" + event.id().value() + (filter == null ? "" : "?status=" + filter.name());
    }

    @GetMapping("/events/{id}/participants.csv")
    @PreAuthorize("hasRole('ADMIN')")
    void csv(@PathVariable String id, Locale locale, HttpServletResponse response, Authentication principal)
            throws IOException {
        OrganiserConsole console = console(principal);
        Event event = requireOwnEvent(console, id);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename(event.id().value() + "-deltakere.csv", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = response.getWriter();
        CsvExport.write(event, console.exportRegistrations(event.id()), messages, locale, out); // audited
        out.flush();
    }

    /** Right of access: everything this organiser holds about one address, as JSON (audited). POST keeps the address out of URLs and logs. */
    @PostMapping("/personal-data/export")
    @PreAuthorize("hasRole('ADMIN')")
    void exportPersonalData(@RequestParam String email, Authentication principal, HttpServletResponse response)
            throws IOException {
        PersonalDataExport export;
        try {
            export = console(principal).exportPersonalData(email);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment()
                        .filename("personopplysninger.json", StandardCharsets.UTF_8)
                        .build()
                        .toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = response.getWriter();
        out.write(export.toJson());
        out.flush();
    }

    /** Erasure on request: cancels (the seats go to the waiting list) and anonymises (audited). */
    @PostMapping("/personal-data/erase")
    @PreAuthorize("hasRole('ADMIN')")
    String erasePersonalData(
            @RequestParam String email, Authentication principal, RedirectAttributes flash, Locale locale) {
        try {
            int erased = console(principal).erasePersonalData(email).size();
            flash.addFlashAttribute(
                    "done", messages.getMessage("organiser.personalData.erased", new Object[] {erased}, locale));
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        return "redirect:/organiser";
    }

    /** A waiting person's place in line (1 = next), from the store's index; empty for everyone else. */
    private static String position(OrganiserConsole console, Registration r) {
        if (r.status() != RegistrationStatus.WAITLISTED) {
            return "";
        }
        var position = console.waitingPosition(r.id());
        return position.isPresent() ? Integer.toString(position.getAsInt()) : "";
    }

    private Row row(Event event, Registration r, Locale locale, String position) {
        RegistrationStatus s = r.status();
        String sessions = String.join(
                ", ",
                r.sessions().stream()
                        .map(x -> event.session(x)
                                .map(y -> y.title().message(locale))
                                .orElse(x.value()))
                        .toList());
        return new Row(
                r.id().value(),
                r.attendee().name(),
                r.attendee().email(),
                r.attendee().organisationName().orElse(""),
                r.attendee().sector().message(locale),
                r.attendee().role().message(locale),
                sessions,
                capitalize(s.message(locale)),
                s.name(),
                Views.dateTime(r.createdAt(), locale),
                s == RegistrationStatus.PENDING_APPROVAL,
                s == RegistrationStatus.WAITLISTED,
                s.canMoveTo(RegistrationStatus.CHECKED_IN),
                s == RegistrationStatus.CHECKED_IN,
                s.isActive() && s.canMoveTo(RegistrationStatus.CANCELLED),
                position);
    }

    private static int parsePage(String page) {
        try {
            return page.length() > 6 ? 1 : Integer.parseInt(page);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static RegistrationStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return RegistrationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
