package org.eventregistration.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.Reason;
import org.eventregistration.internal.RequestValidator;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.GroupRegistrationRequest;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.Violation;
import org.eventregistration.spi.IdGenerator;
import org.eventregistration.spi.RegistrationObserver;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides how a registration request reaches its event's unit of work: checked against the form
 * first (against the definition seen last, checked again if the one read under the lock differs),
 * then combined with concurrent requests for the same event, or run alone when the store joins
 * the caller's transaction; a group is one unit of work, all or none.
 */
final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    private static final int MAX_CHECKED_AGAINST = 4_096;

    private final RegistrationStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final SecureRandom random;
    private final FormValidation form;
    private final UnitsOfWork units;
    private final NotificationDelivery delivery;
    private final Lookups lookups;
    private final Links links;
    private final List<RegistrationObserver> observers;

    private final ConcurrentHashMap<EventId, Combiner> combiners = new ConcurrentHashMap<>();
    /**
     * The definitions a registration's form was last checked against, to check the next one
     * without reading the store first. Only a first check: the unit of work decides with the
     * definition it reads under the event's lock, and checks the request again if that differs.
     */
    private final ConcurrentHashMap<EventId, Event> checkedAgainst = new ConcurrentHashMap<>();

    Registrar(
            RegistrationStore store,
            Clock clock,
            IdGenerator ids,
            SecureRandom random,
            FormValidation form,
            UnitsOfWork units,
            NotificationDelivery delivery,
            Lookups lookups,
            Links links,
            List<RegistrationObserver> observers) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.random = random;
        this.form = form;
        this.units = units;
        this.delivery = delivery;
        this.lookups = lookups;
        this.links = links;
        this.observers = List.copyOf(observers);
    }

    /** Registers, with the event's id in the logging MDC, and tells the observers how it went. */
    RegistrationOutcome register(RegistrationRequest request) {
        Objects.requireNonNull(request, "request");
        long start = System.nanoTime(); // elapsed time, not the service's clock (a test's may stand still)
        LogContext context = LogContext.event(request.eventId());
        try {
            RegistrationOutcome outcome;
            try {
                outcome = decide(request);
            } catch (RuntimeException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                observe(o -> o.failed(e, elapsed));
                throw e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            observe(o -> o.registered(outcome, elapsed));
            return outcome;
        } finally {
            context.close();
        }
    }

    private void observe(Consumer<RegistrationObserver> call) {
        for (RegistrationObserver observer : observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException e) {
                log.warn(
                        "registration observer failed, ignored: observer={} error={}",
                        observer.getClass().getName(),
                        e.getClass().getName());
            }
        }
    }

    private RegistrationOutcome decide(RegistrationRequest request) {
        Event event = checkedAgainst.get(request.eventId());
        boolean fresh = event == null;
        if (fresh) {
            event = lookups.requireEvent(request.eventId());
            definitionSeen(event);
        }
        List<Violation> violations = form.check(event, request, "");
        if (!violations.isEmpty() && !fresh) {
            // Checked against a definition read earlier: the organiser may have changed the form since.
            event = lookups.requireEvent(request.eventId());
            definitionSeen(event);
            violations = form.check(event, request, "");
        }
        if (!violations.isEmpty()) {
            log.debug("registration invalid: event={} violations={}", event.id(), violations.size());
            return new RegistrationOutcome.Invalid(violations);
        }
        Combiner.Pending pending = new Combiner.Pending(
                event, request, FormValidation.toAttendee(event, request), ManageToken.generate(random));
        RegistrationOutcome outcome = store.joinsCallerTransactions()
                // Asked per call: never put one caller's registration into another caller's transaction.
                ? units.run(event.id(), clock.instant(), fx -> register(fx, pending))
                : combiners
                        .computeIfAbsent(event.id(), id -> new Combiner(id, units, delivery, clock, this::register))
                        .submit(pending);
        logOutcome(event.id(), outcome);
        return outcome;
    }

    /** Remembers the definition a form is checked against next (also when an organiser saves one). */
    void definitionSeen(Event event) {
        if (checkedAgainst.size() >= MAX_CHECKED_AGAINST) {
            checkedAgainst.clear(); // a bound, not a cache policy: a miss costs one read
        }
        checkedAgainst.put(event.id(), event);
    }

    /**
     * Registers a validated request in a unit of work. If the definition read under the lock is
     * not the one the request was checked against (an organiser changed the event meanwhile), the
     * request is checked again against the new one first.
     */
    private RegistrationOutcome register(UnitOfWork fx, Combiner.Pending p) {
        if (!fx.event().equals(p.checkedAgainst)) {
            definitionSeen(fx.event());
            List<Violation> violations = form.check(fx.event(), p.request, "");
            if (!violations.isEmpty()) {
                log.debug(
                        "registration invalid: event={} violations={}",
                        fx.event().id(),
                        violations.size());
                return new RegistrationOutcome.Invalid(violations);
            }
        }
        return Admission.admit(fx, p.request, p.attendee, p.token, Optional.empty(), links);
    }

    List<Violation> validate(RegistrationRequest request) {
        Objects.requireNonNull(request, "request");
        return List.copyOf(form.check(lookups.requireEvent(request.eventId()), request, ""));
    }

    /** Registers a group, with the event's id in the logging MDC, and tells the observers how it went. */
    GroupOutcome registerGroup(GroupRegistrationRequest group) {
        Objects.requireNonNull(group, "group");
        long start = System.nanoTime();
        List<RegistrationRequest> all = group.members();
        LogContext context = all.isEmpty() ? null : LogContext.event(all.get(0).eventId());
        try {
            GroupOutcome outcome;
            try {
                outcome = decideGroup(group);
            } catch (RuntimeException e) {
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                observe(o -> o.failed(e, elapsed));
                throw e;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            observe(o -> o.registeredGroup(outcome, elapsed));
            return outcome;
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    private GroupOutcome decideGroup(GroupRegistrationRequest group) {
        List<RegistrationRequest> members = group.members();
        if (members.isEmpty() || members.size() > GroupRegistrationRequest.MAX_MEMBERS) {
            throw new IllegalArgumentException(
                    "a group has 1 to " + GroupRegistrationRequest.MAX_MEMBERS + " members, not " + members.size());
        }
        EventId eventId = members.get(0).eventId();
        Event event = lookups.requireEvent(eventId);
        List<GroupOutcome.MemberProblem> problems = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        String organisation = null;
        for (int i = 0; i < members.size(); i++) {
            RegistrationRequest m = members.get(i);
            String prefix = "members[" + i + "].";
            List<Violation> violations = new ArrayList<>();
            if (!m.eventId().equals(eventId)) {
                violations.add(RequestValidator.violation(prefix + "eventId", "validation.group.event"));
            } else {
                violations.addAll(form.check(event, m, prefix));
            }
            String org = !m.organisationNumber().isBlank()
                    ? m.organisationNumber().replace(" ", "")
                    : m.organisationName().strip().toLowerCase(Locale.ROOT);
            if (org.isEmpty()) {
                violations.add(RequestValidator.violation(
                        prefix + "organisationName", "validation.group.organisationMissing"));
            } else if (organisation == null) {
                organisation = org;
            } else if (!organisation.equals(org)) {
                violations.add(
                        RequestValidator.violation(prefix + "organisationName", "validation.group.organisation"));
            }
            if (!m.email().isBlank() && !emails.add(Attendee.normalizeEmail(m.email()))) {
                violations.add(RequestValidator.violation(prefix + "email", "validation.group.duplicateEmail"));
            }
            if (!violations.isEmpty()) {
                problems.add(new GroupOutcome.MemberProblem(i, new RegistrationOutcome.Invalid(violations)));
            }
        }
        if (!problems.isEmpty()) {
            return new GroupOutcome.Refused(problems);
        }
        String groupId = ids.newId();
        List<Attendee> attendees =
                members.stream().map(m -> FormValidation.toAttendee(event, m)).toList();
        List<ManageToken> tokens =
                members.stream().map(m -> ManageToken.generate(random)).toList();
        Instant now = clock.instant();
        try {
            GroupOutcome outcome = units.run(eventId, now, fx -> {
                List<RegistrationOutcome> outcomes = new ArrayList<>();
                List<GroupOutcome.MemberProblem> failed = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    RegistrationOutcome o = Admission.admit(
                            fx, members.get(i), attendees.get(i), tokens.get(i), Optional.of(groupId), links);
                    if (o instanceof RegistrationOutcome.Rejected
                            || o instanceof RegistrationOutcome.Invalid
                            || o instanceof RegistrationOutcome.AlreadyRegistered
                            || o instanceof RegistrationOutcome.Repeated
                            || o instanceof RegistrationOutcome.IdempotencyKeyReused) {
                        failed.add(new GroupOutcome.MemberProblem(i, o));
                    }
                    outcomes.add(o);
                }
                if (!failed.isEmpty()) {
                    throw new GroupRollback(failed);
                }
                return new GroupOutcome.Registered(outcomes);
            });
            log.info("group registered: event={} group={} members={}", eventId, groupId, members.size());
            return outcome;
        } catch (GroupRollback rollback) {
            log.info("group refused: event={} failedMembers={}", eventId, rollback.problems.size());
            return new GroupOutcome.Refused(rollback.problems);
        }
    }

    private static void logOutcome(EventId eventId, RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            log.info(
                    "registered: event={} registration={} status=CONFIRMED",
                    eventId,
                    c.registration().id());
        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            log.info(
                    "registered: event={} registration={} status=WAITLISTED position={}",
                    eventId,
                    w.registration().id(),
                    w.position());
        } else if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            log.info(
                    "registered: event={} registration={} status=PENDING_APPROVAL",
                    eventId,
                    p.registration().id());
        } else if (outcome instanceof RegistrationOutcome.AwaitingAddressConfirmation) {
            log.info("registered or already registered, address to be confirmed: event={}", eventId);
        } else if (outcome instanceof RegistrationOutcome.AlreadyRegistered) {
            log.info("already registered: event={}", eventId);
        } else if (outcome instanceof RegistrationOutcome.Repeated r) {
            log.info(
                    "repeated request: event={} registration={}",
                    eventId,
                    r.registration().id());
        } else if (outcome instanceof RegistrationOutcome.IdempotencyKeyReused) {
            log.info("idempotency key reused with another request: event={}", eventId);
        } else if (outcome instanceof RegistrationOutcome.Rejected r) {
            log.info(
                    "rejected: event={} reasons={}",
                    eventId,
                    r.reasons().stream().map(Reason::key).toList());
        }
    }

    /** Thrown inside a group's unit of work to roll it back. */
    private static final class GroupRollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<GroupOutcome.MemberProblem> problems;

        GroupRollback(List<GroupOutcome.MemberProblem> problems) {
            super("group refused", null, false, false);
            this.problems = problems;
        }
    }
}
