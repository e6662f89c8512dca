package org.eventregistration.examples.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.Event;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.examples.portal.PortalProperties;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Localizable;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.i18n.Messages;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.Violation;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.service.SeatCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The public pages: the event list, an event, the registration form and the receipt. The form is
 * rate-limited per client address and per event ({@link RegistrationLimits}), and refused when its
 * hidden honeypot field is filled in or it comes back sooner than a person could fill it in
 * ({@link FormStamp}).
 */
@Controller
class PublicController {
    private static final Logger log = LoggerFactory.getLogger(PublicController.class);

    /** The form's fields in the order they appear, for the error summary. */
    private static final List<String> FIXED_FIELDS =
            List.of("name", "email", "phone", "organisationName", "organisationNumber", "sector", "role");

    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;
    private final ValidatorFactory validation;
    private final PublicCounts counts;
    private final RegistrationLimits limits;
    private final FormStamp stamps;
    private final String baseUrl;

    PublicController(
            RegistrationService service,
            Clock clock,
            MessageSource messages,
            ValidatorFactory validation,
            PublicCounts counts,
            RegistrationLimits limits,
            FormStamp stamps,
            PortalProperties properties) {
        this.counts = counts;
        this.limits = limits;
        this.stamps = stamps;
        this.baseUrl = properties.baseUrlText();
        this.service = service;
        this.clock = clock;
        this.messages = messages;
        this.validation = validation;
    }

    @InitBinder("form")
    void allowedFields(WebDataBinder binder) {
        binder.setAllowedFields(
                "name",
                "email",
                "phone",
                "organisationName",
                "organisationNumber",
                "sector",
                "role",
                "session",
                "answers[*]",
                "consent",
                "idempotencyKey",
                "formStamp",
                RegistrationForm.HONEYPOT);
    }

    @GetMapping("/")
    String index(Model model, Locale locale) {
        model.addAttribute(
                "events",
                counts.events().stream()
                        .map(e -> Views.summary(e, counts.of(e.id()), clock.instant(), locale))
                        .toList());
        return "index";
    }

    @GetMapping("/events/{id}")
    String event(@PathVariable String id, Model model, Locale locale) {
        Event event = event(id);
        model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
        return "event";
    }

    @GetMapping("/events/{id}/register")
    String form(@PathVariable String id, Model model, Locale locale) {
        Event event = event(id);
        return showForm(event, new RegistrationForm(), new FormErrors(), model, locale);
    }

