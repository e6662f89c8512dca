package org.eventregistration.examples.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eventregistration.event.Event;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.service.PersonalDataExport;
import org.eventregistration.service.RegistrationService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The pages the links in the e-mails lead to, and the "lost your link?" forms.
 *
 * <ul>
 *   <li>{@code /confirm/{token}}: a button that confirms the address. Opening the link changes
 *       nothing (mail scanners open links); only the POST confirms.
 *   <li>{@code /events/{id}/link}: a new manage link by e-mail; {@code /events/{id}/my-data}: a
 *       link to see or erase one's data. The answer is the same whether or not the address is
 *       registered.
 *   <li>{@code /data/{token}}: download the data as JSON, or erase it (after a second step).
 * </ul>
 *
 * A wrong, expired or used-up link gets a 404 page that says so, in the person's language.
 */
@Controller
class SelfServiceController {
    private static final String TOKEN = "[A-Za-z0-9_-]{20,100}";

    private final RegistrationService service;
    private final Clock clock;
    private final PublicCounts counts;

    SelfServiceController(RegistrationService service, Clock clock, PublicCounts counts) {
        this.service = service;
        this.clock = clock;
        this.counts = counts;
    }

    // ---------------------------------------------------------------- confirm the address

    /** The confirmation links this browser session has confirmed (their hashes): their page shows the result. */
    private static final String CONFIRMED_LINKS = "portal.confirmedLinks";

    /**
     * The confirmation page: a button while the address is unconfirmed; after the button (a
     * POST-redirect-GET), the registration as it stands now, on every reload too. Opening the link
     * never confirms anything by itself: mail scanners open links.
     */
    @GetMapping("/confirm/{token}")
    String confirmForm(
            @PathVariable String token, Model model, Locale locale, HttpSession session, HttpServletResponse response) {
        if (!token.matches(TOKEN)) {
            return invalidLink(model, response);
        }
        if (model.containsAttribute("problem")) {
            return "confirm"; // too late: the flash attribute of the POST below
        }
        ManageToken t = new ManageToken(token);
        if (session.getAttribute(CONFIRMED_LINKS) instanceof Set<?> confirmed && confirmed.contains(t.hash())) {
            try {
                // Confirmed by this person in this session: asking again changes nothing and gives the state.
                Registration r = service.confirmAddress(t);
                Event event = service.findEvent(r.eventId()).orElseThrow(RegistrationNotFoundException::new);
                model.addAttribute("confirmed", true);
                model.addAttribute("status", r.status().message(locale));
                model.addAttribute("statusCode", r.status().name());
                model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
                return "confirm";
            } catch (RegistrationRefusedException e) {
                model.addAttribute("problem", e.localizedMessage(locale));
                return "confirm";
            } catch (RegistrationNotFoundException e) {
                return invalidLink(model, response); // ended since (cancelled): the link no longer works
            }
        }
        model.addAttribute("confirmPath", "/confirm/" + token);
        return "confirm";
    }

    @PostMapping("/confirm/{token}")
    String confirm(
            @PathVariable String token,
            Model model,
            Locale locale,
            HttpSession session,
            HttpServletResponse response,
            RedirectAttributes flash) {
        if (!token.matches(TOKEN)) {
            return invalidLink(model, response);
        }
        ManageToken t = new ManageToken(token);
        try {
            service.confirmAddress(t);
            Set<String> confirmed = new HashSet<>();
            if (session.getAttribute(CONFIRMED_LINKS) instanceof Set<?> before) {
                before.forEach(x -> confirmed.add(String.valueOf(x)));
            }
            confirmed.add(t.hash());
            session.setAttribute(CONFIRMED_LINKS, confirmed);
        } catch (RegistrationRefusedException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
        } catch (RegistrationNotFoundException e) {
            return invalidLink(model, response);
        }
        // POST-redirect-GET: a reload shows the page again and sends nothing.
        return "redirect:/confirm/" + token;
    }

    // ---------------------------------------------------------------- lost link, my data

