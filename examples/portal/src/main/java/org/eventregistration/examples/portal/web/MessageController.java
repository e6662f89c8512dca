package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An organiser admin writes a message to the participants of chosen statuses: the form, a
 * confirmation step that says how many people it goes to, then {@link OrganiserConsole#sendMessage}
 * and a redirect back to the event. The e-mails leave through the outbox (the scheduled delivery
 * job), so sending to hundreds does not keep the page waiting.
 */
@Controller
@RequestMapping("/organiser/events/{id}/message")
@PreAuthorize("hasRole('ADMIN')")
class MessageController {
    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    MessageController(RegistrationService service, Clock clock, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    @GetMapping
    String form(@PathVariable String id, Model model, Locale locale, Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        MessageForm form = new MessageForm();
        form.setStatuses(List.of(RegistrationStatus.CONFIRMED.name()));
        return showForm(console, event, form, new FormErrors(), model, locale);
    }

    /** The first step: check the message, then ask "send to N people?". */
    @PostMapping
    String preview(
            @PathVariable String id,
            @ModelAttribute("form") MessageForm form,
            @RequestParam(defaultValue = "false") boolean edit,
            Model model,
            Locale locale,
            Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        FormErrors errors = new FormErrors();
        if (edit) {
            return showForm(console, event, form, errors, model, locale);
        }
        MessageForm.Valid message = check(console, event, form, errors, locale);
        if (message == null) {
            return showForm(console, event, form, errors, model, locale);
        }
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("form", form);
        model.addAttribute("recipientCount", recipients(console, event, message.recipients()));
        model.addAttribute(
                "recipientStatuses",
                message.recipients().stream()
                        .map(s -> Organisers.capitalize(s.message(locale)))
                        .toList());
        return "organiser/message-confirm";
    }

    /** The second step: send, and go back to the event with what was done. */
    @PostMapping("/send")
    String send(
            @PathVariable String id,
            @ModelAttribute("form") MessageForm form,
            Model model,
            Locale locale,
            Authentication user,
            RedirectAttributes flash) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        FormErrors errors = new FormErrors();
        MessageForm.Valid message = check(console, event, form, errors, locale);
        if (message == null) {
            return showForm(console, event, form, errors, model, locale);
        }
        int count = recipients(console, event, message.recipients());
        console.sendMessage(event.id(), message.recipients(), message.subject(), message.body()); // audited
        flash.addFlashAttribute(
                "done",
                messages.getMessage(
                        "message.sent", new Object[] {message.subject().message(locale), count}, locale));
        return "redirect:/organiser/events/" + event.id().value();
    }

    private MessageForm.Valid check(
            OrganiserConsole console, Event event, MessageForm form, FormErrors errors, Locale locale) {
        MessageForm.Valid message = form.validate(errors, messages, locale);
        if (message != null && recipients(console, event, message.recipients()) == 0) {
            errors.add("statuses", messages.getMessage("message.error.nobody", null, locale));
            return null;
        }
        return message;
    }

    private String showForm(
            OrganiserConsole console, Event event, MessageForm form, FormErrors errors, Model model, Locale locale) {
        Map<RegistrationStatus, Integer> reachable = reachable(console, event);
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("errorItems", errors.items(MessageForm.FIELDS));
        model.addAttribute(
                "statusOptions",
                Arrays.stream(RegistrationStatus.values())
                        .filter(RegistrationStatus::isActive)
                        .map(s -> new Views.Option(
                                s.name(),
                                messages.getMessage(
                                        "message.statusOption",
                                        new Object[] {
                                            Organisers.capitalize(s.message(locale)), reachable.getOrDefault(s, 0)
                                        },
                                        locale)))
                        .toList());
        return "organiser/message";
    }

    /**
     * How many people a message to these statuses reaches now: as the library sends it, only to
     * registrations whose address is confirmed and that are not anonymised.
     */
    static int recipients(OrganiserConsole console, Event event, Set<RegistrationStatus> statuses) {
        Map<RegistrationStatus, Integer> reachable = reachable(console, event);
        return statuses.stream().mapToInt(s -> reachable.getOrDefault(s, 0)).sum();
    }

    private static Map<RegistrationStatus, Integer> reachable(OrganiserConsole console, Event event) {
        Map<RegistrationStatus, Integer> counts = new EnumMap<>(RegistrationStatus.class);
        for (Registration r : console.registrations(event.id())) {
            if (r.addressConfirmed() && !r.anonymised()) {
                counts.merge(r.status(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
