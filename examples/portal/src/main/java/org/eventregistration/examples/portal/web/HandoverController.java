package org.eventregistration.examples.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eventregistration.event.Event;
import org.eventregistration.examples.portal.WebConfiguration;
import org.eventregistration.registration.HandoverInvitation;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.TakeoverOutcome;
import org.eventregistration.service.RegistrationService;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The page the colleague's link leads to, {@code /handover/{token}}: who offers them a seat at
 * which event, until when, and a button that takes it. Opening the link changes nothing (mail
 * scanners open links); only the POST takes the seat, and then leads to the colleague's own
 * manage page. A wrong, expired, replaced or used link gets the "link does not work" page.
 */
@Controller
class HandoverController {
    private static final String TOKEN = "[A-Za-z0-9_-]{20,100}";

    private final RegistrationService service;
    private final Clock clock;
    private final PublicCounts counts;
    private final MessageSource messages;

    HandoverController(RegistrationService service, Clock clock, PublicCounts counts, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.counts = counts;
        this.messages = messages;
    }

    @GetMapping("/handover/{token}")
    String show(
            @PathVariable String token,
            Model model,
            Locale locale,
            HttpServletRequest request,
            HttpServletResponse response) {
        Optional<HandoverInvitation> invitation = invitation(token);
        if (invitation.isEmpty()) {
            return invalidLink(response);
        }
        Locale shown = locale;
        if (request.getParameter(WebConfiguration.LANG) == null && !hasLanguageCookie(request)) {
            // Written in the language the seat was offered in, until the reader picks another.
            shown = invitation.get().language();
            RequestContextUtils.getLocaleResolver(request).setLocale(request, response, shown);
        }
        return render(token, invitation.get(), model, shown);
    }

    @PostMapping("/handover/{token}")
    String takeOver(
            @PathVariable String token,
            Model model,
            Locale locale,
            RedirectAttributes flash,
            HttpServletResponse response) {
        Optional<HandoverInvitation> invitation = invitation(token);
        if (invitation.isEmpty()) {
            return invalidLink(response);
        }
        TakeoverOutcome outcome;
        try {
            outcome = service.takeOverSeat(new ManageToken(token), locale);
        } catch (RegistrationNotFoundException e) {
            return invalidLink(response);
        }
        if (outcome instanceof TakeoverOutcome.TakenOver taken) {
            flash.addFlashAttribute("done", messages.getMessage("manage.done.takenOver", null, locale));
            return "redirect:/manage/" + taken.token().value();
        }
        TakeoverOutcome.Refused refused = (TakeoverOutcome.Refused) outcome;
        model.addAttribute(
                "problem",
                refused.reasons().stream().map(r -> r.message(locale)).collect(Collectors.joining(" ")));
        return render(token, invitation.get(), model, locale);
    }

    private String render(String token, HandoverInvitation invitation, Model model, Locale locale) {
        Event event = Views.requireEvent(service, invitation.eventId().value());
        model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
        model.addAttribute("from", invitation.fromName());
        model.addAttribute("to", invitation.toName());
        model.addAttribute("expires", Views.dateTime(invitation.expiresAt(), locale));
        model.addAttribute("handoverPath", "/handover/" + token);
        return "handover";
    }

    private Optional<HandoverInvitation> invitation(String token) {
        if (!token.matches(TOKEN)) {
            return Optional.empty();
        }
        return service.findHandoverInvitation(new ManageToken(token));
    }

    private static boolean hasLanguageCookie(HttpServletRequest request) {
        jakarta.servlet.http.Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (jakarta.servlet.http.Cookie c : cookies) {
                if (WebConfiguration.LANG.equals(c.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String invalidLink(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "invalid-link";
    }
}
