package org.eventregistration.examples.portal.web;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eventregistration.RegistrationException;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.Event;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Localizable;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.Violation;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The organiser's day: adding a person by hand (a telephone registration, {@code ADMIN}), the
 * day-of check-in list (search by name, big buttons, for a phone at the door), the check-in page
 * a QR code from a confirmation opens ({@code /check-in/{token}}, staff only: anyone else gets the
 * login page), and the print view (participant list and name badges). Check-in staff ({@code
 * CHECK_IN}) may check in; everything else needs {@code ADMIN}.
 */
@Controller
@PreAuthorize("hasRole('CHECK_IN')")
class OrganiserDayController {
    private static final Logger log = LoggerFactory.getLogger(OrganiserDayController.class);

    /** The statuses of the people at the door: a seat, checked in or not. */
    private static final Set<RegistrationStatus> AT_THE_DOOR =
            EnumSet.of(RegistrationStatus.CONFIRMED, RegistrationStatus.CHECKED_IN, RegistrationStatus.NO_SHOW);

    /** The most people the check-in list shows at once: search narrows it. */
    static final int CHECK_IN_LIST_MAX = 200;

    private final RegistrationService service;
    private final Clock clock;
    private final MessageSource messages;

    OrganiserDayController(RegistrationService service, Clock clock, MessageSource messages) {
        this.service = service;
        this.clock = clock;
        this.messages = messages;
    }