    @GetMapping("/events/{id}/link")
    String lostLinkForm(
            @PathVariable String id, @RequestParam(required = false) String sent, Model model, Locale locale) {
        model.addAttribute("sent", sent != null);
        return requestForm(id, "link", "", model, locale);
    }

    @PostMapping("/events/{id}/link")
    String lostLink(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String email,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        return request(id, "link", email, model, locale, response);
    }

    @GetMapping("/events/{id}/my-data")
    String myDataForm(
            @PathVariable String id, @RequestParam(required = false) String sent, Model model, Locale locale) {
        model.addAttribute("sent", sent != null);
        return requestForm(id, "data", "", model, locale);
    }

    @PostMapping("/events/{id}/my-data")
    String myData(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String email,
            Model model,
            Locale locale,
            HttpServletResponse response) {
        return request(id, "data", email, model, locale, response);
    }

    private String requestForm(String id, String kind, String email, Model model, Locale locale) {
        Event event = counts.requireEvent(id);
        model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
        model.addAttribute("kind", kind);
        model.addAttribute("email", email);
        model.addAttribute("action", "/events/" + event.id().value() + ("link".equals(kind) ? "/link" : "/my-data"));
        return "request-link";
    }

    private String request(
            String id, String kind, String email, Model model, Locale locale, HttpServletResponse response) {
        Event event = counts.requireEvent(id);
        String address = email.strip();
        if (address.isEmpty() || address.length() > 320 || !address.matches("[^@\\s]+@[^@\\s]+")) {
            model.addAttribute("emailError", true);
            return requestForm(id, kind, email.length() > 320 ? "" : email, model, locale);
        }
        if ("link".equals(kind)) {
            service.requestLink(event.id(), address);
        } else {
            service.requestPersonalData(event.id(), address);
        }
        // POST-redirect-GET: a reload shows the same answer and sends nothing again. The answer is
        // the same whether the address is registered or not.
        return "redirect:/events/" + event.id().value() + ("link".equals(kind) ? "/link" : "/my-data") + "?sent=1";
    }

    // ---------------------------------------------------------------- my data

    @GetMapping("/data/{token}")
    String dataPage(
            @PathVariable String token,
            @RequestParam(required = false) String erased,
            Model model,
            HttpServletResponse response) {
        if (!token.matches(TOKEN)) {
            return invalidLink(model, response);
        }
        model.addAttribute("dataPath", "/data/" + token);
        if (erased != null && !model.containsAttribute("erased")) {
            model.addAttribute("erasedBefore", true); // a reload of the result: nothing is erased again
        }
        return "data";
    }

    @PostMapping("/data/{token}/export")
    Object export(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!token.matches(TOKEN)) {
            return invalidLink(model, response);
        }
        PersonalDataExport export;
        try {
            export = service.exportPersonalData(new ManageToken(token));
        } catch (RegistrationNotFoundException e) {
            return invalidLink(model, response);
        }
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("my-data.json")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export.toJson());
    }

    @PostMapping("/data/{token}/erase")
    String erase(
            @PathVariable String token,
            @RequestParam(defaultValue = "false") boolean confirmed,
            Model model,
            HttpServletResponse response,
            RedirectAttributes flash) {
        if (!token.matches(TOKEN)) {
            return invalidLink(model, response);
        }
        model.addAttribute("dataPath", "/data/" + token);
        if (!confirmed) {
            model.addAttribute("confirmErase", true);
            return "data";
        }
        try {
            int erased = service.erasePersonalData(new ManageToken(token));
            flash.addFlashAttribute("erased", erased);
        } catch (RegistrationNotFoundException e) {
            return invalidLink(model, response);
        }
        // POST-redirect-GET: a reload shows the result and erases nothing again.
        return "redirect:/data/" + token + "?erased=1";
    }

    /** The forms' addresses opened as pages (a bookmark, a reload after the browser's warning): the page itself. */
    @GetMapping({"/data/{token}/erase", "/data/{token}/export"})
    String dataFormAddress(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!token.matches(TOKEN)) {
            return invalidLink(model, response);
        }
        return "redirect:/data/" + token;
    }

    private static String invalidLink(Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "invalid-link";
    }
}
