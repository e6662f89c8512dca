package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.Messages;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * One participant, for the organiser: the details, the answers, the history of the registration
 * and the audit entries about it; and the confirmation page before an admin cancels it.
 */
@Controller
@RequestMapping("/organiser/events/{id}/registrations/{registrationId}")
@PreAuthorize("hasRole('CHECK_IN')")
class ParticipantController {
    /** The longest note an organiser gives when cancelling; the library keeps at most 500 characters. */
    static final int MAX_NOTE = 500;

    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    ParticipantController(RegistrationService service, Clock clock, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    /** A labelled value. */
    record Detail(String label, String value) {}

    /** One step of the history or one audit entry. */
    record Step(String what, String when, String who, String note) {}

    @GetMapping
    String participant(
            @PathVariable String id,
            @PathVariable String registrationId,
            Model model,
            Locale locale,
            Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        Registration r = Organisers.requireRegistration(console, event, registrationId);
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("registration", r);
        model.addAttribute("name", r.attendee().name());
        model.addAttribute("status", Organisers.capitalize(r.status().message(locale)));
        model.addAttribute("statusCode", r.status().name());
        model.addAttribute("details", details(event, r, console, locale));
        model.addAttribute("answers", answers(event, r, locale));
        model.addAttribute(
                "history", r.history().stream().map(h -> step(h, locale)).toList());
        model.addAttribute(
                "audit",
                console.auditLog(event.id()).stream()
                        .filter(a -> a.registrationId().filter(r.id()::equals).isPresent())
                        .map(a -> audit(a, locale))
                        .toList());
        model.addAttribute(
                "canCancel",
                r.status().isActive()
                        && r.status().canMoveTo(org.eventregistration.registration.RegistrationStatus.CANCELLED));
        return "organiser/participant";
    }

    @GetMapping("/cancel")
    @PreAuthorize("hasRole('ADMIN')")
    String confirmCancel(
            @PathVariable String id,
            @PathVariable String registrationId,
            @RequestParam(required = false) String status,
            Model model,
            Locale locale,
            Authentication user) {
        OrganiserConsole console = Organisers.console(service, user);
        Event event = Organisers.requireOwnEvent(service, console, id);
        Registration r = Organisers.requireRegistration(console, event, registrationId);
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("registrationId", r.id().value());
        model.addAttribute("name", r.attendee().name());
        model.addAttribute("status", Organisers.capitalize(r.status().message(locale)));
        model.addAttribute("filter", status != null && status.matches("[A-Z_]{1,20}") ? status : "");
        model.addAttribute("maxNote", MAX_NOTE);
        return "organiser/cancel-registration";
    }

    private List<Detail> details(Event event, Registration r, OrganiserConsole console, Locale locale) {
        var a = r.attendee();
        List<Detail> details = new java.util.ArrayList<>();
        details.add(new Detail(text("organiser.col.email", locale), a.email()));
        a.phone().ifPresent(p -> details.add(new Detail(text("csv.phone", locale), p)));
        a.organisationName().ifPresent(o -> details.add(new Detail(text("organiser.col.organisation", locale), o)));
        a.organisationNumber()
                .ifPresent(n -> details.add(new Detail(text("csv.organisationNumber", locale), n.toString())));
        details.add(new Detail(text("csv.sector", locale), a.sector().message(locale)));
        details.add(new Detail(text("csv.role", locale), a.role().message(locale)));
        if (!r.sessions().isEmpty()) {
            details.add(new Detail(
                    text("organiser.col.sessions", locale),
                    String.join(
                            ", ",
                            r.sessions().stream()
                                    .map(s -> event.session(s)
                                            .map(x -> x.title().message(locale))
                                            .orElse(s.value()))
                                    .toList())));
        }
        console.waitingPosition(r.id())
                .ifPresent(p -> details.add(new Detail(text("participant.position", locale), Integer.toString(p))));
        details.add(new Detail(text("organiser.col.registeredAt", locale), Views.dateTime(r.createdAt(), locale)));
        details.add(new Detail(
                text("participant.address", locale),
                text(
                        r.addressConfirmed() ? "participant.address.confirmed" : "participant.address.unconfirmed",
                        locale)));
        details.add(new Detail(
                text("participant.language", locale),
                text("participant.language." + Views.lang(r.language()), locale)));
        return details;
    }

    private List<Detail> answers(Event event, Registration r, Locale locale) {
        List<Detail> answers = new java.util.ArrayList<>();
        for (Map.Entry<String, String> answer : r.answers().entrySet()) {
            var question = event.question(answer.getKey());
            String label = question.map(q -> q.label().message(locale)).orElse(answer.getKey());
            String value = question.filter(q -> !q.options().isEmpty())
                    .map(q -> optionLabel(q, answer.getValue(), locale))
                    .orElse(answer.getValue());
            answers.add(new Detail(label, value));
        }
        return answers;
    }

    private static String optionLabel(Question q, String value, Locale locale) {
        var option = q.options().get(value);
        return option == null ? value : option.message(locale);
    }

    private Step step(StatusChange change, Locale locale) {
        String reason = change.reason();
        String note = reason.isEmpty() ? "" : Messages.has(reason) ? Messages.format(reason, locale) : reason;
        return new Step(
                Organisers.capitalize(change.status().message(locale)),
                Views.dateTime(change.at(), locale),
                actor(change.actor(), locale),
                note);
    }

    private Step audit(AuditEntry entry, Locale locale) {
        return new Step(
                text("audit.action." + entry.action().name(), locale),
                Views.dateTime(entry.at(), locale),
                actor(entry.actor(), locale),
                "");
    }

    private String actor(Actor actor, Locale locale) {
        return switch (actor.kind()) {
            case ATTENDEE -> text("participant.actor.attendee", locale);
            case SYSTEM -> text("participant.actor.system", locale);
            case ORGANISER -> actor.id();
        };
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
