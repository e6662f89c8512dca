package org.eventregistration.store.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.OutboxBacklog;
import org.eventregistration.spi.RegistrationStore;

/**
 * A {@link RegistrationStore} in the memory of one JVM: the default, and the store to test with.
 *
 * <p>Thread-safe. Each event has its own lock, so units of work on one event are serialized and
 * units on different events run in parallel. A unit of work stages its writes and applies them
 * only when the callback returns, so a callback that throws leaves nothing behind. Reads outside a
 * unit of work never block and see committed data. Nothing survives the JVM; use the JDBC store
 * for that and for several nodes.
 */
public final class InMemoryRegistrationStore implements RegistrationStore {
    private final ConcurrentHashMap<EventId, EventState> events = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RegistrationId, Registration> registrations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RegistrationId> byTokenHash = new ConcurrentHashMap<>();
    private final MemoryDeadlines offers = new MemoryDeadlines(Registration::offerExpiresAt);
    /** Active registrations waiting for their address to be confirmed, with the deadline. */
    private final MemoryDeadlines unconfirmed = new MemoryDeadlines(Registration::confirmAddressBy);
    /** Registrations whose seat is offered to a colleague, with the offer's expiry. */
    private final MemoryDeadlines handovers =
            new MemoryDeadlines(r -> r.handover().map(h -> h.expiresAt()));
    /** The colleague's address to the registrations offering them a seat. */
    private final MemoryAddresses byHandoverEmail =
            new MemoryAddresses(r -> r.handover().map(h -> h.normalizedEmail()));

    private final MemoryLinkTokens linkTokens = new MemoryLinkTokens();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final ConcurrentHashMap<String, OrganiserMessage> messages = new ConcurrentHashMap<>();
    /** The address to the registrations made with it, for access and erasure requests. */
    private final MemoryAddresses byEmail =
            new MemoryAddresses(r -> Optional.of(r.attendee().normalizedEmail()));

    private final ConcurrentHashMap<EventId, ConcurrentLinkedQueue<AuditEntry>> audit = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<OrganiserId, ConcurrentLinkedQueue<AuditEntry>> organiserAudit =
            new ConcurrentHashMap<>();

    /** Creates an empty store. */
    public InMemoryRegistrationStore() {}

    /** Events whose personal data the retention run has removed. */
    private final Set<EventId> retentionDone = ConcurrentHashMap.newKeySet();

    private static final class EventState {
        final ReentrantLock lock = new ReentrantLock();
        volatile Event event;
        volatile Ledger ledger;
        // Written only under the lock; read lock-free by the store's finders. (The active registration
        // by e-mail is found through the store-wide byEmail index: one map fewer to grow per registration.)
        final ConcurrentHashMap<String, RegistrationId> byIdempotencyKey = new ConcurrentHashMap<>();
        final ConcurrentSkipListMap<Long, RegistrationId> waiting = new ConcurrentSkipListMap<>();
        final ConcurrentLinkedQueue<RegistrationId> order = new ConcurrentLinkedQueue<>();

        EventState(Event event) {
            this.event = event;
            this.ledger = Ledger.empty(event.id());
        }
    }