    private OrganiserConsole console(Authentication user) {
        return Organisers.console(service, user);
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    // ---------------------------------------------------------------- adding by hand

    /** The form of a person added by hand. */
    public static class AddForm {
        private String name = "";
        private String email = "";
        private String phone = "";
        private String organisationName = "";
        private String sector = "";
        private String role = "";
        private String session = "";
        private String language = "nb";
        private Map<String, String> answers = new LinkedHashMap<>();

        private static String text(String value) {
            return value == null ? "" : value;
        }

        /** The full name. */
        public String getName() {
            return name;
        }

        /** Sets the full name. */
        public void setName(String name) {
            this.name = text(name);
        }

        /** The e-mail address. */
        public String getEmail() {
            return email;
        }

        /** Sets the e-mail address. */
        public void setEmail(String email) {
            this.email = text(email);
        }

        /** The phone number. */
        public String getPhone() {
            return phone;
        }

        /** Sets the phone number. */
        public void setPhone(String phone) {
            this.phone = text(phone);
        }

        /** The organisation's name. */
        public String getOrganisationName() {
            return organisationName;
        }

        /** Sets the organisation's name. */
        public void setOrganisationName(String organisationName) {
            this.organisationName = text(organisationName);
        }

        /** The sector's enum name, or empty. */
        public String getSector() {
            return sector;
        }

        /** Sets the sector. */
        public void setSector(String sector) {
            this.sector = text(sector);
        }

        /** The role's enum name, or empty. */
        public String getRole() {
            return role;
        }

        /** Sets the role. */
        public void setRole(String role) {
            this.role = text(role);
        }

        /** The chosen workshop, or empty. */
        public String getSession() {
            return session;
        }

        /** Sets the chosen workshop. */
        public void setSession(String session) {
            this.session = text(session);
        }

        /** The answers to the event's questions, by question id. */
        public Map<String, String> getAnswers() {
            return answers;
        }

        /** Sets the answers. */
        public void setAnswers(Map<String, String> answers) {
            this.answers = answers == null ? new LinkedHashMap<>() : answers;
        }

        /** The answer to one question, or empty. */
        public String answer(String questionId) {
            return answers.getOrDefault(questionId, "");
        }

        /** The language of the person's e-mails: nb, nn or en. */
        public String getLanguage() {
            return language;
        }

        /** Sets the language of the person's e-mails. */
        public void setLanguage(String language) {
            this.language = text(language);
        }
    }

    @GetMapping("/organiser/events/{id}/add")
    @PreAuthorize("hasRole('ADMIN')")
    String addForm(@PathVariable String id, Model model, Locale locale, Authentication principal) {
        OrganiserConsole console = console(principal);
        Event event = Organisers.requireOwnEvent(service, console, id);
        AddForm form = new AddForm();
        form.setLanguage(Views.lang(locale));
        return showAddForm(console, event, form, new FormErrors(), model, locale);
    }

    @PostMapping("/organiser/events/{id}/add")
    @PreAuthorize("hasRole('ADMIN')")
    String add(
            @PathVariable String id,
            @ModelAttribute("form") AddForm form,
            Model model,
            Locale locale,
            Authentication principal,
            RedirectAttributes flash) {
        OrganiserConsole console = console(principal);
        Event event = Organisers.requireOwnEvent(service, console, id);
        FormErrors errors = new FormErrors();
        Sector sector = parse(Sector.class, form.getSector());
        Role role = parse(Role.class, form.getRole());
        if (sector == null && event.asksFor(PersonalField.SECTOR)) {
            errors.add("sector", text("form.error.sector", locale));
        }
        if (role == null && event.asksFor(PersonalField.ROLE)) {
            errors.add("role", text("form.error.role", locale));
        }
        RegistrationRequest.Builder b = RegistrationRequest.builder(event.id())
                .name(form.getName())
                .email(form.getEmail())
                .phone(form.getPhone())
                .organisation(form.getOrganisationName())
                .sector(sector == null ? Sector.OTHER : sector)
                .role(role == null ? Role.OTHER : role)
                .language(Languages.resolve(
                        Locale.forLanguageTag(form.getLanguage().matches("nb|nn|en") ? form.getLanguage() : "nb")));
        if (!form.getSession().isBlank()
                && event.sessions().stream().anyMatch(s -> s.id().value().equals(form.getSession()))) {
            b.session(form.getSession());
        }
        for (Question q : event.questions()) {
            String answer = form.answer(q.id());
            if (!answer.isBlank()) {
                b.answer(q.id(), answer);
            }
        }
        RegistrationRequest request;
        try {
            request = b.build();
        } catch (IllegalArgumentException e) {
            errors.add("name", text("add.error.invalid", locale));
            return showAddForm(console, event, form, errors, model, locale);
        }
        if (!errors.isEmpty()) {
            for (Violation v : service.validate(request)) {
                errors.add(fieldId(event, v.field()), v.message(locale));
            }
            return showAddForm(console, event, form, errors, model, locale);
        }
        RegistrationOutcome outcome;
        try {
            outcome = console.addParticipant(request);
        } catch (RegistrationException e) {
            errors.add("submit", e.localizedMessage(locale));
            return showAddForm(console, event, form, errors, model, locale);
        }
        if (outcome instanceof RegistrationOutcome.Invalid invalid) {
            for (Violation v : invalid.violations()) {
                errors.add(fieldId(event, v.field()), v.message(locale));
            }
            return showAddForm(console, event, form, errors, model, locale);
        }
        if (outcome instanceof RegistrationOutcome.AlreadyRegistered) {
            errors.add("email", text("add.error.alreadyRegistered", locale));
            return showAddForm(console, event, form, errors, model, locale);
        }
        if (outcome instanceof RegistrationOutcome.Rejected rejected) {
            errors.add(
                    "submit",
                    text("add.error.rejected", locale)
                            + " "
                            + String.join(
                                    " ",
                                    rejected.reasons().stream()
                                            .map(r -> r.message(locale))
                                            .toList()));
            return showAddForm(console, event, form, errors, model, locale);
        }
        String done = outcome instanceof RegistrationOutcome.Waitlisted w
                ? text("add.done.waitlisted", locale, form.getName().strip(), w.position())
                : text("add.done.confirmed", locale, form.getName().strip());
        flash.addFlashAttribute("done", done);
        return "redirect:/organiser/events/" + event.id().value();
    }

    private String showAddForm(
            OrganiserConsole console, Event event, AddForm form, FormErrors errors, Model model, Locale locale) {
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute(
                "errorItems",
                errors.items(Stream.of(
                                Stream.of("name", "email", "phone", "organisationName", "sector", "role", "session"),
                                event.questions().stream().map(PublicController::questionFieldId),
                                Stream.of("language", "submit"))
                        .flatMap(x -> x)
                        .toList()));
        model.addAttribute("sectors", options(Sector.values(), locale));
        model.addAttribute("roles", options(Role.values(), locale));
        model.addAttribute("askPhone", event.asksFor(PersonalField.PHONE));
        model.addAttribute("askOrganisation", event.asksFor(PersonalField.ORGANISATION));
        model.addAttribute("askSector", event.asksFor(PersonalField.SECTOR));
        model.addAttribute("askRole", event.asksFor(PersonalField.ROLE));
        model.addAttribute(
                "sessions",
                event.sessions().stream()
                        .map(s -> new Views.Option(s.id().value(), s.title().message(locale)))
                        .toList());
        model.addAttribute(
                "languages",
                List.of(
                        new Views.Option("nb", "Bokmål"),
                        new Views.Option("nn", "Nynorsk"),
                        new Views.Option("en", "English")));
        return "organiser/add-participant";
    }

    private static String fieldId(Event event, String field) {
        String f = field.replaceAll("\\.<[^>]+>", "");
        if (f.startsWith("answers[") && f.endsWith("]")) {
            return event.question(f.substring("answers[".length(), f.length() - 1))
                    .map(PublicController::questionFieldId)
                    .orElse("submit");
        }
        return switch (f) {
            case "name", "email", "phone", "organisationName", "sector", "role" -> f;
            case "organisationNumber" -> "organisationName";
            default -> f.startsWith("sessions") ? "session" : "submit";
        };
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static <E extends Enum<E> & Localizable> List<Views.Option> options(E[] values, Locale locale) {
        return java.util.Arrays.stream(values)
                .map(v -> new Views.Option(v.name(), Organisers.capitalize(v.message(locale))))
                .toList();
    }

    // ---------------------------------------------------------------- the day-of check-in list

    /** One person at the door. */
    record Arrival(
            String id,
            String name,
            String organisation,
            String sessions,
            String status,
            String statusCode,
            boolean canCheckIn,
            boolean canUndo) {}

    @GetMapping("/organiser/events/{id}/check-in")
    String checkInList(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String q,
            Model model,
            Locale locale,
            Authentication principal) {
        OrganiserConsole console = console(principal);
        Event event = Organisers.requireOwnEvent(service, console, id);
        String search = q.strip();
        if (search.length() > 100) {
            search = search.substring(0, 100);
        }
        String needle = search.toLowerCase(Locale.ROOT);
        List<Registration> here = console.registrations(event.id()).stream()
                .filter(r -> AT_THE_DOOR.contains(r.status()) && !r.anonymised())
                .filter(r -> needle.isEmpty()
                        || r.attendee().name().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(
                        (Registration r) -> r.attendee().name(), java.text.Collator.getInstance(locale)))
                .toList();
        int total = here.size();
        List<Arrival> arrivals = here.stream()
                .limit(CHECK_IN_LIST_MAX)
                .map(r -> arrival(event, r, locale))
                .toList();
        var stats = console.statistics(event.id());
        model.addAttribute("event", Views.page(event, stats.seatCounts(), clock.instant(), locale));
        model.addAttribute("arrivals", arrivals);
        model.addAttribute("q", search);
        model.addAttribute("total", total);
        model.addAttribute("more", Math.max(0, total - arrivals.size()));
        model.addAttribute("checkedIn", stats.byStatus().getOrDefault(RegistrationStatus.CHECKED_IN, 0));
        model.addAttribute(
                "expected",
                stats.byStatus().getOrDefault(RegistrationStatus.CONFIRMED, 0)
                        + stats.byStatus().getOrDefault(RegistrationStatus.CHECKED_IN, 0)
                        + stats.byStatus().getOrDefault(RegistrationStatus.NO_SHOW, 0));
        return "organiser/check-in";
    }

    @PostMapping("/organiser/events/{id}/check-in/{registrationId}")
    String checkInFromList(
            @PathVariable String id,
            @PathVariable String registrationId,
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "checkin") String action,
            Authentication principal,
            RedirectAttributes flash,
            Locale locale) {
        OrganiserConsole console = console(principal);
        Event event = Organisers.requireOwnEvent(service, console, id);
        Registration r = Organisers.requireRegistration(console, event, registrationId);
        change(console, r, action, flash, locale);
        flash.addAttribute("q", q.length() > 100 ? q.substring(0, 100) : q);
        return "redirect:/organiser/events/" + event.id().value() + "/check-in";
    }

    private void change(
            OrganiserConsole console, Registration r, String action, RedirectAttributes flash, Locale locale) {
        try {
            Registration after = "undo".equals(action) ? console.undoCheckIn(r.id()) : console.checkIn(r.id());
            flash.addFlashAttribute(
                    "done",
                    text(
                            "undo".equals(action) ? "checkIn.done.undone" : "checkIn.done.checkedIn",
                            locale,
                            after.attendee().name()));
        } catch (RegistrationException e) {
            flash.addFlashAttribute("problem", e.localizedMessage(locale));
        }
    }

    private Arrival arrival(Event event, Registration r, Locale locale) {
        RegistrationStatus s = r.status();
        String sessions = String.join(
                ", ",
                r.sessions().stream()
                        .map(x -> event.session(x)
                                .map(y -> y.title().message(locale))
                                .orElse(x.value()))
                        .toList());
        return new Arrival(
                r.id().value(),
                r.attendee().name(),
                r.attendee().organisationName().orElse(""),
                sessions,
                Organisers.capitalize(s.message(locale)),
                s.name(),
                s.canMoveTo(RegistrationStatus.CHECKED_IN),
                s == RegistrationStatus.CHECKED_IN);
    }

    // ---------------------------------------------------------------- the QR code's page

    /**
     * The page a check-in QR code opens: the person, and a button that checks them in. Under the
     * staff's login (the security configuration sends anyone else to the login page, and back
     * here after it); a link that is unknown, expired or another organiser's is a 404.
     */
    @GetMapping("/check-in/{token}")
    String checkInByLink(@PathVariable String token, Model model, Locale locale, Authentication principal) {
        OrganiserConsole console = console(principal);
        Registration r = followCheckIn(console, token);
        Event event = Organisers.requireOwnEvent(service, console, r.eventId().value());
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("person", arrival(event, r, locale));
        model.addAttribute("token", token);
        return "organiser/check-in-person";
    }

    @PostMapping("/check-in/{token}")
    String checkInByLinkPost(
            @PathVariable String token,
            @RequestParam(defaultValue = "checkin") String action,
            Authentication principal,
            RedirectAttributes flash,
            Locale locale) {
        OrganiserConsole console = console(principal);
        Registration r = followCheckIn(console, token);
        change(console, r, action, flash, locale);
        log.info("check-in by link: event={} registration={} action={}", r.eventId(), r.id(), action);
        return "redirect:/check-in/" + token;
    }

    private static Registration followCheckIn(OrganiserConsole console, String token) {
        if (!token.matches("[A-Za-z0-9_-]{20,100}")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Optional<Registration> found = console.findByCheckInLink(new ManageToken(token));
        return found.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    // ---------------------------------------------------------------- print

    /** One line of the printed list, and one badge. */
    record Printed(String name, String organisation, String sessions, String status, boolean seat) {}

    @GetMapping("/organiser/events/{id}/print")
    String print(@PathVariable String id, Model model, Locale locale, Authentication principal) {
        OrganiserConsole console = console(principal);
        Event event = Organisers.requireOwnEvent(service, console, id);
        List<Printed> people = new ArrayList<>();
        console.registrations(event.id()).stream()
                .filter(r -> r.status().isActive() && !r.anonymised())
                .sorted(Comparator.comparing(
                        (Registration r) -> r.attendee().name(), java.text.Collator.getInstance(locale)))
                .forEach(r -> {
                    Arrival a = arrival(event, r, locale);
                    people.add(new Printed(
                            a.name(), a.organisation(), a.sessions(), a.status(), AT_THE_DOOR.contains(r.status())));
                });
        model.addAttribute(
                "event", Views.page(event, console.statistics(event.id()).seatCounts(), clock.instant(), locale));
        model.addAttribute("people", people);
        model.addAttribute("badges", people.stream().filter(Printed::seat).toList());
        return "organiser/print";
    }
}
