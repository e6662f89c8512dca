package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eventregistration.event.Event;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What a Norwegian public page must have besides its content: each event's privacy notice
 * (personvernerklæring), filled from the event's settings (the personal details it asks for, its
 * questions, its retention, its organiser), and the site's accessibility statement
 * (tilgjengelighetserklæring), linked from every page's footer.
 */
@Controller
class InformationController {
    private final PublicCounts counts;
    private final Clock clock;
    private final MessageSource messages;
    private final String contact;

    InformationController(
            PublicCounts counts,
            Clock clock,
            MessageSource messages,
            @Value("${portal.contact-email:${portal.mail.from:pamelding@example.no}}") String contact) {
        this.counts = counts;
        this.clock = clock;
        this.messages = messages;
        this.contact = contact;
    }

    /** One item of what is stored: what, and whether it is erased early as sensitive. */
    public record Stored(String text, boolean sensitive) {}

    @GetMapping("/events/{id}/privacy")
    String privacy(@PathVariable String id, Model model, Locale locale) {
        Event event = counts.requireEvent(id);
        List<Stored> stored = new ArrayList<>();
        stored.add(new Stored(text("privacy.stored.name", locale), false));
        stored.add(new Stored(text("privacy.stored.email", locale), false));
        for (PersonalField f : PersonalField.values()) {
            if (event.asksFor(f)) {
                stored.add(new Stored(text("privacy.stored." + f.name(), locale), false));
            }
        }
        if (!event.sessions().isEmpty()) {
            stored.add(new Stored(text("privacy.stored.sessions", locale), false));
        }
        for (Question q : event.questions()) {
            stored.add(new Stored(
                    messages.getMessage(
                            "privacy.stored.answer", new Object[] {q.label().message(locale)}, locale),
                    q.sensitive()));
        }
        stored.add(new Stored(text("privacy.stored.status", locale), false));
        List<String> hosts = new ArrayList<>();
        hosts.add(event.host().name());
        event.coHosts().stream().map(Organisation::name).forEach(hosts::add);
        model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
        model.addAttribute("stored", stored);
        model.addAttribute("anySensitive", event.questions().stream().anyMatch(Question::sensitive));
        model.addAttribute("host", event.host().name());
        model.addAttribute("hosts", String.join(", ", hosts));
        model.addAttribute("contact", contact);
        model.addAttribute("personalDays", event.retention().personalData().toDays());
        model.addAttribute("sensitiveDays", event.retention().sensitiveAnswers().toDays());
        model.addAttribute("personalUntil", Views.dateTime(event.personalDataExpiresAt(), locale));
        model.addAttribute("sensitiveUntil", Views.dateTime(event.sensitiveAnswersExpireAt(), locale));
        return "privacy";
    }

    @GetMapping("/accessibility")
    String accessibility(Model model) {
        model.addAttribute("contact", contact);
        return "accessibility";
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }
}
