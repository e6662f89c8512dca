package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventregistration.RegistrationException;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.Registration;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * An organiser admin creates, edits and copies events, saved with {@link
 * OrganiserConsole#saveEvent} (which tells everyone when the event moves). After a save that
 * raised the seats the waiting list is filled ({@link OrganiserConsole#fillFromWaitingList});
 * lowering the seats below those taken bumps nobody, and the page says so.
 */
@Controller
@RequestMapping("/organiser/events")
@PreAuthorize("hasRole('ADMIN')")
class EventEditorController {
    private static final Logger log = LoggerFactory.getLogger(EventEditorController.class);
    private static final String ID = "[a-z0-9][a-z0-9_-]{0,63}";

    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    EventEditorController(RegistrationService service, Clock clock, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping("/new")
    String create(@RequestParam(required = false) String copy, Model model, Locale locale, Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        EventForm form = EventForm.empty();
        if (copy != null) {
            Event source = Organisers.requireOwnEvent(service, console, copy);
            form = EventForm.from(source);
            form.set("id", suggestedCopyId(source.id().value()));
        }
        return show(form, copy, null, new FormErrors(), model, locale);
    }

    @PostMapping("/new")
    String saveNew(
            @RequestParam Map<String, String> params,
            @RequestParam(required = false) String copyOf,
            Model model,
            Locale locale,
            Authentication user,
            RedirectAttributes flash) {
        OrganiserConsole console = Organisers.console(service, user);
        Event base = copyOf == null || copyOf.isEmpty() ? null : Organisers.requireOwnEvent(service, console, copyOf);
        EventForm form = EventForm.of(params);
        FormErrors errors = new FormErrors();
        if (addsRow(form, params)) {
            return show(form, base == null ? null : base.id().value(), null, errors, model, locale);
        }
        String id = form.get("id");
        if (!id.matches(ID) || id.equals("new")) {
            errors.add("id", messages.getMessage("editor.error.id", null, locale));
        } else if (service.findEvent(EventId.of(id)).isPresent()) {
            errors.add("id", messages.getMessage("editor.error.idTaken", null, locale));
        }
        Event event = errors.isEmpty()
                ? build(form, EventId.of(id), base, Map.of(), console, errors, locale)
                : validateOnly(form, base, console, errors, locale);
        if (event == null) {
            return show(form, base == null ? null : base.id().value(), null, errors, model, locale);
        }
        try {
            console.saveEvent(event); // audited
        } catch (RegistrationException e) {
            errors.add("id", e.localizedMessage(locale));
            return show(form, base == null ? null : base.id().value(), null, errors, model, locale);
        }
        flash.addFlashAttribute("done", messages.getMessage("editor.created", null, locale));
        return "redirect:/organiser/events/" + event.id().value();
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable String id, Model model, Locale locale, Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        if (event.isCancelled()) {
            return "redirect:/organiser/events/" + event.id().value();
        }
        return show(EventForm.from(event), null, event, new FormErrors(), model, locale);
    }

    @PostMapping("/{id}/edit")
    String save(
            @PathVariable String id,
            @RequestParam Map<String, String> params,
            Model model,
            Locale locale,
            Authentication user,
            RedirectAttributes flash) {
        OrganiserConsole console = Organisers.console(service, user);
        Event before = Organisers.requireOwnEvent(service, console, id);
        EventForm form = EventForm.of(params);
        form.set("id", before.id().value());
        FormErrors errors = new FormErrors();
        if (addsRow(form, params)) {
            return show(form, null, before, errors, model, locale);
        }
        Event event = build(form, before.id(), before, holders(console, before), console, errors, locale);
        if (event == null) {
            return show(form, null, before, errors, model, locale);
        }
        EventStatistics stats = console.statistics(before.id());
        List<String> done = new ArrayList<>();
        try {
            console.saveEvent(event); // audited; tells everyone if the event moved
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
            return "redirect:/organiser/events/" + before.id().value();
        }
        done.add(messages.getMessage("editor.saved", null, locale));
        if (before.movedIn(event)) {
            done.add(messages.getMessage("editor.saved.moved", null, locale));
        }
        int seats = event.capacity().seats();
        boolean raised = seats > before.capacity().seats()
                || event.sessions().stream()
                        .anyMatch(s -> before.session(s.id())
                                .map(b -> s.seats() > b.seats())
                                .orElse(true));
        if (raised && stats.waiting() > 0) {
            int filled = console.fillFromWaitingList(event.id()).size(); // audited
            done.add(messages.getMessage(
                    event.waitlist().mode() == WaitlistPolicy.Mode.OFFER
                            ? "editor.saved.offered"
                            : "editor.saved.filled",
                    new Object[] {filled},
                    locale));
        }
        if (seats < stats.seatsTaken()) {
            done.add(messages.getMessage("editor.saved.overbooked", new Object[] {stats.seatsTaken(), seats}, locale));
        }
        for (Session s : event.sessions()) {
            int taken = stats.sessionSeatsTaken().getOrDefault(s.id(), 0);
            if (s.seats() < taken) {
                done.add(messages.getMessage(
                        "editor.saved.sessionOverbooked",
                        new Object[] {s.title().message(locale), taken, s.seats()},
                        locale));
            }
        }
        log.info("event edited in the portal: event={}", event.id().value());
        flash.addFlashAttribute("done", String.join(" ", done));
        return "redirect:/organiser/events/" + event.id().value();
    }

    /** The "add a workshop" and "add a question" buttons show the form again with one more empty row. */
    private static boolean addsRow(EventForm form, Map<String, String> params) {
        String action = params.getOrDefault("action", "");
        if (action.equals("addSession")) {
            form.addRow("sessionRows");
            return true;
        }
        if (action.equals("addQuestion")) {
            form.addRow("questionRows");
            return true;
        }
        return false;
    }

    /** Per workshop, how many people hold or wait for it (they would lose it if it were removed). */
    private static Map<SessionId, Integer> holders(OrganiserConsole console, Event event) {
        if (event.sessions().isEmpty()) {
            return Map.of();
        }
        Map<SessionId, Integer> holders = new HashMap<>();
        for (Registration r : console.registrations(event.id())) {
            if (r.status().isActive()) {
                r.sessions().forEach(s -> holders.merge(s, 1, Integer::sum));
            }
        }
        return holders;
    }

    private Event build(
            EventForm form,
            EventId id,
            Event base,
            Map<SessionId, Integer> holders,
            OrganiserConsole console,
            FormErrors errors,
            Locale locale) {
        try {
            return form.toEvent(id, base, console.organiser(), holders, errors, messages, locale);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // A combination the form's own checks did not foresee; the library's text is English.
            errors.add("titleNb", messages.getMessage("editor.error.generic", null, locale));
            return null;
        }
    }

    /** Every other field's errors too, when the id is already wrong. */
    private Event validateOnly(EventForm form, Event base, OrganiserConsole console, FormErrors errors, Locale locale) {
        build(form, EventId.of("x"), base, Map.of(), console, errors, locale);
        return null;
    }

    private String show(EventForm form, String copyOf, Event editing, FormErrors errors, Model model, Locale locale) {
        model.addAttribute("form", form);
        model.addAttribute("copyOf", copyOf);
        model.addAttribute("editing", editing == null ? null : editing.id().value());
        model.addAttribute(
                "editingTitle", editing == null ? null : editing.title().message(locale));
        model.addAttribute("errors", errors);
        model.addAttribute("errorItems", errors.items(form.fieldOrder()));
        model.addAttribute("sectors", List.of(Sector.values()));
        model.addAttribute("roles", List.of(Role.values()));
        model.addAttribute("personalFields", List.of(PersonalField.values()));
        model.addAttribute("questionKinds", EventFormParts.KINDS);
        model.addAttribute(
                "outsideModes", List.of(OutsideAudience.REJECT.name(), OutsideAudience.REQUIRE_APPROVAL.name()));
        Event ruleSource = editing != null
                ? editing
                : copyOf == null ? null : service.findEvent(EventId.of(copyOf)).orElse(null);
        model.addAttribute(
                "customAudience",
                form.checked("aud-custom") && ruleSource != null
                        ? EventFormParts.describe(ruleSource.eligibility(), messages, locale)
                        : null);
        model.addAttribute(
                "waitlistModes",
                List.of(
                        WaitlistPolicy.Mode.AUTO_PROMOTE.name(),
                        WaitlistPolicy.Mode.OFFER.name(),
                        WaitlistPolicy.Mode.NONE.name()));
        model.addAttribute("now", clock.instant());
        return "organiser/event-form";
    }

    private String suggestedCopyId(String id) {
        String base = (id.length() > 55 ? id.substring(0, 55) : id) + "-kopi";
        String candidate = base;
        for (int i = 2; service.findEvent(EventId.of(candidate)).isPresent(); i++) {
            candidate = base + "-" + i;
        }
        return candidate;
    }
}
