package org.eventregistration.service;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CapacityCheck;
import org.eventregistration.capacity.CapacityDecision;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.Applicant;
import org.eventregistration.eligibility.EligibilityDecision;
import org.eventregistration.eligibility.Verdict;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Reason;
import org.eventregistration.internal.RequestValidator;
import org.eventregistration.internal.Texts;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.GroupRegistrationRequest;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.registration.Violation;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.IdGenerator;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one object a portal talks to: register people and let them manage their own registrations
 * (with the manage token), read the public event definitions, and run the scheduled jobs. Organisers
 * work through an {@link OrganiserConsole} from {@link #console(OrganiserId, String)}, which limits
 * every read and change to one organiser's events and records changes in the audit log.
 *
 * <p>Thread-safe; create one per application with {@link #builder()} and share it. Every change
 * runs as one atomic unit of work on its event in the {@link RegistrationStore}: validate, lock the
 * event's ledger, decide, write the registration, the ledger and the notifications together, then
 * tell the {@link RegistrationListener}s after the commit. Time comes from the configured {@link
 * Clock}.
 *
 * <p>Expected outcomes (full, not eligible, invalid form) are values; exceptions ({@link
 * org.eventregistration.RegistrationException} and subclasses) are for unknown ids, moves the
 * lifecycle forbids, and store failures. No method returns null.
 */
public final class RegistrationService {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    private static final int PAGE = 100;
    /** The most registrations combined into one unit of work. */
    private static final int MAX_BATCH = 64;

    private final RegistrationStore store;
    private final Clock clock;
    private final RequestValidator validator;
    private final List<RegistrationListener> listeners;
    private final IdGenerator ids;
    private final SecureRandom random;
    /** How long after an event's end manage tokens work; null: no limit. */
    private final Duration manageTokenValidity;

    private final ConcurrentHashMap<EventId, Combiner> combiners = new ConcurrentHashMap<>();
    /**
     * The definitions a registration's form was last checked against, to check the next one
     * without reading the store first. Only a first check: the unit of work decides with the
     * definition it reads under the event's lock, and checks the request again if that differs.
     */
    private final ConcurrentHashMap<EventId, Event> checkedAgainst = new ConcurrentHashMap<>();

    private static final int MAX_CHECKED_AGAINST = 4_096;

    private RegistrationService(Builder b) {
        this.store = b.store;
        this.clock = b.clock;
        this.validator =
                new RequestValidator(b.validatorFactory != null ? b.validatorFactory : DefaultValidation.FACTORY);
        this.listeners = List.copyOf(b.listeners);
        this.ids = b.ids;
        this.random = b.random;
        this.manageTokenValidity = b.manageTokenValidity;
    }

    /** Starts a service; with no settings it uses an in-memory store and the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- events

    /**
     * A console for one organiser's staff: every organiser-facing operation (event definitions,
     * lists, approve, check in, exports, erasure, the audit log), limited to the events of {@code
     * organiser}. Cheap to create: make one per request from the portal's login.
     *
     * @param organiser the organiser the user acts for, from the portal's own access control
     * @param userId the user's id, kept in histories and the audit log ({@code [A-Za-z0-9._@-]}, 1-100)
     * @throws IllegalArgumentException if the user id is not valid
     */
    public OrganiserConsole console(OrganiserId organiser, String userId) {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(userId, "userId");
        return new OrganiserConsole(this, organiser, Actor.organiser(userId));
    }

    /** An event by id. Event definitions are public: anyone may read them. */
    public Optional<Event> findEvent(EventId id) {
        return store.findEvent(id);
    }

    /** All events of every organiser, by start time. Event definitions are public. */
    public List<Event> events() {
        return store.findEvents();
    }

    void saveEvent(OrganiserConsole console, Event event) {
        Objects.requireNonNull(event, "event");
        if (!event.organiser().equals(console.organiser())) {
            throw new IllegalArgumentException("event " + event.id() + " belongs to organiser " + event.organiser()
                    + ", not to this console's organiser " + console.organiser());
        }
        Optional<Event> existing = store.findEvent(event.id());
        if (existing.isPresent() && !existing.get().organiser().equals(console.organiser())) {
            // Event definitions are public, so saying that the id is taken reveals nothing new.
            throw new RegistrationRefusedException(
                    "event " + event.id() + " belongs to another organiser", Reason.of("error.eventIdTaken"));
        }
        store.saveEvent(event);
        rememberChecked(event);
        store.appendAudit(AuditEntry.of(
                clock.instant(), console.actor(), console.organiser(), AuditAction.EVENT_SAVED, event.id()));
        log.info("event saved: event={} organiser={} by={}", event.id(), console.organiser(), console.actor());
    }

    List<Event> events(OrganiserConsole console) {
        return store.findEvents().stream()
                .filter(e -> e.organiser().equals(console.organiser()))
                .toList();
    }

    EventStatistics statistics(OrganiserConsole console, EventId eventId) {
        Event event = ownEvent(console, eventId);
        Ledger ledger = store.findLedger(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        Map<RegistrationStatus, Integer> byStatus = new EnumMap<>(RegistrationStatus.class);
        for (RegistrationStatus s : RegistrationStatus.values()) {
            byStatus.put(s, 0);
        }
        for (Registration r : store.findRegistrations(eventId)) {
            byStatus.merge(r.status(), 1, Integer::sum);
        }
        Map<SessionId, Integer> sessionSeats = new LinkedHashMap<>();
        Map<SessionId, Integer> sessionsTaken = new LinkedHashMap<>();
        for (Session s : event.sessions()) {
            sessionSeats.put(s.id(), s.seats());
            sessionsTaken.put(s.id(), ledger.taken(CounterKey.session(s.id())));
        }
        return new EventStatistics(
                eventId,
                event.capacity().seats(),
                ledger.taken(CounterKey.EVENT),
                sessionSeats,
                sessionsTaken,
                ledger.waitingCount(),
                byStatus);
    }

    // ---------------------------------------------------------------- registering

    /**
     * Registers one person.
     *
     * <p>In order: the request is validated (every problem at once, {@link RegistrationOutcome.Invalid});
     * the same idempotency key or an active registration with the same e-mail returns {@link
     * RegistrationOutcome.AlreadyRegistered}; the registration window, the target audience and the
     * capacity rules are checked. The result is confirmed, waitlisted, pending approval, or rejected
     * with reasons.
     *
     * @throws EventNotFoundException if the event does not exist
     * @throws org.eventregistration.spi.StoreException if the store fails; nothing was stored
     */
    public RegistrationOutcome register(RegistrationRequest request) {
        Objects.requireNonNull(request, "request");
        Event event = checkedAgainst.get(request.eventId());
        boolean fresh = event == null;
        if (fresh) {
            event = requireEvent(request.eventId());
            rememberChecked(event);
        }
        List<Violation> violations = validate(event, request, "");
        if (!violations.isEmpty() && !fresh) {
            // Checked against a definition read earlier: the organiser may have changed the form since.
            event = requireEvent(request.eventId());
            rememberChecked(event);
            violations = validate(event, request, "");
        }
        if (!violations.isEmpty()) {
            log.debug("registration invalid: event={} violations={}", event.id(), violations.size());
            return new RegistrationOutcome.Invalid(violations);
        }
        Pending pending = new Pending(event, request, toAttendee(request), ManageToken.generate(random));
        RegistrationOutcome outcome = store.joinsCallerTransactions()
                // Never put one caller's registration into another caller's transaction.
                ? run(event.id(), clock.instant(), fx -> register(fx, pending))
                : combiners.computeIfAbsent(event.id(), Combiner::new).submit(pending);
        logOutcome(event.id(), outcome);
        return outcome;
    }

    private void rememberChecked(Event event) {
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
    private RegistrationOutcome register(Effects fx, Pending p) {
        if (!fx.event.equals(p.checkedAgainst)) {
            rememberChecked(fx.event);
            List<Violation> violations = validate(fx.event, p.request, "");
            if (!violations.isEmpty()) {
                log.debug("registration invalid: event={} violations={}", fx.event.id(), violations.size());
                return new RegistrationOutcome.Invalid(violations);
            }
        }
        return fx.register(p.request, p.attendee, p.token, Optional.empty());
    }

    /** One validated registration waiting for its event's unit of work. */
    private static final class Pending {
        final Event checkedAgainst;
        final RegistrationRequest request;
        final Attendee attendee;
        final ManageToken token;
        volatile RegistrationOutcome outcome;
        volatile RuntimeException failure;
        /** Notifications of a combined unit of work this caller delivers once it is done; null if none. */
        volatile List<Notification> toDeliver;

        final Thread owner = Thread.currentThread();

        Pending(Event checkedAgainst, RegistrationRequest request, Attendee attendee, ManageToken token) {
            this.checkedAgainst = checkedAgainst;
            this.request = request;
            this.attendee = attendee;
            this.token = token;
        }

        boolean done() {
            return outcome != null || failure != null;
        }

        void complete(RegistrationOutcome o) {
            outcome = o;
            LockSupport.unpark(owner);
        }

        void fail(RuntimeException e) {
            failure = e;
            LockSupport.unpark(owner);
        }
    }

    /**
     * Combines concurrent registrations for one event into one unit of work: one lock, one commit,
     * many registrations, each caller still getting its own outcome. A hot event is limited by how
     * many units of work per second its store can commit under one lock; this lifts that limit
     * without giving up exact capacity, because the batch is decided in order under the same lock.
     *
     * <p>Whoever finds no leader becomes the leader: it drains the queue in batches and runs them
     * until its own registration is done and the queue is empty. The others wait (parked, with a
     * short timeout so that a request enqueued just after a leader left is picked up promptly).
     * With no contention a batch is one registration, run on the caller's thread, as before. The
     * listeners are told by one of the other callers of a batch, so the next batch need not wait.
     */
    private final class Combiner {
        private final EventId eventId;
        private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        private final ReentrantLock leader = new ReentrantLock();

        Combiner(EventId eventId) {
            this.eventId = eventId;
        }

        RegistrationOutcome submit(Pending pending) {
            queue.add(pending);
            while (!pending.done()) {
                if (leader.tryLock()) {
                    try {
                        // Lead until our own registration is done, and a little longer, then hand over:
                        // a caller should not serve everyone else's requests for ever.
                        int after = 0;
                        List<Pending> batch;
                        while (!(batch = drain()).isEmpty()) {
                            runBatch(batch);
                            if (pending.done() && ++after >= 2) {
                                break;
                            }
                        }
                    } finally {
                        leader.unlock();
                    }
                    Pending next = queue.peek();
                    if (next != null) {
                        LockSupport.unpark(next.owner); // wake a successor instead of letting it time out
                    }
                } else {
                    LockSupport.parkNanos(this, 200_000);
                }
            }
            if (pending.toDeliver != null) {
                List<Notification> notifications = pending.toDeliver;
                store.afterCommit(() -> deliverCommitted(notifications));
            }
            if (pending.failure != null) {
                throw pending.failure;
            }
            return pending.outcome;
        }

        private List<Pending> drain() {
            List<Pending> batch = new ArrayList<>();
            Pending p;
            while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
                batch.add(p);
            }
            return batch;
        }

        private void runBatch(List<Pending> batch) {
            try {
                // One look-up for the whole batch instead of one per person while the event is locked.
                List<String> emails = new ArrayList<>(batch.size());
                for (Pending p : batch) {
                    emails.add(p.attendee.normalizedEmail());
                }
                Committed<List<RegistrationOutcome>> committed =
                        runUndelivered(eventId, clock.instant(), emails, fx -> {
                            List<RegistrationOutcome> out = new ArrayList<>(batch.size());
                            for (Pending p : batch) {
                                out.add(register(fx, p));
                            }
                            return out;
                        });
                // The listeners are told by one of the callers, after its outcome: the next batch
                // need not wait for them (nor for the store to mark them delivered).
                Pending courier = null;
                for (Pending p : batch) {
                    if (p.owner != Thread.currentThread()) {
                        courier = p;
                        break;
                    }
                }
                if (courier != null) {
                    courier.toDeliver = committed.notifications();
                } else {
                    store.afterCommit(() -> deliverCommitted(committed.notifications()));
                }
                List<RegistrationOutcome> outcomes = committed.value();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).complete(outcomes.get(i));
                }
            } catch (RuntimeException e) {
                if (batch.size() == 1) {
                    batch.get(0).fail(e);
                    return;
                }
                // One registration spoiled the unit of work (a store fault, a duplicate that another
                // node committed first): run each on its own, so only the one that fails, fails.
                log.debug("batch of {} failed on event={}, retrying one by one", batch.size(), eventId, e);
                for (Pending p : batch) {
                    try {
                        p.complete(run(eventId, clock.instant(), fx -> register(fx, p)));
                    } catch (RuntimeException single) {
                        p.fail(single);
                    }
                }
            }
        }
    }

    /**
     * Checks a request the way {@link #register} would (Jakarta Validation and the event's own
     * rules: sessions, questions), without registering anyone: for a form that shows every problem
     * before the person submits, or a portal with fields of its own to check alongside.
     *
     * @return every problem, empty if none; messages in bokmål, nynorsk and English
     * @throws EventNotFoundException if the event does not exist
     */
    public List<Violation> validate(RegistrationRequest request) {
        Objects.requireNonNull(request, "request");
        return List.copyOf(validate(requireEvent(request.eventId()), request, ""));
    }

    /**
     * Registers several colleagues from one organisation, all or none: either every member gets a
     * registration (decided in order, as if they registered one after another with no one in
     * between), or nothing is stored and the outcome says which members failed and why.
     *
     * @throws EventNotFoundException if the event does not exist
     */
    public GroupOutcome registerGroup(GroupRegistrationRequest group) {
        Objects.requireNonNull(group, "group");
        List<RegistrationRequest> members = group.members();
        if (members.isEmpty() || members.size() > GroupRegistrationRequest.MAX_MEMBERS) {
            throw new IllegalArgumentException(
                    "a group has 1 to " + GroupRegistrationRequest.MAX_MEMBERS + " members, not " + members.size());
        }
        EventId eventId = members.get(0).eventId();
        Event event = requireEvent(eventId);
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
                violations.addAll(validate(event, m, prefix));
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
                members.stream().map(RegistrationService::toAttendee).toList();
        List<ManageToken> tokens =
                members.stream().map(m -> ManageToken.generate(random)).toList();
        Instant now = clock.instant();
        try {
            GroupOutcome outcome = run(eventId, now, fx -> {
                List<RegistrationOutcome> outcomes = new ArrayList<>();
                List<GroupOutcome.MemberProblem> failed = new ArrayList<>();
                for (int i = 0; i < members.size(); i++) {
                    RegistrationOutcome o =
                            fx.register(members.get(i), attendees.get(i), tokens.get(i), Optional.of(groupId));
                    if (o instanceof RegistrationOutcome.Rejected
                            || o instanceof RegistrationOutcome.Invalid
                            || o instanceof RegistrationOutcome.AlreadyRegistered) {
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

    // ---------------------------------------------------------------- the person's own actions

    /**
     * Cancels the registration that the manage token belongs to; before the event's cancellation
     * deadline only. A freed seat goes to the waiting list.
     *
     * @throws RegistrationNotFoundException if the token matches no registration
     * @throws RegistrationRefusedException if the deadline has passed
     * @throws IllegalTransitionException if it is already ended
     */
    public Registration cancel(ManageToken token) {
        Registration found = requireByToken(token);
        Event event = requireEvent(found.eventId());
        Instant now = clock.instant();
        if (!now.isBefore(event.cancellationDeadline())) {
            throw new RegistrationRefusedException(
                    "registration " + found.id() + ": the cancellation deadline has passed",
                    Reason.of(
                            "error.cancellationDeadline",
                            event.cancellationDeadline().atZone(event.start().getZone())));
        }
        return cancel(found, Actor.attendee(), "history.cancelled", now);
    }

    /**
     * Accepts the seat offered to the holder of the token.
     *
     * @throws RegistrationRefusedException if the offer has expired (it is then marked expired)
     * @throws IllegalTransitionException if there is no open offer
     */
    public Registration acceptOffer(ManageToken token) {
        Registration found = requireByToken(token);
        Instant now = clock.instant();
        Registration result = run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (r.status() != RegistrationStatus.OFFERED) {
                throw new IllegalTransitionException(r.id(), r.status(), RegistrationStatus.CONFIRMED);
            }
            if (!now.isBefore(r.offerExpiresAt().orElseThrow())) {
                return fx.expire(r);
            }
            return fx.move(
                    r,
                    RegistrationStatus.CONFIRMED,
                    r.holds(),
                    Actor.attendee(),
                    "history.offerAccepted",
                    Notification.Kind.OFFER_ACCEPTED);
        });
        if (result.status() == RegistrationStatus.EXPIRED) {
            throw new RegistrationRefusedException(
                    "registration " + found.id() + ": the offer has expired", Reason.of("error.offerExpired"));
        }
        log.info("offer accepted: event={} registration={}", found.eventId(), found.id());
        return result;
    }

    /**
     * Declines the seat offered to the holder of the token; it goes to the next in line.
     *
     * @throws IllegalTransitionException if there is no open offer
     */
    public Registration declineOffer(ManageToken token) {
        Registration found = requireByToken(token);
        Instant now = clock.instant();
        if (found.status() != RegistrationStatus.OFFERED) {
            throw new IllegalTransitionException(found.id(), found.status(), RegistrationStatus.DECLINED);
        }
        Registration result = run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (r.status() != RegistrationStatus.OFFERED) {
                throw new IllegalTransitionException(r.id(), r.status(), RegistrationStatus.DECLINED);
            }
            Registration declined = fx.release(
                    r,
                    RegistrationStatus.DECLINED,
                    Actor.attendee(),
                    "history.offerDeclined",
                    Notification.Kind.DECLINED);
            fx.fillFreeSeats();
            return declined;
        });
        log.info("offer declined: event={} registration={}", found.eventId(), found.id());
        return result;
    }

    /**
     * The registration the manage token belongs to, while the token is valid: empty if it matches
     * none, if the registration has ended (cancelled, declined, expired) or been anonymised, or if
     * the {@linkplain Builder#manageTokenValidity(Duration) token validity} after the event's end
     * has passed.
     */
    public Optional<Registration> findByManageToken(ManageToken token) {
        Objects.requireNonNull(token, "token");
        return store.findByManageTokenHash(token.hash())
                .filter(r -> token.matches(r.manageTokenHash()))
                .filter(r -> r.status().isActive() && !r.anonymised())
                .filter(this::tokenStillValid);
    }

    private boolean tokenStillValid(Registration r) {
        if (manageTokenValidity == null) {
            return true;
        }
        return store.findEvent(r.eventId())
                .map(e -> clock.instant().isBefore(e.end().toInstant().plus(manageTokenValidity)))
                .orElse(false);
    }

    // ---------------------------------------------------------------- organisers' actions (through OrganiserConsole)

    Registration cancel(OrganiserConsole console, RegistrationId id, String note) {
        Registration found = ownRegistration(console, id);
        String reason = noteOr(note, "history.cancelledByOrganiser");
        Registration result =
                runOwn(console, found.eventId(), clock.instant(), () -> new RegistrationNotFoundException(id), fx -> {
                    Registration r = fx.requireChangeable(id);
                    Registration cancelled = fx.release(
                            r, RegistrationStatus.CANCELLED, console.actor(), reason, Notification.Kind.CANCELLED);
                    fx.audit(console.actor(), AuditAction.CANCELLED_BY_ORGANISER, id);
                    if (r.status().holdsSeat()) {
                        fx.fillFreeSeats();
                    }
                    return cancelled;
                });
        log.info("cancelled: event={} registration={} by={}", found.eventId(), id, console.actor());
        return result;
    }

    Registration approve(OrganiserConsole console, RegistrationId id) {
        Registration found = ownRegistration(console, id);
        Registration result =
                runOwn(console, found.eventId(), clock.instant(), () -> new RegistrationNotFoundException(id), fx -> {
                    Registration r = fx.requireChangeable(id);
                    if (r.status() != RegistrationStatus.PENDING_APPROVAL) {
                        throw new IllegalTransitionException(id, r.status(), RegistrationStatus.CONFIRMED);
                    }
                    Registration approved = fx.seatOrWaitlist(r, console.actor(), "history.approved");
                    fx.audit(console.actor(), AuditAction.APPROVED, id);
                    return approved;
                });
        log.info(
                "approved: event={} registration={} status={} by={}",
                found.eventId(),
                id,
                result.status(),
                console.actor());
        return result;
    }

    Registration decline(OrganiserConsole console, RegistrationId id, String note) {
        Registration found = ownRegistration(console, id);
        String reason = noteOr(note, "history.declined");
        Registration result =
                runOwn(console, found.eventId(), clock.instant(), () -> new RegistrationNotFoundException(id), fx -> {
                    Registration r = fx.requireChangeable(id);
                    if (r.status() != RegistrationStatus.PENDING_APPROVAL) {
                        // An offer is declined by its holder (declineOffer); a seat is taken away by cancelling.
                        throw new IllegalTransitionException(id, r.status(), RegistrationStatus.DECLINED);
                    }
                    Registration declined = fx.release(
                            r, RegistrationStatus.DECLINED, console.actor(), reason, Notification.Kind.DECLINED);
                    fx.audit(console.actor(), AuditAction.DECLINED, id);
                    return declined;
                });
        log.info("declined: event={} registration={} by={}", found.eventId(), id, console.actor());
        return result;
    }

    Registration promote(OrganiserConsole console, RegistrationId id) {
        Registration found = ownRegistration(console, id);
        Registration result =
                runOwn(console, found.eventId(), clock.instant(), () -> new RegistrationNotFoundException(id), fx -> {
                    Registration r = fx.requireChangeable(id);
                    if (r.status() != RegistrationStatus.WAITLISTED) {
                        throw new IllegalTransitionException(id, r.status(), RegistrationStatus.CONFIRMED);
                    }
                    CapacityDecision decision = fx.check(r);
                    if (decision instanceof CapacityDecision.Full full) {
                        throw new RegistrationRefusedException(
                                "registration " + id + ": no room to promote",
                                full.reasons().get(0));
                    }
                    fx.ledger(fx.ledger().leaveWaitlist());
                    Registration promoted = fx.take(
                            r,
                            RegistrationStatus.CONFIRMED,
                            ((CapacityDecision.Fits) decision).holds(),
                            console.actor(),
                            "history.promotedByOrganiser",
                            Notification.Kind.PROMOTED);
                    fx.audit(console.actor(), AuditAction.PROMOTED, id);
                    return promoted;
                });
        log.info("promoted: event={} registration={} by={}", found.eventId(), id, console.actor());
        return result;
    }

    List<Registration> fillFromWaitingList(OrganiserConsole console, EventId eventId) {
        ownEvent(console, eventId);
        List<Registration> filled =
                runOwn(console, eventId, clock.instant(), () -> new EventNotFoundException(eventId), fx -> {
                    List<Registration> f = fx.fillFreeSeats();
                    for (Registration r : f) {
                        fx.audit(console.actor(), AuditAction.FILLED_FROM_WAITING_LIST, r.id());
                    }
                    return f;
                });
        if (!filled.isEmpty()) {
            log.info("filled from waiting list: event={} count={} by={}", eventId, filled.size(), console.actor());
        }
        return filled;
    }

    Registration checkIn(OrganiserConsole console, RegistrationId id) {
        Registration found = ownRegistration(console, id);
        Registration result =
                runOwn(console, found.eventId(), clock.instant(), () -> new RegistrationNotFoundException(id), fx -> {
                    Registration r = fx.requireChangeable(id);
                    Registration in = fx.move(
                            r,
                            RegistrationStatus.CHECKED_IN,
                            r.holds(),
                            console.actor(),
                            "history.checkedIn",
                            Notification.Kind.CHECKED_IN);
                    fx.audit(console.actor(), AuditAction.CHECKED_IN, id);
                    return in;
                });
        log.info("checked in: event={} registration={} by={}", found.eventId(), id, console.actor());
        return result;
    }

    int markNoShows(OrganiserConsole console, EventId eventId) {
        Event event = ownEvent(console, eventId);
        Instant now = clock.instant();
        if (now.isBefore(event.start().toInstant())) {
            throw new RegistrationRefusedException(
                    "event " + eventId + " has not started", Reason.of("error.notStarted"));
        }
        List<RegistrationId> confirmed = store.findRegistrations(eventId).stream()
                .filter(r -> r.status() == RegistrationStatus.CONFIRMED && !r.anonymised())
                .map(Registration::id)
                .toList();
        int marked = runOwn(console, eventId, now, () -> new EventNotFoundException(eventId), fx -> {
            int n = 0;
            for (RegistrationId id : confirmed) {
                Registration r = fx.require(id);
                if (r.status() == RegistrationStatus.CONFIRMED && !r.anonymised()) {
                    fx.move(
                            r,
                            RegistrationStatus.NO_SHOW,
                            r.holds(),
                            console.actor(),
                            "history.noShow",
                            Notification.Kind.NO_SHOW);
                    fx.audit(console.actor(), AuditAction.MARKED_NO_SHOW, id);
                    n++;
                }
            }
            return n;
        });
        log.info("no-shows marked: event={} count={} by={}", eventId, marked, console.actor());
        return marked;
    }

    List<Registration> exportRegistrations(OrganiserConsole console, EventId eventId) {
        ownEvent(console, eventId);
        List<Registration> all = store.findRegistrations(eventId);
        store.appendAudit(
                AuditEntry.of(clock.instant(), console.actor(), console.organiser(), AuditAction.EXPORTED, eventId));
        log.info("registrations exported: event={} count={} by={}", eventId, all.size(), console.actor());
        return all;
    }

    List<AuditEntry> auditLog(OrganiserConsole console, EventId eventId) {
        ownEvent(console, eventId);
        return store.findAudit(eventId);
    }

    PersonalDataExport exportPersonalData(OrganiserConsole console, String email) {
        String normalized = normalizedRequestEmail(email);
        Instant now = clock.instant();
        List<PersonalDataExport.Item> items = new ArrayList<>();
        for (Registration r : ownRegistrationsByEmail(console, normalized)) {
            Event event = store.findEvent(r.eventId()).orElseThrow(() -> new EventNotFoundException(r.eventId()));
            List<AuditEntry> audit = store.findAudit(r.eventId()).stream()
                    .filter(a -> a.registrationId().filter(r.id()::equals).isPresent())
                    .toList();
            items.add(new PersonalDataExport.Item(event, r, audit));
        }
        for (PersonalDataExport.Item item : items) {
            store.appendAudit(AuditEntry.of(
                    now,
                    console.actor(),
                    console.organiser(),
                    AuditAction.PERSONAL_DATA_EXPORTED,
                    item.event().id(),
                    item.registration().id()));
        }
        log.info(
                "personal data exported: organiser={} registrations={} by={}",
                console.organiser(),
                items.size(),
                console.actor());
        return new PersonalDataExport(normalized, console.organiser(), now, items);
    }

    List<Registration> erasePersonalData(OrganiserConsole console, String email) {
        String normalized = normalizedRequestEmail(email);
        Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
        for (Registration r : ownRegistrationsByEmail(console, normalized)) {
            byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
        }
        List<Registration> erased = new ArrayList<>();
        for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
            erased.addAll(runOwn(
                    console, e.getKey(), clock.instant(), () -> new EventNotFoundException(e.getKey()), fx -> {
                        List<Registration> done = new ArrayList<>();
                        boolean freed = false;
                        for (RegistrationId id : e.getValue()) {
                            Registration r = fx.require(id);
                            if (r.anonymised()
                                    || !r.attendee().normalizedEmail().equals(normalized)) {
                                continue;
                            }
                            if (r.status().canMoveTo(RegistrationStatus.CANCELLED)) {
                                freed |= r.status().holdsSeat();
                                // The person asked to be forgotten: no message to them about the cancellation.
                                r = fx.release(
                                        r,
                                        RegistrationStatus.CANCELLED,
                                        console.actor(),
                                        "history.cancelledByOrganiser",
                                        null);
                            }
                            Registration anonymous = r.anonymise(fx.now, fx.keepAfterAnonymising());
                            fx.tx.update(anonymous);
                            fx.audit(console.actor(), AuditAction.PERSONAL_DATA_ERASED, id);
                            done.add(anonymous);
                        }
                        if (freed) {
                            fx.fillFreeSeats();
                        }
                        return done;
                    }));
        }
        log.info(
                "personal data erased: organiser={} registrations={} by={}",
                console.organiser(),
                erased.size(),
                console.actor());
        return erased;
    }

    private List<Registration> ownRegistrationsByEmail(OrganiserConsole console, String normalized) {
        Map<EventId, Boolean> own = new HashMap<>();
        return store.findRegistrationsByEmail(normalized).stream()
                .filter(r -> own.computeIfAbsent(
                        r.eventId(),
                        id -> store.findEvent(id)
                                .map(ev -> ev.organiser().equals(console.organiser()))
                                .orElse(false)))
                .sorted(Comparator.comparing(Registration::createdAt).thenComparing(r -> r.id().value()))
                .toList();
    }

    private static String normalizedRequestEmail(String email) {
        Objects.requireNonNull(email, "email");
        String normalized = Attendee.normalizeEmail(email);
        if (normalized.isEmpty() || normalized.length() > 320) {
            throw new IllegalArgumentException("an e-mail address is 1-320 characters");
        }
        return normalized;
    }

    // ---------------------------------------------------------------- retention

    /**
     * Applies every event's {@link org.eventregistration.event.Retention}: for each event whose end
     * plus the sensitive-answers period has passed, removes the answers to sensitive questions;
     * for each event whose end plus the personal-data period has passed, anonymises every
     * registration (see {@link Registration#anonymise}). Statuses, sessions, choices and counters
     * are kept, so statistics survive. Each event is done in one unit of work, audited as {@code
     * system}.
     *
     * <p>Idempotent, and safe to run on every node at once: each unit of work re-reads under the
     * event's lock and skips what is already done. Run it on a schedule (daily, say).
     *
     * @return what this run changed
     */
    public RetentionReport applyRetention() {
        Instant now = clock.instant();
        int events = 0;
        int sensitive = 0;
        int anonymised = 0;
        for (Event event : store.findEvents()) {
            boolean sensitiveDue = !now.isBefore(event.sensitiveAnswersExpireAt());
            boolean personalDue = !now.isBefore(event.personalDataExpiresAt());
            if (!sensitiveDue && !personalDue) {
                continue;
            }
            Set<String> sensitiveQuestions = new HashSet<>();
            event.questions().stream().filter(Question::sensitive).forEach(q -> sensitiveQuestions.add(q.id()));
            List<RegistrationId> todo = store.findRegistrations(event.id()).stream()
                    .filter(r -> personalDue
                            ? !r.anonymised()
                            : r.answers().keySet().stream().anyMatch(sensitiveQuestions::contains))
                    .map(Registration::id)
                    .toList();
            if (todo.isEmpty()) {
                continue;
            }
            int[] counts = run(event.id(), now, fx -> {
                int[] c = new int[2];
                Set<String> sensitiveNow = new HashSet<>();
                fx.event.questions().stream().filter(Question::sensitive).forEach(q -> sensitiveNow.add(q.id()));
                boolean personalNow = !now.isBefore(fx.event.personalDataExpiresAt());
                for (RegistrationId id : todo) {
                    Registration r = fx.require(id);
                    if (personalNow && !r.anonymised()) {
                        fx.tx.update(r.anonymise(now, fx.keepAfterAnonymising()));
                        fx.audit(Actor.system(), AuditAction.ANONYMISED, id);
                        c[1]++;
                    } else if (!r.anonymised()) {
                        Registration without = r.withoutAnswers(sensitiveNow);
                        if (without != r) {
                            fx.tx.update(without);
                            fx.audit(Actor.system(), AuditAction.SENSITIVE_ANSWERS_REMOVED, id);
                            c[0]++;
                        }
                    }
                }
                if (c[0] + c[1] > 0) {
                    fx.audit(Actor.system(), AuditAction.RETENTION_RUN, null);
                }
                return c;
            });
            if (counts[0] + counts[1] > 0) {
                events++;
                sensitive += counts[0];
                anonymised += counts[1];
                log.info(
                        "retention applied: event={} sensitiveAnswersRemoved={} anonymised={}",
                        event.id(),
                        counts[0],
                        counts[1]);
            }
        }
        return new RetentionReport(now, events, sensitive, anonymised);
    }

    /**
     * Expires every offer whose time is up and offers the seats to the next in line. Call it on a
     * schedule (every minute, say); running it on several nodes at once is safe.
     *
     * @return how many offers expired
     */
    public int expireOffers() {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            Instant now = clock.instant();
            List<Registration> due = new ArrayList<>(store.findExpiredOffers(now, 500));
            if (due.isEmpty()) {
                break;
            }
            // Oldest offer first, then waiting-list order: with quotas, the order decides who is offered next.
            due.sort(Comparator.comparing((Registration r) -> r.offerExpiresAt().orElseThrow())
                    .thenComparingLong(Registration::waitlistSequence));
            Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
            for (Registration r : due) {
                byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
            }
            int expiredThisRound = 0;
            for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
                expiredThisRound += run(e.getKey(), now, fx -> {
                    int n = 0;
                    for (RegistrationId id : e.getValue()) {
                        Registration r = fx.require(id);
                        if (r.status() == RegistrationStatus.OFFERED
                                && !now.isBefore(r.offerExpiresAt().orElseThrow())) {
                            fx.expire(r);
                            n++;
                        }
                    }
                    return n;
                });
            }
            total += expiredThisRound;
            if (expiredThisRound == 0) {
                break; // another node got there first
            }
        }
        if (total > 0) {
            log.info("offers expired: count={}", total);
        }
        return total;
    }

    // ---------------------------------------------------------------- reading (through OrganiserConsole)

    Optional<Registration> findRegistration(OrganiserConsole console, RegistrationId id) {
        Objects.requireNonNull(id, "id");
        return store.findRegistration(id).filter(r -> owns(console, r.eventId()));
    }

    List<Registration> registrations(OrganiserConsole console, EventId eventId) {
        ownEvent(console, eventId);
        return store.findRegistrations(eventId);
    }

    List<Registration> registrations(OrganiserConsole console, EventId eventId, RegistrationStatus status) {
        Objects.requireNonNull(status, "status");
        return registrations(console, eventId).stream()
                .filter(r -> r.status() == status)
                .toList();
    }

    List<Registration> waitingList(OrganiserConsole console, EventId eventId) {
        return registrations(console, eventId).stream()
                .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .sorted(Comparator.comparingLong(Registration::waitlistSequence))
                .toList();
    }

    OptionalInt waitingPosition(OrganiserConsole console, RegistrationId id) {
        return findRegistration(console, id).map(this::waitingPosition).orElse(OptionalInt.empty());
    }

    private OptionalInt waitingPosition(Registration r) {
        return r.status() == RegistrationStatus.WAITLISTED
                ? OptionalInt.of(store.countWaitingBefore(r.eventId(), r.waitlistSequence()) + 1)
                : OptionalInt.empty();
    }

    /**
     * The current waiting-list position (1 = next in line) of the holder of the token, if they are
     * waitlisted: for the person's own "manage my registration" page.
     */
    public OptionalInt waitingPosition(ManageToken token) {
        return findByManageToken(token).map(this::waitingPosition).orElse(OptionalInt.empty());
    }

    /**
     * Delivers notifications left pending (a listener failed, or a node stopped between commit and
     * delivery). Call it at start-up and on a schedule.
     *
     * @return how many were delivered
     */
    public int deliverPendingNotifications() {
        int delivered = 0;
        for (int round = 0; round < 100; round++) {
            List<Notification> pending = store.pendingNotifications(PAGE);
            if (pending.isEmpty()) {
                break;
            }
            int ok = deliver(pending);
            delivered += ok;
            if (ok < pending.size()) {
                break; // some listener keeps failing; try again later
            }
        }
        return delivered;
    }

    // ---------------------------------------------------------------- internals

    private Registration cancel(Registration found, Actor actor, String reason, Instant now) {
        Registration result = run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            Registration cancelled =
                    fx.release(r, RegistrationStatus.CANCELLED, actor, reason, Notification.Kind.CANCELLED);
            if (r.status().holdsSeat()) {
                fx.fillFreeSeats();
            }
            return cancelled;
        });
        log.info("cancelled: event={} registration={} by={}", found.eventId(), found.id(), actor);
        return result;
    }

    private <T> T run(EventId eventId, Instant now, Function<Effects, T> work) {
        Committed<T> committed = runUndelivered(eventId, now, List.of(), work);
        // Listeners hear of a change only once it is committed; a store that joined the caller's
        // transaction defers this until that commits (see RegistrationStore#afterCommit).
        store.afterCommit(() -> deliverCommitted(committed.notifications()));
        return committed.value();
    }

    /** What a unit of work returned, and the notifications it published, not yet delivered. */
    private record Committed<T>(T value, List<Notification> notifications) {}

    /**
     * Runs a unit of work; the listeners are not told yet. {@code emails}: the addresses the work
     * will look up, asked for first, before anything else in the unit of work (see {@link
     * EventTransaction#findActiveByEmails}).
     */
    private <T> Committed<T> runUndelivered(
            EventId eventId, Instant now, List<String> emails, Function<Effects, T> work) {
        List<Notification> published = new ArrayList<>();
        T result = store.inTransaction(eventId, tx -> {
            if (!emails.isEmpty()) {
                tx.findActiveByEmails(emails);
            }
            Effects fx = new Effects(tx, now);
            T value = work.apply(fx);
            fx.flushLedger();
            // The callback may run again if the store retries: keep only the last attempt's notifications.
            published.clear();
            published.addAll(fx.notifications);
            return value;
        });
        return new Committed<>(result, published);
    }

    /**
     * Delivers the notifications of a committed change. The change stands whatever happens here:
     * if the store cannot mark them delivered, they stay pending and {@link
     * #deliverPendingNotifications} delivers them again (at least once), so the caller still gets
     * its outcome.
     */
    private void deliverCommitted(List<Notification> notifications) {
        try {
            deliver(notifications);
        } catch (RuntimeException e) {
            log.warn(
                    "notifications delivered but not marked delivered; they stay pending: notifications={}",
                    notifications.stream().map(Notification::id).toList(),
                    e);
        }
    }

    private int deliver(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return 0;
        }
        List<String> delivered = new ArrayList<>();
        for (Notification n : notifications) {
            boolean ok = true;
            for (RegistrationListener listener : listeners) {
                try {
                    listener.onNotification(n);
                } catch (RuntimeException e) {
                    ok = false;
                    log.warn(
                            "listener failed; notification stays pending: notification={} kind={} registration={}",
                            n.id(),
                            n.kind(),
                            n.registrationId(),
                            e);
                }
            }
            if (ok) {
                delivered.add(n.id());
            }
        }
        if (!delivered.isEmpty()) {
            store.markDelivered(delivered);
        }
        return delivered.size();
    }

    private List<Violation> validate(Event event, RegistrationRequest request, String prefix) {
        List<Violation> violations = new ArrayList<>(validator.validate(request, prefix));
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

    private static Attendee toAttendee(RegistrationRequest request) {
        Attendee.Builder b = Attendee.builder(
                        request.name().strip(), request.email().strip())
                .phone(request.phone().strip())
                .organisation(request.organisationName().strip())
                .sector(request.sector())
                .role(request.role());
        if (!request.organisationNumber().isBlank()) {
            b.organisationNumber(
                    OrganisationNumber.parse(request.organisationNumber().strip()));
        }
        return b.build();
    }

    private Event ownEvent(OrganiserConsole console, EventId id) {
        Objects.requireNonNull(id, "eventId");
        // Another organiser's event is reported exactly like one that does not exist.
        return store.findEvent(id)
                .filter(e -> e.organiser().equals(console.organiser()))
                .orElseThrow(() -> new EventNotFoundException(id));
    }

    private boolean owns(OrganiserConsole console, EventId eventId) {
        return store.findEvent(eventId)
                .map(e -> e.organiser().equals(console.organiser()))
                .orElse(false);
    }

    private Registration ownRegistration(OrganiserConsole console, RegistrationId id) {
        Objects.requireNonNull(id, "id");
        return store.findRegistration(id)
                .filter(r -> owns(console, r.eventId()))
                .orElseThrow(() -> new RegistrationNotFoundException(id));
    }

    /** Runs a unit of work for a console, checking again under the lock that the event is the console's. */
    private <T> T runOwn(
            OrganiserConsole console,
            EventId eventId,
            Instant now,
            java.util.function.Supplier<RuntimeException> notFound,
            Function<Effects, T> work) {
        return run(eventId, now, fx -> {
            if (!fx.event.organiser().equals(console.organiser())) {
                throw notFound.get();
            }
            return work.apply(fx);
        });
    }

    private Event requireEvent(EventId id) {
        return store.findEvent(Objects.requireNonNull(id, "eventId")).orElseThrow(() -> new EventNotFoundException(id));
    }

    private Registration requireRegistration(RegistrationId id) {
        return store.findRegistration(Objects.requireNonNull(id, "id"))
                .orElseThrow(() -> new RegistrationNotFoundException(id));
    }

    private Registration requireByToken(ManageToken token) {
        return findByManageToken(token).orElseThrow(RegistrationNotFoundException::new);
    }

    private static String noteOr(String note, String defaultKey) {
        Objects.requireNonNull(note, "note");
        // Organisers' notes are free text kept in the history: neutralise what could hide or forge text.
        String n = Texts.neutralise(note, 500);
        return n.isEmpty() ? defaultKey : n;
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
        } else if (outcome instanceof RegistrationOutcome.AlreadyRegistered a) {
            log.info(
                    "already registered: event={} registration={}",
                    eventId,
                    a.registration().id());
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

    /** The decisions of one unit of work: reads and writes through the transaction, collects notifications. */
    private final class Effects {
        private final EventTransaction tx;
        private final Instant now;
        private final Event event;
        private Ledger ledger;
        private boolean ledgerChanged;
        private final List<Notification> notifications = new ArrayList<>();

        Effects(EventTransaction tx, Instant now) {
            this.tx = tx;
            this.now = now;
            this.event = tx.event();
            this.ledger = tx.ledger();
        }

        Ledger ledger() {
            return ledger;
        }

        void ledger(Ledger next) {
            ledger = next;
            ledgerChanged = true;
        }

        void flushLedger() {
            if (ledgerChanged) {
                tx.updateLedger(ledger);
            }
        }

        Registration require(RegistrationId id) {
            return tx.findRegistration(id).orElseThrow(() -> new RegistrationNotFoundException(id));
        }

        /** A registration an organiser may still change: not anonymised. */
        Registration requireChangeable(RegistrationId id) {
            Registration r = require(id);
            if (r.anonymised()) {
                throw new RegistrationRefusedException(
                        "registration " + id + " is anonymised", Reason.of("error.anonymised"));
            }
            return r;
        }

        /** Writes an audit entry in this unit of work; {@code registrationId} may be null for the event as a whole. */
        void audit(Actor actor, AuditAction action, RegistrationId registrationId) {
            tx.audit(
                    registrationId == null
                            ? AuditEntry.of(now, actor, event.organiser(), action, event.id())
                            : AuditEntry.of(now, actor, event.organiser(), action, event.id(), registrationId));
        }

        /** Which answers survive anonymisation: choices and yes/no of questions that are not sensitive. */
        java.util.function.Predicate<String> keepAfterAnonymising() {
            return questionId -> event.question(questionId)
                    .filter(q -> q.kind() != Question.Kind.TEXT && !q.sensitive())
                    .isPresent();
        }

        CapacityDecision check(Registration r) {
            return CapacityCheck.check(event, ledger, Applicant.of(r.attendee()), r.sessions(), now);
        }

        RegistrationOutcome register(
                RegistrationRequest request, Attendee attendee, ManageToken token, Optional<String> groupId) {
            if (!request.idempotencyKey().isEmpty()) {
                Optional<Registration> same = tx.findByIdempotencyKey(request.idempotencyKey());
                if (same.isPresent()) {
                    return new RegistrationOutcome.AlreadyRegistered(same.get());
                }
            }
            Optional<Registration> existing = tx.findActiveByEmail(attendee.normalizedEmail());
            if (existing.isPresent()) {
                return new RegistrationOutcome.AlreadyRegistered(existing.get());
            }
            if (now.isBefore(event.registrationOpens())) {
                return new RegistrationOutcome.Rejected(List.of(Reason.of(
                        "registration.notOpen",
                        event.registrationOpens().atZone(event.start().getZone()))));
            }
            if (!now.isBefore(event.registrationCloses())) {
                return new RegistrationOutcome.Rejected(List.of(Reason.of(
                        "registration.closed",
                        event.registrationCloses().atZone(event.start().getZone()))));
            }
            Applicant applicant = new Applicant(attendee, request.invitationCode());
            EligibilityDecision eligibility = event.eligibility().evaluate(applicant);
            Verdict verdict = eligibility.verdict();
            List<Reason> reasons = new ArrayList<>(eligibility.reasons());
            if (verdict == Verdict.NOT_ELIGIBLE) {
                if (event.outsideAudience() == OutsideAudience.REJECT) {
                    return new RegistrationOutcome.Rejected(
                            reasons.isEmpty() ? List.of(Reason.of("eligibility.notEligible")) : reasons);
                }
                verdict = Verdict.NEEDS_APPROVAL;
                reasons.add(Reason.of("eligibility.approvalRequired"));
            }
            Set<SessionId> sessions = new HashSet<>();
            request.sessions().forEach(s -> sessions.add(SessionId.of(s)));
            Registration.Builder draft = Registration.builder()
                    .id(RegistrationId.of(ids.newId()))
                    .eventId(event.id())
                    .attendee(attendee)
                    .sessions(sessions)
                    .answers(cleanAnswers(request.answers()))
                    .manageTokenHash(token.hash())
                    .idempotencyKey(
                            request.idempotencyKey().isEmpty()
                                    ? Optional.empty()
                                    : Optional.of(request.idempotencyKey()))
                    .groupId(groupId)
                    .language(request.language())
                    .createdAt(now);

            if (verdict == Verdict.NEEDS_APPROVAL) {
                Registration r = insert(
                        draft,
                        RegistrationStatus.PENDING_APPROVAL,
                        Set.of(),
                        0,
                        Actor.attendee(),
                        "history.pending",
                        Notification.Kind.PENDING_APPROVAL);
                return new RegistrationOutcome.PendingApproval(r, reasons, token);
            }
            CapacityDecision capacity = CapacityCheck.check(event, ledger, applicant, sessions, now);
            if (capacity instanceof CapacityDecision.Fits fits) {
                ledger(ledger.take(fits.holds()));
                Registration r = insert(
                        draft,
                        RegistrationStatus.CONFIRMED,
                        fits.holds(),
                        0,
                        Actor.attendee(),
                        "history.registered",
                        Notification.Kind.CONFIRMED);
                return new RegistrationOutcome.Confirmed(r, token);
            }
            List<Reason> full = ((CapacityDecision.Full) capacity).reasons();
            WaitlistPolicy waitlist = event.waitlist();
            if (!waitlist.enabled()) {
                return new RegistrationOutcome.Rejected(full);
            }
            if (ledger.waitingCount() >= waitlist.maxLength()) {
                List<Reason> why = new ArrayList<>(full);
                why.add(Reason.of("waitlist.full"));
                return new RegistrationOutcome.Rejected(why);
            }
            ledger(ledger.joinWaitlist());
            Registration r = insert(
                    draft,
                    RegistrationStatus.WAITLISTED,
                    Set.of(),
                    ledger.waitlistTail(),
                    Actor.attendee(),
                    "history.waitlisted",
                    Notification.Kind.WAITLISTED);
            return new RegistrationOutcome.Waitlisted(r, ledger.waitingCount(), full, token);
        }

        private Registration insert(
                Registration.Builder draft,
                RegistrationStatus status,
                Set<CounterKey> holds,
                long sequence,
                Actor actor,
                String reason,
                Notification.Kind kind) {
            Registration r = draft.status(status)
                    .holds(holds)
                    .waitlistSequence(sequence)
                    .history(List.of(new StatusChange(status, now, actor, reason)))
                    .build();
            tx.insert(r);
            notify(kind, r);
            return r;
        }

        /** Approve: a seat if one fits, else the waiting list; refused if neither. */
        Registration seatOrWaitlist(Registration r, Actor actor, String reason) {
            CapacityDecision decision = check(r);
            if (decision instanceof CapacityDecision.Fits fits) {
                return take(r, RegistrationStatus.CONFIRMED, fits.holds(), actor, reason, Notification.Kind.APPROVED);
            }
            WaitlistPolicy waitlist = event.waitlist();
            if (!waitlist.enabled() || ledger.waitingCount() >= waitlist.maxLength()) {
                throw new RegistrationRefusedException(
                        "registration " + r.id() + ": no seat and no room on a waiting list",
                        ((CapacityDecision.Full) decision).reasons().get(0));
            }
            ledger(ledger.joinWaitlist());
            Registration waiting = r.toBuilder()
                    .waitlistSequence(ledger.waitlistTail())
                    .build()
                    .moveTo(
                            RegistrationStatus.WAITLISTED,
                            Set.of(),
                            new StatusChange(RegistrationStatus.WAITLISTED, now, actor, reason));
            tx.update(waiting);
            notify(Notification.Kind.WAITLISTED, waiting);
            return waiting;
        }

        /** Moves to a seat-holding status, taking the counters. */
        Registration take(
                Registration r,
                RegistrationStatus target,
                Set<CounterKey> holds,
                Actor actor,
                String reason,
                Notification.Kind kind) {
            ledger(ledger.take(holds));
            return move(r, target, holds, actor, reason, kind);
        }

        /** Moves to a status that holds nothing, releasing what it held and leaving the waiting list. */
        Registration release(
                Registration r, RegistrationStatus target, Actor actor, String reason, Notification.Kind kind) {
            if (!r.status().canMoveTo(target)) {
                throw new IllegalTransitionException(r.id(), r.status(), target);
            }
            if (!r.holds().isEmpty()) {
                ledger(ledger.release(r.holds()));
            }
            if (r.status() == RegistrationStatus.WAITLISTED) {
                ledger(ledger.leaveWaitlist());
            }
            return move(r, target, Set.of(), actor, reason, kind);
        }

        Registration move(
                Registration r,
                RegistrationStatus target,
                Set<CounterKey> holds,
                Actor actor,
                String reason,
                Notification.Kind kind) {
            Registration next = r.moveTo(target, holds, new StatusChange(target, now, actor, reason));
            tx.update(next);
            if (kind != null) {
                notify(kind, next);
            }
            return next;
        }

        Registration expire(Registration r) {
            Registration expired = release(
                    r,
                    RegistrationStatus.EXPIRED,
                    Actor.system(),
                    "history.offerExpired",
                    Notification.Kind.OFFER_EXPIRED);
            fillFreeSeats();
            return expired;
        }

        /** Promotes or offers, in waiting-list order, to everyone who fits now. */
        List<Registration> fillFreeSeats() {
            WaitlistPolicy policy = event.waitlist();
            List<Registration> filled = new ArrayList<>();
            if (!policy.enabled() || ledger.waitingCount() == 0) {
                return filled;
            }
            long after = 0;
            while (true) {
                if (ledger.taken(CounterKey.EVENT) >= event.capacity().seats() || ledger.waitingCount() == 0) {
                    return filled; // nobody can fit: no need to read the list
                }
                List<Registration> page = tx.waitingList(after, PAGE);
                if (page.isEmpty()) {
                    return filled;
                }
                for (Registration r : page) {
                    after = r.waitlistSequence();
                    if (r.anonymised()) {
                        continue; // kept for the statistics only: nobody to offer a seat to
                    }
                    if (check(r) instanceof CapacityDecision.Fits fits) {
                        ledger(ledger.leaveWaitlist());
                        if (policy.mode() == WaitlistPolicy.Mode.AUTO_PROMOTE) {
                            filled.add(take(
                                    r,
                                    RegistrationStatus.CONFIRMED,
                                    fits.holds(),
                                    Actor.system(),
                                    "history.promoted",
                                    Notification.Kind.PROMOTED));
                        } else {
                            ledger(ledger.take(fits.holds()));
                            Registration next = r.offer(
                                    fits.holds(),
                                    now.plus(policy.offerValidity()),
                                    new StatusChange(
                                            RegistrationStatus.OFFERED, now, Actor.system(), "history.offered"));
                            tx.update(next);
                            notify(Notification.Kind.OFFERED, next);
                            filled.add(next);
                        }
                    }
                }
            }
        }

        void notify(Notification.Kind kind, Registration r) {
            Notification n = new Notification(ids.newId(), kind, r.eventId(), r.id(), now);
            tx.publish(n);
            notifications.add(n);
        }
    }

    private static Map<String, String> cleanAnswers(Map<String, String> answers) {
        Map<String, String> clean = new LinkedHashMap<>();
        answers.forEach((k, v) -> {
            if (!v.isBlank()) {
                clean.put(k, v.strip());
            }
        });
        return clean;
    }

    /** Holds the default validator factory, built on first use. */
    private static final class DefaultValidation {
        static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    }

    /** Builds a {@link RegistrationService}. Not thread-safe. */
    public static final class Builder {
        private RegistrationStore store = new InMemoryRegistrationStore();
        private Clock clock = Clock.systemUTC();
        private ValidatorFactory validatorFactory;
        private final List<RegistrationListener> listeners = new ArrayList<>();
        private IdGenerator ids = IdGenerator.fastRandomUuid();
        private SecureRandom random = new SecureRandom();

        private Duration manageTokenValidity;

        private Builder() {}

        /**
         * Makes manage tokens stop working this long after the event ends (they always stop when
         * the registration ends or is anonymised). No limit unless set.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder manageTokenValidity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.isNegative()) {
                throw new IllegalArgumentException("a manage token validity must not be negative but was " + validity);
            }
            this.manageTokenValidity = validity;
            return this;
        }

        /** Where to keep things; an {@link InMemoryRegistrationStore} unless set. */
        public Builder store(RegistrationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock to read time from; the system clock (UTC) unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The Jakarta Validation factory to validate requests with, for a portal that brings its own
         * (Spring's {@code LocalValidatorFactoryBean} is one). Unless set, the default provider on
         * the class path is used: Hibernate Validator, which registration-core depends on.
         */
        public Builder validatorFactory(ValidatorFactory factory) {
            this.validatorFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Adds a listener, told after every committed change. */
        public Builder listener(RegistrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** How ids are made; {@link IdGenerator#fastRandomUuid()} unless set. */
        public Builder idGenerator(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** The source of manage tokens; a new {@link SecureRandom} unless set. */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the service. */
        public RegistrationService build() {
            return new RegistrationService(this);
        }
    }
}