    @PostMapping("/events/{id}/register")
    String register(
            @PathVariable String id,
            @ModelAttribute("form") RegistrationForm form,
            Model model,
            Locale locale,
            HttpSession session,
            HttpServletRequest http,
            HttpServletResponse response) {
        Event event = event(id);
        Duration wait = limits.acquire(http.getRemoteAddr(), event.id());
        if (!wait.isZero()) {
            log.info(
                    "registration refused by the rate limit: event={}",
                    event.id().value());
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds() + 1));
            model.addAttribute("status", HttpStatus.TOO_MANY_REQUESTS.value());
            return "error";
        }
        FormErrors errors = new FormErrors();
        if (!form.getWebsite().isEmpty() || !stamps.accepts(form.getFormStamp(), event.id())) {
            log.info(
                    "registration form refused as automated: event={}",
                    event.id().value());
            errors.add("submit", text("form.error.notAccepted", locale));
            return showForm(event, form, errors, model, locale);
        }
        Sector sector = parse(Sector.class, form.getSector());
        Role role = parse(Role.class, form.getRole());
        // Only what the event asks for is required (and kept: the library drops the rest).
        if (sector == null && event.asksFor(PersonalField.SECTOR)) {
            errors.add("sector", text("form.error.sector", locale));
        }
        if (role == null && event.asksFor(PersonalField.ROLE)) {
            errors.add("role", text("form.error.role", locale));
        }
        fullSession(event, form.getSession())
                .ifPresent(title -> errors.add(
                        "session-none",
                        messages.getMessage("form.error.sessionFull", new Object[] {title.message(locale)}, locale)));
        RegistrationRequest request = request(event, form, sector, role, locale);
        if (!form.isConsent()) {
            errors.add("consent", text("form.error.consent", locale));
        }
        if (!errors.isEmpty()) {
            // Nothing may be registered without consent: show every other problem too, without registering.
            validateOnly(event, request, errors, locale);
            return showForm(event, form, errors, model, locale);
        }
        RegistrationOutcome outcome = service.register(request);
        if (outcome instanceof RegistrationOutcome.Invalid invalid) {
            for (Violation v : invalid.violations()) {
                errors.add(fieldId(event, v.field()), message(event, v.field(), v.code(), v.message(locale), locale));
            }
            return showForm(event, form, errors, model, locale);
        }
        session.setAttribute(Receipt.SESSION_KEY, receipt(event, outcome));
        return "redirect:/receipt";
    }

    @GetMapping("/receipt")
    String receipt(HttpSession session, Model model, Locale locale) {
        if (!(session.getAttribute(Receipt.SESSION_KEY) instanceof Receipt receipt)) {
            return "redirect:/";
        }
        Event event = event(receipt.eventId());
        receipt = current(receipt);
        model.addAttribute("receipt", receipt);
        model.addAttribute("titleKey", "receipt.title." + receipt.outcome());
        model.addAttribute("textKey", "receipt.text." + receipt.outcome());
        model.addAttribute("reasons", receipt.reasonsIn(Views.lang(locale)));
        model.addAttribute("event", Views.page(event, counts.of(event.id()), clock.instant(), locale));
        if (!receipt.manageToken().isEmpty()) {
            String path = "/manage/" + receipt.manageToken();
            model.addAttribute("managePath", path);
            model.addAttribute("manageUrl", baseUrl + path);
        }
        return "receipt";
    }

    /**
     * The receipt as the registration stands now, not as it stood when the form was sent: a reload
     * after a promotion, a cancellation or an approval shows the new state (and an ended
     * registration no longer offers its link).
     */
    private Receipt current(Receipt receipt) {
        if (receipt.manageToken().isEmpty()) {
            return receipt;
        }
        ManageToken token = new ManageToken(receipt.manageToken());
        Optional<Registration> found = service.findByManageToken(token);
        if (found.isEmpty()) {
            return new Receipt(receipt.eventId(), "ENDED", 0, Map.of(), "");
        }
        Registration r = found.get();
        String outcome = switch (r.status()) {
            case CONFIRMED, CHECKED_IN, NO_SHOW -> "CONFIRMED";
            case WAITLISTED -> "WAITLISTED";
            case OFFERED -> "OFFERED";
            case PENDING_APPROVAL ->
                receipt.outcome().equals("AWAITING_CONFIRMATION") && !r.addressConfirmed()
                        ? "AWAITING_CONFIRMATION"
                        : "PENDING_APPROVAL";
            default -> "ENDED";
        };
        if (outcome.equals("ENDED")) {
            return new Receipt(receipt.eventId(), outcome, 0, Map.of(), "");
        }
        if (!r.addressConfirmed() && receipt.outcome().equals("AWAITING_CONFIRMATION")) {
            return receipt; // the person has not followed the link in the e-mail yet
        }
        int position =
                outcome.equals("WAITLISTED") ? service.waitingPosition(token).orElse(0) : 0;
        Map<String, List<String>> reasons = outcome.equals(receipt.outcome()) ? receipt.reasons() : Map.of();
        return new Receipt(receipt.eventId(), outcome, position, reasons, receipt.manageToken());
    }

    private String showForm(Event event, RegistrationForm form, FormErrors errors, Model model, Locale locale) {
        Views.EventPage page = Views.page(event, counts.of(event.id()), clock.instant(), locale);
        if (!stamps.accepts(form.getFormStamp(), event.id())) {
            form.setFormStamp(stamps.issue(event.id())); // a form re-shown after an error keeps its valid stamp
        }
        form.setWebsite("");
        model.addAttribute("event", page);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        List<String> order = new ArrayList<>(FIXED_FIELDS);
        order.add(event.sessions().isEmpty() ? "session" : "session-none");
        for (Question q : event.questions()) {
            order.add(questionFieldId(q));
        }
        order.add("consent");
        order.add("submit");
        model.addAttribute("errorItems", errors.items(order));
        model.addAttribute("sectors", options(Sector.values(), locale));
        model.addAttribute("roles", options(Role.values(), locale));
        model.addAttribute("askPhone", event.asksFor(PersonalField.PHONE));
        model.addAttribute("askOrganisation", event.asksFor(PersonalField.ORGANISATION));
        model.addAttribute("askSector", event.asksFor(PersonalField.SECTOR));
        model.addAttribute("askRole", event.asksFor(PersonalField.ROLE));
        return "register";
    }

    private static <E extends Enum<E> & Localizable> List<Views.Option> options(E[] values, Locale locale) {
        return java.util.Arrays.stream(values)
                .map(v -> new Views.Option(v.name(), capitalize(v.message(locale))))
                .toList();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static RegistrationRequest request(
            Event event, RegistrationForm form, Sector sector, Role role, Locale locale) {
        RegistrationRequest.Builder b = RegistrationRequest.builder(event.id())
                .name(form.getName())
                .email(form.getEmail())
                .phone(form.getPhone())
                .organisation(form.getOrganisationName(), form.getOrganisationNumber())
                .sector(sector == null ? Sector.OTHER : sector)
                .role(role == null ? Role.OTHER : role)
                .idempotencyKey(form.getIdempotencyKey())
                .language(Languages.resolve(locale));
        if (!form.getSession().isBlank()) {
            b.session(form.getSession());
        }
        for (Question q : event.questions()) {
            String answer = form.answer(q.id());
            if (answer != null && !answer.isBlank()) {
                b.answer(q.id(), answer);
            }
        }
        return b.build();
    }

    /**
     * The title of the chosen workshop if it has no seat left: the form offers it disabled, but it
     * may have filled up since the form was shown. Choosing it is refused here, with the workshop's
     * name, rather than putting the whole registration on the waiting list for it.
     */
    private Optional<LocalizedText> fullSession(Event event, String chosen) {
        if (chosen.isBlank()) {
            return Optional.empty();
        }
        SeatCounts seats = counts.of(event.id());
        return event.sessions().stream()
                .filter(s -> s.id().value().equals(chosen))
                .filter(s -> seats.sessionSeatsTaken().getOrDefault(s.id(), 0) >= s.seats())
                .map(Session::title)
                .findFirst();
    }

    /** The library's field checks, without registering: used when the portal's own checks failed. */
    private void validateOnly(Event event, RegistrationRequest request, FormErrors errors, Locale locale) {
        Set<ConstraintViolation<RegistrationRequest>> violations =
                validation.getValidator().validate(request);
        for (ConstraintViolation<RegistrationRequest> v : violations) {
            String field = v.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
            if (field.equals("sector") || field.equals("role") || field.equals("idempotencyKey")) {
                continue;
            }
            errors.add(fieldId(event, field), message(event, field, v.getMessageTemplate(), v.getMessage(), locale));
        }
        for (Question q : event.questions()) {
            if (q.required() && !request.answers().containsKey(q.id())) {
                errors.add(questionFieldId(q), Messages.format("validation.answer.required", locale, q.label()));
            }
        }
    }

    /** The id of the form field a violation's path points at. */
    private static String fieldId(Event event, String field) {
        if (FIXED_FIELDS.contains(field)) {
            return field;
        }
        if (field.startsWith("sessions")) {
            return event.sessions().isEmpty() ? "session" : "session-none";
        }
        if (field.startsWith("answers[") && field.endsWith("]")) {
            String questionId = field.substring("answers[".length(), field.length() - 1);
            return event.question(questionId)
                    .map(PublicController::questionFieldId)
                    .orElse("name");
        }
        return "name";
    }

    static String questionFieldId(Question q) {
        return "answers-" + q.id() + (q.kind() == Question.Kind.TEXT ? "" : "-0");
    }

    /**
     * A message that names its field: the constraints' messages ("må fylles ut") get the field's
     * label in front and a full stop after, like the portal's own; the library's other messages are
     * whole sentences already.
     */
    private String message(Event event, String field, String code, String message, Locale locale) {
        if (!code.startsWith("{") && !code.equals("validation.blank")) {
            return message;
        }
        String label;
        if (field.startsWith("answers[") && field.endsWith("]")) {
            String questionId = field.substring("answers[".length(), field.length() - 1);
            label = event.question(questionId)
                    .map(q -> q.label().message(locale))
                    .orElse("");
        } else {
            label = messages.getMessage("form." + field + ".label", null, field, locale);
        }
        String sentence = label + " " + message;
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    private Receipt receipt(Event event, RegistrationOutcome outcome) {
        Map<String, List<String>> reasons = new HashMap<>();
        List<? extends Localizable> why = List.of();
        String kind;
        String token = "";
        int position = 0;
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            kind = "CONFIRMED";
            token = c.manageToken().value();
        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            kind = "WAITLISTED";
            token = w.manageToken().value();
            position = w.position();
            why = w.reasons();
        } else if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            kind = "PENDING_APPROVAL";
            token = p.manageToken().value();
            why = p.reasons();
        } else if (outcome instanceof RegistrationOutcome.Rejected r) {
            kind = "REJECTED";
            why = r.reasons();
        } else if (outcome instanceof RegistrationOutcome.AwaitingAddressConfirmation) {
            kind = "AWAITING_CONFIRMATION";
        } else if (outcome instanceof RegistrationOutcome.Repeated) {
            kind = "REPEATED";
        } else if (outcome instanceof RegistrationOutcome.IdempotencyKeyReused) {
            kind = "KEY_REUSED";
        } else {
            kind = "ALREADY_REGISTERED";
        }
        for (Locale l : Languages.SUPPORTED) {
            List<String> texts = new ArrayList<>();
            why.forEach(reason -> texts.add(reason.message(l)));
            reasons.put(l.getLanguage(), texts);
        }
        return new Receipt(event.id().value(), kind, position, reasons, token);
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Event event(String id) {
        return counts.requireEvent(id);
    }
}