    @Override
    public void saveEvent(Event event) {
        Objects.requireNonNull(event, "event");
        EventState state = events.computeIfAbsent(event.id(), id -> new EventState(event));
        state.lock.lock();
        try {
            state.event = event;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Optional<Event> findEvent(EventId id) {
        return Optional.ofNullable(events.get(id)).map(s -> s.event);
    }

    @Override
    public List<Event> findEvents() {
        return events.values().stream()
                .map(s -> s.event)
                .sorted(Comparator.comparing((Event e) -> e.start().toInstant()).thenComparing(e -> e.id().value()))
                .toList();
    }

    @Override
    public List<Event> findEventsForRetention() {
        return findEvents().stream()
                .filter(e -> !retentionDone.contains(e.id()))
                .toList();
    }

    @Override
    public void retentionDone(EventId eventId, Instant at) {
        Objects.requireNonNull(at, "at");
        retentionDone.add(Objects.requireNonNull(eventId, "eventId"));
    }

    @Override
    public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        EventState state = events.get(eventId);
        if (state == null) {
            throw new EventNotFoundException(eventId);
        }
        state.lock.lock();
        try {
            Tx tx = new Tx(state);
            T result = work.apply(tx);
            tx.commit();
            return result;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Optional<Ledger> findLedger(EventId eventId) {
        return Optional.ofNullable(events.get(eventId)).map(s -> s.ledger);
    }

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        return Optional.ofNullable(registrations.get(id));
    }

    @Override
    public Optional<Registration> findByManageTokenHash(String tokenHash) {
        return Optional.ofNullable(byTokenHash.get(tokenHash)).map(registrations::get);
    }

    @Override
    public List<Registration> findRegistrations(EventId eventId) {
        EventState state = events.get(eventId);
        if (state == null) {
            return List.of();
        }
        List<Registration> result = new ArrayList<>();
        for (RegistrationId id : state.order) {
            Registration r = registrations.get(id);
            if (r != null) {
                result.add(r);
            }
        }
        return result;
    }

    @Override
    public int countWaitingBefore(EventId eventId, long waitlistSequence) {
        EventState state = events.get(eventId);
        return state == null ? 0 : state.waiting.headMap(waitlistSequence).size();
    }

    @Override
    public List<Registration> findExpiredOffers(Instant now, int limit) {
        return offers.due(now, limit, registrations);
    }

    @Override
    public List<Registration> findUnconfirmed(Instant now, int limit) {
        return unconfirmed.due(now, limit, registrations);
    }

    @Override
    public List<Registration> findLapsedHandovers(Instant now, int limit) {
        return handovers.due(now, limit, registrations);
    }

    @Override
    public List<Registration> findHandoversByEmail(String normalizedEmail) {
        return byHandoverEmail.find(normalizedEmail, registrations);
    }

    @Override
    public void saveLinkToken(LinkToken token, int maxLive) {
        linkTokens.save(token, maxLive);
    }

    @Override
    public Optional<LinkToken> findLinkToken(String tokenHash) {
        return linkTokens.find(tokenHash);
    }

    @Override
    public int deleteExpiredLinkTokens(Instant now) {
        return linkTokens.deleteExpired(now);
    }

    @Override
    public List<Registration> findRegistrationsByEmail(String normalizedEmail) {
        return byEmail.find(normalizedEmail, registrations);
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.eventId().isPresent()) {
            audit.computeIfAbsent(entry.eventId().get(), e -> new ConcurrentLinkedQueue<>())
                    .add(entry);
        } else {
            organiserAudit
                    .computeIfAbsent(entry.organiser(), o -> new ConcurrentLinkedQueue<>())
                    .add(entry);
        }
    }

    @Override
    public List<AuditEntry> findOrganiserAudit(OrganiserId organiser) {
        Objects.requireNonNull(organiser, "organiser");
        ConcurrentLinkedQueue<AuditEntry> entries = organiserAudit.get(organiser);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public List<AuditEntry> findAudit(EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        ConcurrentLinkedQueue<AuditEntry> entries = audit.get(eventId);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    @Override
    public List<Notification> pendingNotifications(int limit) {
        return outbox.pending(limit);
    }

    @Override
    public List<Notification> pendingNotifications(Instant now, int limit) {
        return outbox.pending(Objects.requireNonNull(now, "now"), limit);
    }

    @Override
    public void markDelivered(Collection<String> notificationIds) {
        outbox.markDelivered(notificationIds);
    }

    @Override
    public boolean recordDeliveryFailure(String notificationId, Instant now, DeliveryRetry retry) {
        return outbox.recordFailure(
                notificationId, Objects.requireNonNull(now, "now"), Objects.requireNonNull(retry, "retry"));
    }

    @Override
    public void setAside(String notificationId, Instant at) {
        outbox.setAside(notificationId, Objects.requireNonNull(at, "at"));
    }

    /** {@inheritDoc} One pass over the pending notifications in memory. */
    @Override
    public Optional<OutboxBacklog> outboxBacklog() {
        return Optional.of(outbox.backlog());
    }

    @Override
    public List<Notification> undeliverableNotifications(EventId eventId) {
        return outbox.undeliverable(Objects.requireNonNull(eventId, "eventId"));
    }

    @Override
    public void saveMessage(OrganiserMessage message) {
        Objects.requireNonNull(message, "message");
        messages.putIfAbsent(message.id(), message);
    }

    @Override
    public Optional<OrganiserMessage> findMessage(String messageId) {
        return Optional.ofNullable(messages.get(messageId));
    }

    @Override
    public int deleteMessages(EventId eventId) {
        int[] deleted = {0};
        messages.values().removeIf(m -> m.eventId().equals(eventId) && ++deleted[0] > 0);
        return deleted[0];
    }

    /** The staged writes of one unit of work; applied by {@link #commit()} under the event's lock. */
    private final class Tx implements EventTransaction {
        private final EventState state;
        private final EventId eventId;
        private Ledger ledger;
        private Event event;
        private final Map<RegistrationId, Registration> staged = new LinkedHashMap<>();
        private final Map<RegistrationId, Boolean> isNew = new LinkedHashMap<>();
        private final List<Notification> notifications = new ArrayList<>();
        private final List<AuditEntry> auditEntries = new ArrayList<>();

        Tx(EventState state) {
            this.state = state;
            this.eventId = state.event.id();
            this.ledger = state.ledger;
            this.event = state.event;
        }

        @Override
        public Event event() {
            return event;
        }

        @Override
        public void saveEvent(Event changed) {
            Objects.requireNonNull(changed, "event");
            if (!changed.id().equals(eventId)) {
                throw new IllegalArgumentException(
                        "definition of " + changed.id() + " saved in a unit of work on " + eventId);
            }
            event = changed;
        }

        @Override
        public List<Registration> registrations(Set<RegistrationStatus> statuses) {
            List<Registration> result = new ArrayList<>();
            for (RegistrationId id : state.order) {
                current(id).filter(r -> statuses.contains(r.status())).ifPresent(result::add);
            }
            for (Map.Entry<RegistrationId, Boolean> added : isNew.entrySet()) {
                Registration r = staged.get(added.getKey());
                if (statuses.contains(r.status())) {
                    result.add(r);
                }
            }
            return result;
        }

        @Override
        public Ledger ledger() {
            return ledger;
        }

        @Override
        public void updateLedger(Ledger next) {
            if (!next.eventId().equals(eventId)) {
                throw new IllegalArgumentException(
                        "ledger of " + next.eventId() + " given to a unit of work on " + eventId);
            }
            if (next.version() <= ledger.version()) {
                throw new IllegalArgumentException(
                        "ledger version must grow: " + ledger.version() + " -> " + next.version());
            }
            ledger = next;
        }

        private Optional<Registration> current(RegistrationId id) {
            Registration r = staged.get(id);
            if (r == null) {
                r = registrations.get(id);
            }
            return Optional.ofNullable(r).filter(x -> x.eventId().equals(eventId));
        }

        @Override
        public Optional<Registration> findRegistration(RegistrationId id) {
            return current(id);
        }

        @Override
        public Optional<Registration> findActiveByEmail(String normalizedEmail) {
            for (Registration r : staged.values()) {
                if (r.status().isActive() && r.attendee().normalizedEmail().equals(normalizedEmail)) {
                    return Optional.of(r);
                }
            }
            // Committed registrations of this event change only under its lock, which this unit of
            // work holds: their entries in byEmail are stable while it runs.
            for (Registration r : byEmail.find(normalizedEmail, registrations)) {
                // A staged version was looked at above.
                if (!staged.containsKey(r.id())
                        && r.eventId().equals(eventId)
                        && r.status().isActive()) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<Registration> findByIdempotencyKey(String key) {
            for (Registration r : staged.values()) {
                if (r.idempotencyKey().filter(key::equals).isPresent()) {
                    return Optional.of(r);
                }
            }
            RegistrationId id = state.byIdempotencyKey.get(key);
            return id == null ? Optional.empty() : current(id);
        }

        @Override
        public List<Registration> waitingList(long afterSequence, int limit) {
            ConcurrentSkipListMap<Long, Registration> merged = new ConcurrentSkipListMap<>();
            for (RegistrationId id : state.waiting.tailMap(afterSequence, false).values()) {
                if (merged.size() >= limit + staged.size()) {
                    break;
                }
                current(id)
                        .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                        .ifPresent(r -> merged.put(r.waitlistSequence(), r));
            }
            for (Registration r : staged.values()) {
                if (r.status() == RegistrationStatus.WAITLISTED && r.waitlistSequence() > afterSequence) {
                    merged.put(r.waitlistSequence(), r);
                }
            }
            return merged.values().stream().limit(limit).toList();
        }

        @Override
        public void insert(Registration registration) {
            if (!registration.eventId().equals(eventId)) {
                throw new IllegalArgumentException(
                        "registration of " + registration.eventId() + " inserted in a unit of work on " + eventId);
            }
            if (current(registration.id()).isPresent() || registrations.containsKey(registration.id())) {
                throw new DuplicateRegistrationException("registration " + registration.id() + " already exists");
            }
            if (registration.status().isActive()
                    && findActiveByEmail(registration.attendee().normalizedEmail())
                            .isPresent()) {
                throw new DuplicateRegistrationException(
                        "event " + eventId + " already has an active registration for this e-mail");
            }
            if (registration
                    .idempotencyKey()
                    .flatMap(this::findByIdempotencyKey)
                    .isPresent()) {
                throw new DuplicateRegistrationException(
                        "event " + eventId + " already has a registration with this idempotency key");
            }
            staged.put(registration.id(), registration);
            isNew.put(registration.id(), true);
        }

        @Override
        public void update(Registration registration) {
            Registration old =
                    current(registration.id()).orElseThrow(() -> new RegistrationNotFoundException(registration.id()));
            if (!old.eventId().equals(registration.eventId())) {
                throw new IllegalArgumentException("a registration cannot move to another event");
            }
            if (registration.status().isActive() && !old.status().isActive()) {
                Optional<Registration> other =
                        findActiveByEmail(registration.attendee().normalizedEmail());
                if (other.isPresent() && !other.get().id().equals(registration.id())) {
                    throw new DuplicateRegistrationException(
                            "event " + eventId + " already has an active registration for this e-mail");
                }
            }
            staged.put(registration.id(), registration);
        }

        @Override
        public void publish(Notification notification) {
            notifications.add(Objects.requireNonNull(notification, "notification"));
        }

        @Override
        public void audit(AuditEntry entry) {
            Objects.requireNonNull(entry, "entry");
            if (!entry.eventId().filter(eventId::equals).isPresent()) {
                throw new IllegalArgumentException(
                        "audit entry of " + entry.eventId().orElse(null) + " written in a unit of work on " + eventId);
            }
            auditEntries.add(entry);
        }

        void commit() {
            for (Registration r : staged.values()) {
                Registration old = registrations.put(r.id(), r);
                if (old != null) {
                    unindex(old);
                }
                index(r);
                if (old != null) {
                    unindexChanged(old, r);
                }
                if (isNew.containsKey(r.id())) {
                    state.order.add(r.id());
                }
            }
            state.ledger = ledger;
            state.event = event;
            for (Notification n : notifications) {
                outbox.add(n);
            }
            for (AuditEntry entry : auditEntries) {
                appendAudit(entry);
            }
        }

        private void unindex(Registration r) {
            state.waiting.remove(r.waitlistSequence(), r.id());
            offers.unindex(r.id());
            unconfirmed.unindex(r.id());
            handovers.unindex(r.id());
        }

        /** Drops the lookups by token and e-mail that anonymisation changed (after the new ones are in place). */
        private void unindexChanged(Registration old, Registration r) {
            if (!old.manageTokenHash().equals(r.manageTokenHash())) {
                byTokenHash.remove(old.manageTokenHash(), r.id());
            }
            byEmail.unindexChanged(old, r);
            byHandoverEmail.unindexChanged(old, r);
            if (old.idempotencyKey().isPresent() && !old.idempotencyKey().equals(r.idempotencyKey())) {
                state.byIdempotencyKey.remove(old.idempotencyKey().get(), r.id());
            }
        }

        private void index(Registration r) {
            r.idempotencyKey().ifPresent(k -> state.byIdempotencyKey.putIfAbsent(k, r.id()));
            if (r.status() == RegistrationStatus.WAITLISTED) {
                state.waiting.put(r.waitlistSequence(), r.id());
            }
            offers.index(r);
            unconfirmed.index(r);
            handovers.index(r);
            byHandoverEmail.index(r);
            byTokenHash.put(r.manageTokenHash(), r.id());
            byEmail.index(r);
        }
    }
}
