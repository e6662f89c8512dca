package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Function;
import org.eventregistration.RegistrationException;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.Violation;
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
 * cancel, or answer an offered seat; change the answers and the workshop; give the seat to a
 * colleague. The token is the only personal thing in any URL. A form with errors is shown again
 * with them; a change that worked redirects back to the page (POST, redirect, GET).
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
        java.util.Optional<Registration> found = service.findByManageToken(t);
        if (found.isEmpty()) {
            // A seat handed over to a colleague: the link says so, instead of "not found".
            Registration handed =
                    service.findHandedOver(t).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
            Locale shown = languageChosen(request) ? locale : handed.language();
            if (!languageChosen(request)) {
                org.springframework.web.servlet.support.RequestContextUtils.getLocaleResolver(request)
                        .setLocale(request, response, shown);
            }
            Event event = Views.requireEvent(service, handed.eventId().value());
            model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), shown));
            return "handed-over";
        }
        Registration r = found.get();
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
        return render(r, position, token, model, locale, null, null, new FormErrors());
    }

    /** The manage page, with the change and hand-over forms as submitted (null: as the registration has them). */
    private String render(
            Registration r,
            OptionalInt position,
            String token,
            Model model,
            Locale locale,
            ChoicesForm choices,
            ColleagueForm colleague,
            FormErrors errors) {
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
        Views.EventPage page = Views.page(event, counts.of(event.id()), clock.instant(), locale);
        model.addAttribute("event", page);
        model.addAttribute("managePath", "/manage/" + token);
        boolean open = beforeDeadline && !event.isCancelled() && r.status().isActive();
        boolean canChange = open
                && (!event.sessions().isEmpty() || !event.questions().isEmpty())
                && r.status() != RegistrationStatus.CHECKED_IN;
        boolean canHandOver = open && r.status() == RegistrationStatus.CONFIRMED && r.addressConfirmed();
        model.addAttribute("canChange", canChange);
        model.addAttribute("canHandOver", canHandOver);
        model.addAttribute("choices", choices != null ? choices : ChoicesForm.of(r));
        model.addAttribute("colleague", colleague != null ? colleague : new ColleagueForm("", "", ""));
        model.addAttribute(
                "askOrganisationNumber", r.attendee().organisationNumber().isPresent());
        model.addAttribute(
                "colleagueDomain",
                r.attendee().organisationNumber().isPresent()
                        ? ""
                        : r.attendee().emailDomain());
        model.addAttribute(
                "pendingHandover",
                r.handover()
                        .filter(h -> h.liveAt(clock.instant()))
                        .map(h -> messages.getMessage(
                                "manage.handover.pending",
                                new Object[] {h.name(), Views.dateTime(h.expiresAt(), locale)},
                                locale))
                        .orElse(null));
        model.addAttribute("errors", errors);
        java.util.List<String> order = new java.util.ArrayList<>();
        order.add("session-none");
        event.questions().forEach(q -> order.add(PublicController.questionFieldId(q)));
        order.addAll(java.util.List.of("colleague-name", "colleague-email", "colleague-organisationNumber"));
        model.addAttribute("errorItems", errors.items(order));
        return "manage";
    }

    /** The change form as submitted: the workshop chosen and the answers by question id. */
    record ChoicesForm(String session, java.util.Map<String, String> answers) {
        static ChoicesForm of(Registration r) {
            return new ChoicesForm(
                    r.sessions().isEmpty() ? "" : r.sessions().first().value(), r.answers());
        }

        /** The answer to one question, or empty: for the template. */
        public String answer(String questionId) {
            return answers.getOrDefault(questionId, "");
        }
    }

    /** The hand-over form as submitted. */
    record ColleagueForm(String name, String email, String organisationNumber) {}

    @PostMapping("/manage/{token}/change")
    String change(
            @PathVariable String token,
            @org.springframework.web.bind.annotation.RequestParam java.util.Map<String, String> params,
            RedirectAttributes flash,
            Model model,
            Locale locale) {
        ManageToken t = token(token);
        Registration r =
                service.findByManageToken(t).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Event event = Views.requireEvent(service, r.eventId().value());
        java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith("answers[") && k.endsWith("]")) {
                answers.put(k.substring("answers[".length(), k.length() - 1), v);
            }
        });
        String session = params.getOrDefault("session", "").strip();
        ChoicesForm form = new ChoicesForm(session, answers);
        java.util.Map<String, String> given = new java.util.LinkedHashMap<>();
        answers.forEach((k, v) -> {
            if (!v.isBlank()) {
                given.put(k, v);
            }
        });
        ChangeOutcome outcome;
        try {
            outcome = service.changeChoices(
                    t, new ChoicesChange(given, session.isEmpty() ? java.util.Set.of() : java.util.Set.of(session)));
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
            return "redirect:/manage/" + token;
        }
        FormErrors errors = new FormErrors();
        if (outcome instanceof ChangeOutcome.Changed || outcome instanceof ChangeOutcome.Unchanged) {
            flash.addFlashAttribute(
                    "done",
                    messages.getMessage(
                            outcome instanceof ChangeOutcome.Changed ? "manage.done.changed" : "manage.done.unchanged",
                            null,
                            locale));
            return "redirect:/manage/" + token;
        } else if (outcome instanceof ChangeOutcome.Invalid invalid) {
            for (Violation v : invalid.violations()) {
                errors.add(choiceFieldId(event, v.field()), v.message(locale));
            }
        } else if (outcome instanceof ChangeOutcome.Refused refused) {
            for (Reason reason : refused.reasons()) {
                errors.add("session-none", reason.message(locale));
            }
        }
        return render(r, service.waitingPosition(t), token, model, locale, form, null, errors);
    }

    @PostMapping("/manage/{token}/handover")
    String handOver(
            @PathVariable String token,
            @org.springframework.web.bind.annotation.RequestParam(name = "colleague-name", defaultValue = "")
                    String colleagueName,
            @org.springframework.web.bind.annotation.RequestParam(name = "colleague-email", defaultValue = "")
                    String colleagueEmail,
            @org.springframework.web.bind.annotation.RequestParam(
                            name = "colleague-organisationNumber",
                            defaultValue = "")
                    String colleagueOrganisationNumber,
            RedirectAttributes flash,
            Model model,
            Locale locale) {
        ManageToken t = token(token);
        Registration r =
                service.findByManageToken(t).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ColleagueForm form = new ColleagueForm(colleagueName, colleagueEmail, colleagueOrganisationNumber);
        HandoverOutcome outcome;
        try {
            outcome = service.offerSeat(
                    t, new HandoverRequest(colleagueName, colleagueEmail, colleagueOrganisationNumber));
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
            return "redirect:/manage/" + token;
        }
        if (outcome instanceof HandoverOutcome.Offered offered) {
            flash.addFlashAttribute(
                    "done",
                    messages.getMessage(
                            "manage.done.handoverOffered",
                            new Object[] {colleagueEmail.strip(), Views.dateTime(offered.expiresAt(), locale)},
                            locale));
            return "redirect:/manage/" + token;
        }
        FormErrors errors = new FormErrors();
        if (outcome instanceof HandoverOutcome.Invalid invalid) {
            for (Violation v : invalid.violations()) {
                String field = v.field();
                String message = v.message(locale);
                if (v.code().startsWith("{") || v.code().equals("validation.blank")) {
                    // A constraint's message ("må fylles ut") gets the field's label in front.
                    String label = messages.getMessage("manage.handover." + field, null, field, locale);
                    message = label + " " + message;
                    message = message.endsWith(".") ? message : message + ".";
                }
                errors.add("colleague-" + field, message);
            }
        } else if (outcome instanceof HandoverOutcome.Refused refused) {
            for (Reason reason : refused.reasons()) {
                errors.add("colleague-email", reason.message(locale));
            }
        }
        return render(r, service.waitingPosition(t), token, model, locale, null, form, errors);
    }

    /** The id of the change form's field a violation's path points at. */
    private static String choiceFieldId(Event event, String field) {
        if (field.startsWith("answers[") && field.endsWith("]")) {
            String questionId = field.substring("answers[".length(), field.length() - 1);
            return event.question(questionId)
                    .map(PublicController::questionFieldId)
                    .orElse("session-none");
        }
        return "session-none";
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
