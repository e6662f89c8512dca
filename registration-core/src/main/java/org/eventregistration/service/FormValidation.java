package org.eventregistration.service;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.event.Event;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.internal.RequestValidator;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.Violation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Decides whether a registration request is a valid answer to an event's form: the request's own
 * constraints (Jakarta Validation) and the event's (known sessions, not too many, not overlapping;
 * known questions, required answers, lengths, options). Every problem at once.
 */
final class FormValidation {
    private final RequestValidator validator;

    FormValidation(ValidatorFactory factory) {
        this.validator = new RequestValidator(factory != null ? factory : DefaultValidation.FACTORY);
    }

    /**
     * Every problem of {@code request} against {@code event}; field names start with {@code prefix}
     * (a group member's {@code "members[i]."}).
     */
    List<Violation> check(Event event, RegistrationRequest request, String prefix) {
        List<Violation> violations = new ArrayList<>(validator.validate(request, prefix));
        notBlank(violations, prefix + "name", request.name());
        notBlank(violations, prefix + "email", request.email());
        if (request.sessions().isEmpty()
                && request.answers().isEmpty()
                && event.questions().isEmpty()) {
            return violations; // nothing of the event's own to check: skip the collections below
        }
        Set<SessionId> chosen = new HashSet<>();
        for (String s : request.sessions()) {
            if (!SessionId.isValid(s) || event.session(SessionId.of(s)).isEmpty()) {
                violations.add(RequestValidator.violation(
                        prefix + "sessions", "validation.session.unknown", s.length() > 64 ? s.substring(0, 64) : s));
            } else {
                chosen.add(SessionId.of(s));
            }
        }
        int maxSessions = event.capacity().maxSessionsPerPerson();
        if (request.sessions().size() > maxSessions) {
            violations.add(RequestValidator.violation(prefix + "sessions", "validation.session.tooMany", maxSessions));
        }
        List<Session> sessions = new ArrayList<>(chosen.size());
        for (SessionId id : chosen) {
            sessions.add(event.session(id).orElseThrow());
        }
        outer:
        for (int i = 0; i < sessions.size(); i++) {
            for (int j = i + 1; j < sessions.size(); j++) {
                if (sessions.get(i).overlaps(sessions.get(j))) {
                    violations.add(RequestValidator.violation(
                            prefix + "sessions",
                            "validation.session.overlap",
                            sessions.get(i).title(),
                            sessions.get(j).title()));
                    break outer;
                }
            }
        }
        for (String questionId : request.answers().keySet()) {
            if (event.question(questionId).isEmpty()) {
                violations.add(RequestValidator.violation(
                        prefix + "answers",
                        "validation.answer.unknownQuestion",
                        questionId.length() > 64 ? questionId.substring(0, 64) : questionId));
            }
        }
        for (Question q : event.questions()) {
            String field = prefix + "answers[" + q.id() + "]";
            String answer = request.answers().getOrDefault(q.id(), "").strip();
            if (answer.isEmpty()) {
                if (q.required()) {
                    violations.add(RequestValidator.violation(field, "validation.answer.required", q.label()));
                }
                continue;
            }
            switch (q.kind()) {
                case TEXT -> {
                    if (answer.length() > q.maxLength()) {
                        violations.add(RequestValidator.violation(
                                field, "validation.answer.tooLong", q.label(), q.maxLength()));
                    }
                }
                case CHOICE -> {
                    if (q.option(answer).isEmpty()) {
                        violations.add(RequestValidator.violation(field, "validation.answer.notAnOption", q.label()));
                    }
                }
                case YES_NO -> {
                    if (!answer.equals("yes") && !answer.equals("no")) {
                        violations.add(RequestValidator.violation(field, "validation.answer.yesNo", q.label()));
                    }
                }
            }
        }
        return violations;
    }

    /**
     * Hibernate Validator 8's {@code @NotBlank} trims ASCII spaces only, so a name of em spaces
     * passed it (and then failed {@link Attendee}'s own check); 9's, and {@link String#isBlank()},
     * know every Unicode white space. Decided here as well, so that every provider refuses it.
     */
    private static void notBlank(List<Violation> violations, String field, String value) {
        if (value.isBlank() && violations.stream().noneMatch(v -> v.field().equals(field))) {
            violations.add(RequestValidator.violation(field, "validation.blank"));
        }
    }

    /** The attendee a valid request describes, its fields stripped. */
    /**
     * The attendee a request describes, with only the details the event asks for ({@link
     * Event#askFor()}): whatever else a client sends is not kept.
     */
    static Attendee toAttendee(Event event, RegistrationRequest request) {
        Attendee.Builder b =
                Attendee.builder(request.name().strip(), request.email().strip());
        if (event.asksFor(PersonalField.PHONE)) {
            b.phone(request.phone().strip());
        }
        if (event.asksFor(PersonalField.SECTOR)) {
            b.sector(request.sector());
        }
        if (event.asksFor(PersonalField.ROLE)) {
            b.role(request.role());
        }
        if (!event.asksFor(PersonalField.ORGANISATION)) {
            return b.build();
        }
        b.organisation(request.organisationName().strip());
        if (!request.organisationNumber().isBlank()) {
            b.organisationNumber(
                    OrganisationNumber.parse(request.organisationNumber().strip()));
        }
        return b.build();
    }

    /**
     * Holds the default validator factory, built on first use. Its messages are interpolated
     * without an expression language (the library's texts need none), so no EL implementation has
     * to be on the class path, and Hibernate Validator 8 and 9 behave the same.
     */
    private static final class DefaultValidation {
        static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
    }
}
