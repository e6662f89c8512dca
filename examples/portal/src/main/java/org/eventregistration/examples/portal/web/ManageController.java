package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eventregistration.RegistrationException;
import org.eventregistration.event.Event;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The personal manage page, reached only through the secret link on the receipt: see the status,
 * cancel, or answer an offered seat. The token is the only personal thing in any URL.
 */
@Controller
class ManageController {
    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    private final PublicCounts counts;

    ManageController(RegistrationService service, Clock clock, MessageSource messages, PublicCounts counts) {
        this.counts = counts;
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    /** What the manage page shows. */
    record ManageView(
            String status,
            String statusCode,
            String name,
            String email,
            String organisation,
            String sessions,
            int position,
            String offerExpires,
            boolean canCancel,
            boolean canAnswerOffer,
            String cancellationDeadline) {}

    @GetMapping("/manage/{token}")
    String show(
            @PathVariable String token,
            Model model,
            Locale locale,
            jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response) {
        ManageToken t = token(token);
        Registration r =
                service.findByManageToken(t).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Locale shown = locale;
        if (!languageChosen(request)) {
            // The link is the person's own: open it in the language they registered in.
            shown = r.language();
            org.springframework.web.servlet.support.RequestContextUtils.getLocaleResolver(request)
                    .setLocale(request, response, shown);
        }
        return render(r, service.waitingPosition(t), token, model, shown);
    }

    /** Whether the reader picked a language on this site (the language switch, or its cookie). */
    private static boolean languageChosen(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getParameter(org.eventregistration.examples.portal.WebConfiguration.LANG) != null) {
            return true;
        }
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie c : cookies) {
                if (org.eventregistration.examples.portal.WebConfiguration.LANG.equals(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The manage page for a registration (also one that has just ended, whose link no longer works after this page). */
    private String render(Registration r, OptionalInt position, String token, Model model, Locale locale) {
        Event event = Views.requireEvent(service, r.eventId().value());
        boolean beforeDeadline = clock.instant().isBefore(event.cancellationDeadline());
        String sessions = String.join(
                ", ",
                r.sessions().stream()
                        .map(s -> event.session(s)
                                .map(x -> x.title().message(locale))
                                .orElse(s.value()))
                        .toList());
        ManageView view = new ManageView(
                r.status().message(locale),
                r.status().name(),
                r.attendee().name(),
                r.attendee().email(),
                r.attendee().organisationName().orElse(""),
                sessions,
                position.orElse(0),
                r.offerExpiresAt().map(i -> Views.dateTime(i, locale)).orElse(""),
                beforeDeadline && r.status().isActive() && r.status().canMoveTo(RegistrationStatus.CANCELLED),
                r.status() == RegistrationStatus.OFFERED,
                Views.dateTime(event.cancellationDeadline(), locale));
        model.addAttribute("registration", view);
        model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
        model.addAttribute("managePath", "/manage/" + token);
        return "manage";
    }

    @PostMapping("/manage/{token}/cancel")
    String cancel(@PathVariable String token, RedirectAttributes flash, Model model, Locale locale) {
        return act(token, service::cancel, "manage.done.cancelled", flash, model, locale);
    }

    @PostMapping("/manage/{token}/accept")
    String accept(@PathVariable String token, RedirectAttributes flash, Model model, Locale locale) {
        return act(token, service::acceptOffer, "manage.done.accepted", flash, model, locale);
    }

    @PostMapping("/manage/{token}/decline")
    String decline(@PathVariable String token, RedirectAttributes flash, Model model, Locale locale) {
        return act(token, service::declineOffer, "manage.done.declined", flash, model, locale);
    }

    private String act(
            String token,
            Function<ManageToken, Registration> action,
            String doneKey,
            RedirectAttributes flash,
            Model model,
            Locale locale) {
        ManageToken t = token(token);
        if (service.findByManageToken(t).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        try {
            Registration after = action.apply(t);
            String done = messages.getMessage(doneKey, null, locale);
            if (!after.status().isActive()) {
                // The registration has ended, and with it the link: show the final state here, once.
                if (after.status() == RegistrationStatus.EXPIRED) {
                    model.addAttribute("problem", messages.getMessage("manage.offerExpired", null, locale));
                } else {
                    model.addAttribute("done", done);
                }
                return render(after, OptionalInt.empty(), token, model, locale);
            }
            flash.addFlashAttribute("done", done);
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
        }
        return "redirect:/manage/" + token;
    }

    private static ManageToken token(String token) {
        if (!token.matches("[A-Za-z0-9_-]{20,100}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return new ManageToken(token);
    }
}
