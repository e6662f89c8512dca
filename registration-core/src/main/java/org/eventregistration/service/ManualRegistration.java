package org.eventregistration.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.Violation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a registration an organiser enters by hand (a telephone call, the desk): the form is
 * checked as the public one is, the address counts as verified, capacity applies, the audience
 * rules and registration window do not, and the addition is audited in its unit of work.
 */
final class ManualRegistration {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final Clock clock;
    private final SecureRandom random;
    private final FormValidation form;
    private final Ownership ownership;

    ManualRegistration(Clock clock, SecureRandom random, FormValidation form, Ownership ownership) {
        this.clock = clock;
        this.random = random;
        this.form = form;
        this.ownership = ownership;
    }

    RegistrationOutcome add(OrganiserConsole console, RegistrationRequest request) {
        Event event = ownership.ownEvent(console, request.eventId());
        List<Violation> violations = form.check(event, request, "");
        if (!violations.isEmpty()) {
            log.debug("addition invalid: event={} violations={}", event.id(), violations.size());
            return new RegistrationOutcome.Invalid(violations);
        }
        ManageToken token = ManageToken.generate(random);
        RegistrationOutcome outcome = ownership.runOwn(
                console.organiser(), event.id(), clock.instant(), () -> new EventNotFoundException(event.id()), fx -> {
                    if (!fx.event().equals(event)) {
                        // Changed since the check: check against the definition read under the lock.
                        List<Violation> again = form.check(fx.event(), request, "");
                        if (!again.isEmpty()) {
                            return new RegistrationOutcome.Invalid(again);
                        }
                    }
                    Attendee attendee = FormValidation.toAttendee(fx.event(), request);
                    RegistrationOutcome o = Admission.addByOrganiser(fx, request, attendee, token, console.actor());
                    registration(o).ifPresent(r -> fx.audit(console.actor(), AuditAction.ADDED_BY_ORGANISER, r.id()));
                    return o;
                });
        registration(outcome)
                .ifPresentOrElse(
                        r -> log.info(
                                "added by organiser: event={} registration={} status={} by={}",
                                event.id(),
                                r.id(),
                                r.status(),
                                console.actor()),
                        () -> log.info(
                                "not added: event={} outcome={} by={}",
                                event.id(),
                                outcome.getClass().getSimpleName(),
                                console.actor()));
        return outcome;
    }

    private static java.util.Optional<Registration> registration(RegistrationOutcome o) {
        if (o instanceof RegistrationOutcome.Confirmed c) {
            return java.util.Optional.of(c.registration());
        }
        if (o instanceof RegistrationOutcome.Waitlisted w) {
            return java.util.Optional.of(w.registration());
        }
        return java.util.Optional.empty();
    }
}
