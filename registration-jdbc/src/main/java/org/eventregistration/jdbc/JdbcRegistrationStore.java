package org.eventregistration.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.spi.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RegistrationStore} on plain JDBC, for PostgreSQL, MariaDB (and MySQL) and H2, safe for
 * several application nodes sharing one database.
 *
 * <pre>{@code
 * JdbcRegistrationStore store = JdbcRegistrationStore.builder(dataSource)
 *         .tablePrefix("reg_")          // the default
 *         .build();                     // the database is detected from the JDBC metadata
 * store.migrate();                      // creates or upgrades the tables (needs flyway-core)
 * RegistrationService service = RegistrationService.builder().store(store).build();
 * }</pre>
 *
 * <h2>How it keeps the contract</h2>
 * <ul>
 *   <li>A unit of work ({@link #inTransaction}) is one database transaction that starts by locking
 *       the event's ledger row ({@code SELECT ... FOR UPDATE}): units of work on one event are
 *       serialized across all nodes, units on different events run in parallel. Capacity is
 *       decided from the ledger's counters (table {@code ledger_counter}), never by counting rows,
 *       and only counters that changed are written.
 *   <li>Unique constraints on (event, active e-mail) and (event, idempotency key) make the
 *       database refuse duplicates too; a violation is a {@link DuplicateRegistrationException}.
 *   <li>Notifications are written to an outbox table in the same transaction (transactional
 *       outbox), and stay there until {@link #markDelivered}.
 *   <li>Deadlocks and serialization failures (SQLState 40001, 40P01, MariaDB error 1213) are
 *       retried here and nowhere else: the whole transaction runs again, up to {@link
 *       Builder#maxAttempts(int)} times with a short jittered pause. <b>The callback of {@link
 *       #inTransaction} may therefore run more than once, and must be idempotent</b> apart from
 *       its effects through the {@link EventTransaction}. The number of retries is logged (ids
 *       only) and counted by {@link #retries()}.
 *   <li>Any other database failure is a {@link StoreException} that keeps the SQLState; the
 *       transaction was rolled back (a rollback that fails too is attached as suppressed).
 * </ul>
 *
 * <h2>Round trips</h2>
 * The ledger is locked on the unit of work's first use; if that is {@link
 * EventTransaction#findActiveByEmails} (as in the service's registrations), PostgreSQL gets the
 * lock, the counters and definition, and the look-up in one round trip. Writes are staged and sent
 * together at the end; in the store's own transactions on PostgreSQL the {@code COMMIT} goes in
 * the same round trip (the driver then sends nothing for {@code Connection.commit()}). So a
 * registration, or a combined batch of them, costs two round trips, plus a share of a combined
 * {@link #markDelivered}.
 *
 * <h2>Transactions of the application</h2>
 * Built with a {@link ConnectionFactory} that {@linkplain ConnectionFactory#joinsExternalTransaction()
 * joins external transactions}, the store works inside the caller's open transaction: it does not
 * commit, roll back or close; a failing unit of work is undone to a savepoint and its exception
 * propagates. Such a unit of work is not retried (a deadlock may have rolled back the caller's
 * whole transaction), and the ledger lock is held until the caller commits. On MariaDB, run
 * those transactions under READ COMMITTED, or the store uses locking reads.
 *
 * <p>Thread-safe. The store holds no state another node would need; the only local state is a
 * cache of decoded event definitions, checked against the stored text on every read.
 */
public final class JdbcRegistrationStore implements RegistrationStore {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,20}");
    /** The table prefix unless the builder is told otherwise. */
    public static final String DEFAULT_TABLE_PREFIX = "reg_";

    private final ConnectionFactory connections;
    private final DataSource dataSource;
    private final String prefix;
    private final Database database;
    private final Dialect dialect;
    private final Sql sql;
    private final JdbcPrivacy privacy;
    private final EventCodec codec;
    private final int maxAttempts;
    private final Clock clock;
    private final Duration outboxClaim;
    private final LongAdder retries = new LongAdder();
    /** Whether this thread's last unit of work joined the caller's transaction (for afterCommit). */
    private final ThreadLocal<Boolean> joinedUnit = new ThreadLocal<>();

    private final ConcurrentHashMap<EventId, DecodedEvent> eventCache = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<EventId, SharedRead> eventReads = new ConcurrentHashMap<>();
    /** Notification ids waiting to be marked delivered by whoever holds {@link #deleting} (see {@link #markDelivered}). */
    private final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();

    private final ReentrantLock deleting = new ReentrantLock();

    private record DecodedEvent(String stored, Event event) {}

    private JdbcRegistrationStore(Builder b, Database database) {
        this.connections = b.connections;
        this.dataSource = b.dataSource;
        this.prefix = b.prefix;
        this.database = database;
        this.dialect = Dialect.of(database);
        this.sql = new Sql(prefix, dialect);
        this.privacy = new JdbcPrivacy(prefix, dialect);
        this.codec = b.codec != null ? b.codec : EventCodec.json(b.customRules.values());
        this.maxAttempts = b.maxAttempts;
        this.clock = b.clock;
        this.outboxClaim = b.outboxClaim;
    }

    /** Starts a store on a data source (usually a connection pool); see {@link ConnectionFactory#of}. */
    public static Builder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new Builder(ConnectionFactory.of(dataSource), dataSource);
    }

    /** Starts a store on a connection factory, for example one that joins the application's transactions. */
    public static Builder builder(ConnectionFactory connections) {
        return new Builder(Objects.requireNonNull(connections, "connections"), null);
    }

    // ------------------------------------------------------------------ schema

    /**
     * Creates the tables or upgrades them to this version's schema with Flyway (which must be on
     * the class path: {@code org.flywaydb:flyway-core}, plus {@code flyway-database-postgresql} or
     * {@code flyway-mysql}). The migration history is kept in the table {@code <prefix>schema_history}.
     * Safe to call on every start and from several nodes at once.
     *
     * <p>An application that runs Flyway itself adds {@link Database#migrationLocation()} to its
     * locations and sets the placeholder {@code prefix} instead.
     *
     * @throws IllegalStateException if the store was built from a connection factory (migrate with
     *     {@link #migrate(DataSource, String)}), or Flyway is missing
     * @throws StoreException if the migration fails
     */
    public void migrate() {
        if (dataSource == null) {
            throw new IllegalStateException("this store was built from a ConnectionFactory: migrate with "
                    + "JdbcRegistrationStore.migrate(dataSource, tablePrefix), or let your own Flyway run "
                    + database.migrationLocation());
        }
        SchemaMigrator.migrate(dataSource, database, prefix, null);
    }

    /**
     * Creates or upgrades the tables with the given prefix in the data source's database; see
     * {@link #migrate()}. The database is detected from the JDBC metadata.
     */
    public static void migrate(DataSource dataSource, String tablePrefix) {
        Objects.requireNonNull(dataSource, "dataSource");
        String prefix = checkPrefix(tablePrefix);
        SchemaMigrator.migrate(dataSource, detect(ConnectionFactory.of(dataSource)), prefix, null);
    }

    /** The database this store talks to. */
    public Database database() {
        return database;
    }

    /** The prefix of the store's table names. */
    public String tablePrefix() {
        return prefix;
    }

    /** How many times a transaction was run again after a deadlock or serialization failure, since the store was built. */
    public long retries() {
        return retries.sum();
    }

    // ------------------------------------------------------------------ events

    @Override
    public void saveEvent(Event event) {
        Objects.requireNonNull(event, "event");
        String definition = codec.encode(event); // fails before touching the database
        SqlWork<Void> save = c -> {
            Instant now = clock.instant();
            boolean exists;
            // Lock the ledger row first, the same order as a unit of work: a definition does not
            // change under a running unit of work.
            try (PreparedStatement ps = c.prepareStatement(sql.ledgerExists)) {
                ps.setString(1, event.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists) {
                update(c, sql.updateEvent, event, definition, now);
            } else {
                update(c, sql.insertEvent, event, definition, now);
                try (PreparedStatement ps = c.prepareStatement(sql.insertLedger)) {
                    ps.setString(1, event.id().value());
                    ps.executeUpdate();
                }
            }
            return null;
        };
        try {
            run("saveEvent", event.id(), true, save);
        } catch (DuplicateRegistrationException firstSaveRace) {
            // Another node created the same new event at the same moment: now it exists, update it.
            run("saveEvent", event.id(), true, save);
        }
        eventCache.put(event.id(), new DecodedEvent(definition, event));
        log.debug("event saved: event={}", event.id());
    }

    private static void update(Connection c, String statement, Event event, String definition, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, utc(event.start().toInstant()));
            ps.setString(2, definition);
            ps.setObject(3, utc(now));
            ps.setString(4, event.id().value());
            ps.executeUpdate();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Every call reads the database, but concurrent calls for the same event share reads: a
     * call that arrives while a read of the event is under way waits for it to end and then
     * takes part in the next one, together with everyone else who arrived meanwhile. Each caller
     * still gets a read that began after its call did. (Not in joined transactions: there each
     * caller reads inside its own transaction.)
     */
    @Override
    public Optional<Event> findEvent(EventId id) {
        Objects.requireNonNull(id, "id");
        if (connections.joinsExternalTransaction()) {
            return run("findEvent", id, false, c -> loadEvent(c, id));
        }
        return eventReads.computeIfAbsent(id, SharedRead::new).get();
    }

    /** Concurrent {@link #findEvent} calls for one event, combined into as few database reads as is correct. */
    private final class SharedRead {
        private final EventId id;
        /** The read that callers may still join: it has not started. */
        private Result next;

        private boolean reading;

        private final class Result {
            boolean done;
            Optional<Event> event;
            RuntimeException failure;
        }

        SharedRead(EventId id) {
            this.id = id;
        }

        Optional<Event> get() {
            Result mine;
            synchronized (this) {
                if (next == null) {
                    next = new Result();
                }
                mine = next;
                while (!mine.done && reading) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreException("JDBC store: interrupted while reading event " + id, null, e);
                    }
                }
                if (mine.done) {
                    return result(mine);
                }
                // No read is running and ours has not started: start it, for everyone who joined it.
                reading = true;
                next = null;
            }
            try {
                mine.event = run("findEvent", id, false, c -> loadEvent(c, id));
            } catch (RuntimeException e) {
                mine.failure = e;
            } finally {
                synchronized (this) {
                    mine.done = true;
                    reading = false;
                    notifyAll();
                }
            }
            return result(mine);
        }

        private Optional<Event> result(Result r) {
            if (r.failure != null) {
                throw r.failure;
            }
            return r.event;
        }
    }

    private Optional<Event> loadEvent(Connection c, EventId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.eventDefinition)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decodeEvent(id, rs.getString(1))) : Optional.empty();
            }
        }
    }

    private Event decodeEvent(EventId id, String stored) {
        DecodedEvent cached = eventCache.get(id);
        if (cached != null && cached.stored.equals(stored)) {
            return cached.event;
        }
        Event event = codec.decode(stored);
        eventCache.put(id, new DecodedEvent(stored, event));
        return event;
    }

    @Override
    public List<Event> findEvents() {
        return run("findEvents", null, false, c -> {
            List<Event> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.allEvents);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(decodeEvent(EventId.of(rs.getString(1)), rs.getString(2)));
                }
            }
            return result;
        });
    }

    // ------------------------------------------------------------------ units of work

    /**
     * {@inheritDoc}
     *
     * <p>Locks the event's ledger row for the whole transaction. If the database reports a deadlock
     * or serialization failure, the transaction is rolled back and the callback runs again (see
     * the class documentation): <b>it must be idempotent</b>.
     *
     * <p>The unit of work's writes are sent when the callback returns, in a few statements (see
     * {@code Tx}); a duplicate that only the database's unique constraints see then fails the
     * whole unit of work with a {@link DuplicateRegistrationException}, and nothing is written.
     */
    @Override
    public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(work, "work");
        joinedUnit.remove();
        return run("inTransaction", eventId, true, c -> {
            boolean lockingReads = dialect.needsLockingReads(c);
            // Our own transaction on PostgreSQL: the COMMIT travels with the last writes.
            boolean commitWithWrites = dialect.multiStatements() && !Boolean.TRUE.equals(joinedUnit.get());
            Tx tx = new Tx(c, eventId, lockingReads, commitWithWrites);
            try {
                T result = work.apply(tx);
                tx.flush();
                return result;
            } finally {
                tx.open = false;
            }
        });
    }

    /** True when built on a {@link ConnectionFactory} that joins the caller's transactions. */
    @Override
    public boolean joinsCallerTransactions() {
        return connections.joinsExternalTransaction();
    }

    /**
     * Runs the action now if this thread's last unit of work committed on its own; if it joined the
     * caller's transaction, hands it to {@link ConnectionFactory#afterCommit}.
     */
    @Override
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        boolean joined = Boolean.TRUE.equals(joinedUnit.get());
        joinedUnit.remove();
        if (joined) {
            connections.afterCommit(action);
        } else {
            action.run();
        }
    }

    /** What a unit of work reads under the lock before anything else. */
    private record Locked(Event event, Ledger ledger) {}

    /**
     * Starts a unit of work: locks the ledger row (one statement), then reads the counters and the
     * event definition (one more). The second statement runs after the lock is granted, so it
     * sees what the previous holder of the lock committed (a single statement joining the locked
     * row would read the other tables from a snapshot taken before waiting for the lock).
     */
    private Locked begin(Connection c, EventId eventId, boolean lockingReads) throws SQLException {
        long version;
        long tail;
        int waiting;
        try (PreparedStatement ps = c.prepareStatement(sql.lockLedger)) {
            ps.setString(1, eventId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EventNotFoundException(eventId);
                }
                version = rs.getLong(1);
                tail = rs.getLong(2);
                waiting = rs.getInt(3);
            }
        }
        Map<CounterKey, Integer> taken = new TreeMap<>();
        Event event;
        if (lockingReads) {
            // The counters need a locking read here, which cannot be part of a UNION.
            try (PreparedStatement ps = c.prepareStatement(sql.countersLocking)) {
                ps.setString(1, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.put(new CounterKey(rs.getString(1)), rs.getInt(2));
                    }
                }
            }
            event = loadEvent(c, eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        } else {
            String stored;
            try (PreparedStatement ps = c.prepareStatement(sql.countersAndDefinition)) {
                ps.setString(1, eventId.value());
                ps.setString(2, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    stored = readCountersAndDefinition(rs, eventId, taken);
                }
            }
            event = decodeEvent(eventId, stored);
        }
        return new Locked(event, new Ledger(eventId, version, taken, tail, waiting));
    }

    /**
     * {@link #begin} with both statements sent together (PostgreSQL); each still runs on a fresh
     * snapshot taken after the lock was granted. With e-mail addresses, a third statement in the
     * same round trip reads the event's active registrations with them into {@code found}.
     */
    private Locked beginInOneRoundTrip(Connection c, EventId eventId, List<String> emails, List<Registration> found)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(emails.isEmpty() ? sql.lockAndRead : sql.lockReadAndLookUp)) {
            ps.setString(1, eventId.value());
            ps.setString(2, eventId.value());
            ps.setString(3, eventId.value());
            if (!emails.isEmpty()) {
                ps.setString(4, eventId.value());
                ps.setArray(5, c.createArrayOf("varchar", emails.toArray()));
            }
            if (!ps.execute()) {
                throw new IllegalStateException("the ledger lock returned no result set");
            }
            long version;
            long tail;
            int waiting;
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    throw new EventNotFoundException(eventId);
                }
                version = rs.getLong(1);
                tail = rs.getLong(2);
                waiting = rs.getInt(3);
            }
            if (!ps.getMoreResults()) {
                throw new IllegalStateException("the ledger read returned no result set");
            }
            Map<CounterKey, Integer> taken = new TreeMap<>();
            String definition;
            try (ResultSet rs = ps.getResultSet()) {
                definition = readCountersAndDefinition(rs, eventId, taken);
            }
            if (!emails.isEmpty()) {
                if (!ps.getMoreResults()) {
                    throw new IllegalStateException("the e-mail look-up returned no result set");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        found.add(RegistrationCodec.decode(rs.getString(1)));
                    }
                }
            }
            return new Locked(decodeEvent(eventId, definition), new Ledger(eventId, version, taken, tail, waiting));
        }
    }

    /**
     * Reads the rows of {@code countersAndDefinition}: counter rows (key, taken) into {@code taken},
     * and the one row without a key, which carries the event definition.
     */
    private static String readCountersAndDefinition(ResultSet rs, EventId eventId, Map<CounterKey, Integer> taken)
            throws SQLException {
        String definition = null;
        while (rs.next()) {
            String key = rs.getString(1);
            if (key != null) {
                taken.put(new CounterKey(key), rs.getInt(2));
            } else {
                definition = rs.getString(3);
            }
        }
        if (definition == null) {
            throw new EventNotFoundException(eventId);
        }
        return definition;
    }

    @Override
    public Optional<Ledger> findLedger(EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        // One statement, so the version and the counters come from one snapshot.
        return run("findLedger", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.ledgerWithCounters)) {
                ps.setString(1, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long version = rs.getLong(1);
                    long tail = rs.getLong(2);
                    int waiting = rs.getInt(3);
                    Map<CounterKey, Integer> taken = new TreeMap<>();
                    do {
                        String key = rs.getString(4);
                        if (key != null) {
                            taken.put(new CounterKey(key), rs.getInt(5));
                        }
                    } while (rs.next());
                    return Optional.of(new Ledger(eventId, version, taken, tail, waiting));
                }
            }
        });
    }

    // ------------------------------------------------------------------ registrations

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        Objects.requireNonNull(id, "id");
        return run("findRegistration", null, false, c -> one(c, sql.registrationById, id.value()));
    }

    @Override
    public Optional<Registration> findByManageTokenHash(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return run("findByManageTokenHash", null, false, c -> one(c, sql.registrationByTokenHash, tokenHash));
    }

    @Override
    public List<Registration> findRegistrations(EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return run("findRegistrations", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.registrationsOfEvent)) {
                ps.setString(1, eventId.value());
                return list(ps);
            }
        });
    }

    @Override
    public int countWaitingBefore(EventId eventId, long waitlistSequence) {
        Objects.requireNonNull(eventId, "eventId");
        return run("countWaitingBefore", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.countWaitingBefore)) {
                ps.setString(1, eventId.value());
                ps.setLong(2, waitlistSequence);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public List<Registration> findExpiredOffers(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        if (limit <= 0) {
            return List.of();
        }
        return run("findExpiredOffers", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.expiredOffers)) {
                ps.setObject(1, utc(now));
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    private static Optional<Registration> one(Connection c, String statement, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(RegistrationCodec.decode(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static List<Registration> list(PreparedStatement ps) throws SQLException {
        List<Registration> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(RegistrationCodec.decode(rs.getString(1)));
            }
        }
        return result;
    }

    // ------------------------------------------------------------------ personal data and audit (schema version 3)

    /**
     * {@inheritDoc}
     *
     * <p>Every write keeps the indexed {@code email} column up to date; registrations written before
     * schema version 3 get theirs filled in on the first such look-up (see {@link JdbcPrivacy}).
     */
    @Override
    public List<Registration> findRegistrationsByEmail(String normalizedEmail) {
        Objects.requireNonNull(normalizedEmail, "normalizedEmail");
        run("fillEmails", null, false, c -> {
            privacy.fillEmails(c);
            return null;
        });
        return run("findRegistrationsByEmail", null, false, c -> privacy.byEmail(c, normalizedEmail));
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        run("appendAudit", entry.eventId(), true, c -> {
            privacy.insertAudit(c, entry);
            return null;
        });
    }

    @Override
    public List<AuditEntry> findAudit(EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        return run("findAudit", eventId, false, c -> privacy.audit(c, eventId));
    }

    // ------------------------------------------------------------------ outbox

    /**
     * {@inheritDoc}
     *
     * <p>With an {@linkplain Builder#outboxClaim(Duration) outbox claim} set, the notifications
     * returned are claimed for that long, and other callers (on any node) do not get them until
     * the claim runs out: dispatchers on several nodes do not deliver the same message at the same
     * time. A notification that is not marked delivered comes back after its claim expires.
     */
    @Override
    public List<Notification> pendingNotifications(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        if (outboxClaim.isZero()) {
            return run("pendingNotifications", null, false, c -> {
                try (PreparedStatement ps = c.prepareStatement(sql.pendingOutbox)) {
                    ps.setInt(1, limit);
                    return notifications(ps, new ArrayList<>());
                }
            });
        }
        return run("pendingNotifications", null, true, c -> {
            Instant now = clock.instant();
            List<Long> seqs = new ArrayList<>();
            List<Notification> candidates;
            try (PreparedStatement ps = c.prepareStatement(sql.claimableOutbox)) {
                ps.setObject(1, utc(now));
                ps.setInt(2, limit);
                candidates = notifications(ps, seqs);
            }
            List<Notification> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.claimOutbox)) {
                for (int i = 0; i < candidates.size(); i++) {
                    ps.setObject(1, utc(now.plus(outboxClaim)));
                    ps.setLong(2, seqs.get(i));
                    ps.setObject(3, utc(now));
                    if (ps.executeUpdate() == 1) {
                        claimed.add(candidates.get(i));
                    }
                }
            }
            return claimed;
        });
    }

    private static List<Notification> notifications(PreparedStatement ps, List<Long> seqs) throws SQLException {
        List<Notification> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
                result.add(new Notification(
                        rs.getString(2),
                        Notification.Kind.valueOf(rs.getString(3)),
                        EventId.of(rs.getString(4)),
                        RegistrationId.of(rs.getString(5)),
                        rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
            }
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement per {@value Sql#MAX_DELETE} ids ({@code DELETE ... WHERE notification_id
     * IN (...)}); up to that many, it runs on its own (auto-commit), without a transaction around it.
     *
     * <p>Concurrent calls are combined (not when joining callers' transactions): whoever finds no
     * delete under way sends the ids of everyone who called meanwhile, so a call may return while
     * its ids travel with another caller's statement. If that fails, or the process stops first,
     * the notifications stay pending and are delivered again (at least once, as always).
     */
    @Override
    public void markDelivered(Collection<String> notificationIds) {
        Objects.requireNonNull(notificationIds, "notificationIds");
        if (notificationIds.isEmpty()) {
            return;
        }
        if (connections.joinsExternalTransaction()) {
            deleteDelivered(List.copyOf(new LinkedHashSet<>(notificationIds)));
            return;
        }
        delivered.addAll(notificationIds);
        // Whoever holds the lock sends everything queued, and looks again after letting go: an id
        // queued by a caller who found the lock taken is then seen (it was queued before that).
        while (!delivered.isEmpty() && deleting.tryLock()) {
            try {
                LinkedHashSet<String> batch = new LinkedHashSet<>();
                String id;
                while (batch.size() < Sql.MAX_DELETE * 4 && (id = delivered.poll()) != null) {
                    batch.add(id);
                }
                if (!batch.isEmpty()) {
                    deleteDelivered(List.copyOf(batch));
                }
            } finally {
                deleting.unlock();
            }
        }
    }

    private void deleteDelivered(List<String> ids) {
        // A single statement is atomic on its own; in a joined transaction it still gets a savepoint.
        boolean write = ids.size() > Sql.MAX_DELETE || connections.joinsExternalTransaction();
        run("markDelivered", null, write, c -> {
            for (int from = 0; from < ids.size(); from += Sql.MAX_DELETE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Sql.MAX_DELETE));
                try (PreparedStatement ps =
                        c.prepareStatement(sql.deleteOutbox(chunk.size(), !connections.joinsExternalTransaction()))) {
                    int slots = Sql.deleteSlots(chunk.size());
                    for (int i = 0; i < slots; i++) {
                        ps.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1))); // pad with the last id
                    }
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ the one place for transactions and retries

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** A database failure inside an {@link EventTransaction} method, carried out of the callback. */
    private static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        SQLException sql() {
            return (SQLException) getCause();
        }
    }

    /**
     * Runs work in a transaction: the store's own (committed here, retried on transient failures)
     * or the caller's (joined, never committed, rolled back or retried here).
     */
    private <T> T run(String operation, EventId eventId, boolean write, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            boolean[] joined = {false};
            SQLException failure;
            try {
                return once(write, joined, work);
            } catch (SQLException e) {
                failure = unwrapBatch(e);
            } catch (SqlFailure e) {
                failure = unwrapBatch(e.sql());
            }
            if (dialect.isTransient(failure) && !joined[0] && attempt < maxAttempts) {
                retries.increment();
                log.warn(
                        "transient database failure, running the transaction again: operation={} event={} attempt={} of {} sqlState={}",
                        operation,
                        eventId,
                        attempt + 1,
                        maxAttempts,
                        failure.getSQLState());
                pause(attempt, operation, eventId, failure);
                continue;
            }
            if (dialect.isTransient(failure) && !joined[0]) {
                log.warn(
                        "transient database failure, giving up: operation={} event={} attempts={} sqlState={}",
                        operation,
                        eventId,
                        attempt,
                        failure.getSQLState());
            }
            throw translate(operation, eventId, failure);
        }
    }

    /**
     * The failure inside a failed JDBC batch: drivers report a constraint violation or deadlock in
     * a batch as a {@link BatchUpdateException} whose own SQLState or error code may be generic.
     */
    private static SQLException unwrapBatch(SQLException e) {
        if (e instanceof BatchUpdateException) {
            SQLException next = e.getNextException();
            if (next != null && (next.getSQLState() != null || next.getErrorCode() != 0)) {
                return next;
            }
            if (e.getCause() instanceof SQLException cause) {
                return cause;
            }
        }
        return e;
    }

    private <T> T once(boolean write, boolean[] joined, SqlWork<T> work) throws SQLException {
        Connection c = connections.openConnection();
        try {
            if (connections.joinsExternalTransaction() && !c.getAutoCommit()) {
                joined[0] = true;
                if (write) {
                    joinedUnit.set(Boolean.TRUE); // for afterCommit: the caller's transaction decides
                }
                return write ? joined(c, work) : work.run(c);
            }
            boolean autoCommit = c.getAutoCommit();
            if (!write && autoCommit) {
                return work.run(c);
            }
            return own(c, autoCommit, work);
        } finally {
            try {
                connections.closeConnection(c);
            } catch (SQLException e) {
                log.debug("closing a connection failed: sqlState={}", e.getSQLState());
            }
        }
    }

    private <T> T own(Connection c, boolean autoCommit, SqlWork<T> work) throws SQLException {
        int isolation = -1;
        int wanted = dialect.ownIsolation();
        if (wanted != -1 && c.getTransactionIsolation() != wanted) {
            isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(wanted);
        }
        try {
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            T result = work.run(c);
            c.commit();
            return result;
        } catch (Throwable t) {
            try {
                c.rollback();
            } catch (SQLException | RuntimeException rollbackFailed) {
                t.addSuppressed(rollbackFailed);
            }
            throw t;
        } finally {
            try {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
                if (isolation != -1) {
                    c.setTransactionIsolation(isolation);
                }
            } catch (SQLException e) {
                // A broken connection cannot be reset; the pool discards it.
                log.debug("resetting a connection failed: sqlState={}", e.getSQLState());
            }
        }
    }

    private static <T> T joined(Connection c, SqlWork<T> work) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = work.run(c);
            try {
                c.releaseSavepoint(savepoint);
            } catch (SQLException | UnsupportedOperationException e) {
                log.debug(
                        "releasing a savepoint failed: sqlState={}",
                        e instanceof SQLException s ? s.getSQLState() : null);
            }
            return result;
        } catch (Throwable t) {
            try {
                c.rollback(savepoint);
            } catch (SQLException | RuntimeException rollbackFailed) {
                t.addSuppressed(rollbackFailed);
            }
            throw t;
        }
    }

    private void pause(int attempt, String operation, EventId eventId, SQLException failure) {
        long base = Math.min(200, 5L << Math.min(attempt, 6));
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StoreException interrupted = translate(operation, eventId, failure);
            interrupted.addSuppressed(e);
            throw interrupted;
        }
    }

    private StoreException translate(String operation, EventId eventId, SQLException e) {
        String where = operation + (eventId != null ? " on event " + eventId : "");
        String state = e.getSQLState();
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateRegistrationException(
                    "JDBC store: " + where + " violates a unique constraint (SQLState " + state + ")", state, e);
        }
        return new StoreException(
                "JDBC store: " + where + " failed (SQLState " + state + ", error " + e.getErrorCode()
                        + "); nothing was written",
                state,
                e);
    }

    // ------------------------------------------------------------------ helpers

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static final java.time.format.DateTimeFormatter TIMESTAMP_TEXT =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", java.util.Locale.ROOT);

    /** A UTC timestamp as SQL text, microseconds exact, for array parameters. */
    private static String timestampText(Instant instant) {
        return TIMESTAMP_TEXT.format(utc(instant));
    }

    private static void setTimestamp(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            ps.setObject(index, utc(instant.get()));
        } else {
            ps.setNull(index, Types.TIMESTAMP);
        }
    }

    private static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value != null) {
            ps.setString(index, value);
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }

    static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "tablePrefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a table prefix is 1-21 of [a-z0-9_], starting with a letter, but was '"
                    + (prefix.length() > 30 ? prefix.substring(0, 30) + "…" : prefix) + "'");
        }
        return prefix;
    }

    static Database detect(ConnectionFactory connections) {
        try {
            Connection c = connections.openConnection();
            try {
                return Database.fromProductName(c.getMetaData().getDatabaseProductName());
            } finally {
                connections.closeConnection(c);
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "JDBC store: cannot detect the database (SQLState " + e.getSQLState() + ")", e.getSQLState(), e);
        }
    }

    /** Deletes every row of the store's tables. For tests; never on a production database. */
    void deleteAllRows() {
        run("deleteAllRows", null, true, c -> {
            for (String table : sql.tables) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
                    ps.executeUpdate();
                }
            }
            return null;
        });
        eventCache.clear();
    }

    // ------------------------------------------------------------------ the unit of work

    /**
     * The unit of work. Reads go to the database at once; writes are staged and sent at the end
     * with JDBC batches ({@link #flush}), so that a unit of work with many registrations costs a
     * handful of statements. Reads see the staged writes: a new registration is found by id,
     * e-mail and idempotency key among the staged ones first; an update or a waiting-list read
     * sends what is staged first, so the database answers with the unit's own changes.
     *
     * <p>Before a staged insert, the database is asked whether the id, the active e-mail or the
     * idempotency key is taken, unless this unit of work already asked for that e-mail and key and
     * found nothing (as the service does): under the ledger lock no one else inserts a
     * registration of this event. The unique constraints remain the guard; a violation found
     * when the batch is sent fails the whole unit of work with a {@link
     * DuplicateRegistrationException}.
     */
    private final class Tx implements EventTransaction {
        private final Connection c;
        private final EventId eventId;
        private final boolean lockingReads;
        private final String lockSuffix;
        /** Send COMMIT with the last writes (our own transaction on PostgreSQL). */
        private final boolean commitWithWrites;

        /** Null until the unit of work has locked the ledger (on its first use). */
        private Event event;
        /** The ledger as read under the lock, and as the unit of work changed it. */
        private Ledger locked;

        private Ledger ledger;
        /** Staged new registrations, in insertion order (which the seq column keeps). */
        private final Map<RegistrationId, Registration> inserts = new LinkedHashMap<>();

        private final Map<String, Registration> insertedByEmail = new HashMap<>();
        private final Map<String, Registration> insertedByKey = new HashMap<>();
        private final List<Notification> outbox = new ArrayList<>();
        /** E-mails and keys this unit of work found free in the database. */
        private final Set<String> freeEmails = new HashSet<>();
        /** Active registrations found by {@link #findActiveByEmails}; valid until the next update. */
        private final Map<String, Registration> knownActive = new HashMap<>();

        private final Set<String> freeKeys = new HashSet<>();
        boolean open = true;

        Tx(Connection c, EventId eventId, boolean lockingReads, boolean commitWithWrites) {
            this.c = c;
            this.eventId = eventId;
            this.lockingReads = lockingReads;
            this.commitWithWrites = commitWithWrites;
            this.lockSuffix = lockingReads ? dialect.forUpdate() : "";
        }

        /** Fails once the unit of work has ended; locks the ledger first if this is the unit's first use. */
        private void requireOpen() {
            requireNotEnded();
            if (locked == null) {
                start(List.of());
            }
        }

        private void requireNotEnded() {
            if (!open) {
                throw new IllegalStateException("the unit of work on event " + eventId + " has ended");
            }
        }

        /**
         * Locks the ledger and reads the counters and the definition. The lock is taken on the
         * first use of the unit of work rather than when it opens, so that a unit of work that
         * begins with an e-mail look-up (as the service's do) can have it answered in the same
         * round trip as the lock, where the database allows (PostgreSQL).
         */
        private void start(List<String> emails) {
            Locked l;
            try {
                if (dialect.multiStatements() && !lockingReads) {
                    List<Registration> found = new ArrayList<>();
                    l = beginInOneRoundTrip(c, eventId, emails, found);
                    for (Registration r : found) {
                        knownActive.put(r.attendee().normalizedEmail(), r);
                    }
                    for (String email : emails) {
                        if (!knownActive.containsKey(email)) {
                            freeEmails.add(email);
                        }
                    }
                } else {
                    l = begin(c, eventId, lockingReads);
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
            event = l.event();
            locked = l.ledger();
            ledger = locked;
        }

        @Override
        public Event event() {
            requireOpen();
            return event;
        }

        @Override
        public Ledger ledger() {
            requireOpen();
            return ledger;
        }

        @Override
        public void updateLedger(Ledger next) {
            requireOpen();
            Objects.requireNonNull(next, "ledger");
            if (!next.eventId().equals(eventId)) {
                throw new IllegalArgumentException(
                        "ledger of " + next.eventId() + " given to a unit of work on " + eventId);
            }
            if (next.version() <= ledger.version()) {
                throw new IllegalArgumentException(
                        "ledger version must grow: " + ledger.version() + " -> " + next.version());
            }
            ledger = next; // written by flush()
        }

        /** Sends everything staged; the unit of work then commits. */
        void flush() throws SQLException {
            requireOpen();
            if (dialect.multiStatements()) {
                flushInOneRoundTrip(commitWithWrites);
                return;
            }
            flushInserts();
            if (!outbox.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(sql.insertOutbox)) {
                    for (Notification n : outbox) {
                        ps.setString(1, n.id());
                        ps.setString(2, n.kind().name());
                        ps.setString(3, n.eventId().value());
                        ps.setString(4, n.registrationId().value());
                        ps.setObject(5, utc(n.occurredAt()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                outbox.clear();
            }
            if (ledger != locked) {
                writeCounters(locked.taken(), ledger.taken());
                try (PreparedStatement ps = c.prepareStatement(sql.updateLedger)) {
                    ps.setLong(1, ledger.version());
                    ps.setLong(2, ledger.waitlistTail());
                    ps.setInt(3, ledger.waitingCount());
                    ps.setString(4, eventId.value());
                    ps.setLong(5, locked.version());
                    if (ps.executeUpdate() != 1) {
                        throw new IllegalStateException("the ledger of event " + eventId + " changed under its lock");
                    }
                }
            }
        }

        /**
         * {@link #flush} as one round trip (PostgreSQL): the registrations, the outbox rows and the
         * counters travel as arrays, one statement per table, all sent together; with {@code
         * commit}, followed by COMMIT in the same round trip. If any statement fails, the database
         * runs none of those after it (COMMIT included) and the transaction is rolled back as usual;
         * the ledger's version check is done in SQL for that reason. (The driver sees that the
         * transaction has ended: the {@code commit()} that follows sends nothing.)
         */
        private void flushInOneRoundTrip(boolean commit) throws SQLException {
            boolean ledgerChanged = ledger != locked;
            if (inserts.isEmpty() && outbox.isEmpty() && !ledgerChanged) {
                return;
            }
            int n = inserts.size();
            String[] status = new String[n];
            String[] email = new String[n];
            String[] key = new String[n];
            String[] token = new String[n];
            Long[] sequence = new Long[n];
            String[] offer = new String[n];
            String[] created = new String[n];
            String[] data = new String[n];
            String[] mail = new String[n];
            String[] id = new String[n];
            String[] events = new String[n];
            int i = 0;
            for (Registration r : inserts.values()) {
                status[i] = r.status().name();
                email[i] = activeEmail(r);
                key[i] = r.idempotencyKey().orElse(null);
                token[i] = r.manageTokenHash();
                sequence[i] = r.waitlistSequence();
                offer[i] = r.offerExpiresAt()
                        .map(JdbcRegistrationStore::timestampText)
                        .orElse(null);
                created[i] = timestampText(r.createdAt());
                data[i] = RegistrationCodec.encode(r);
                mail[i] = r.attendee().normalizedEmail();
                id[i] = r.id().value();
                events[i] = r.eventId().value();
                i++;
            }
            int m = outbox.size();
            String[] nid = new String[m];
            String[] kind = new String[m];
            String[] nevent = new String[m];
            String[] nreg = new String[m];
            String[] at = new String[m];
            for (int j = 0; j < m; j++) {
                Notification note = outbox.get(j);
                nid[j] = note.id();
                kind[j] = note.kind().name();
                nevent[j] = note.eventId().value();
                nreg[j] = note.registrationId().value();
                at[j] = timestampText(note.occurredAt());
            }
            List<String> upsertKeys = new ArrayList<>();
            List<Integer> upsertTaken = new ArrayList<>();
            List<String> deleteKeys = new ArrayList<>();
            if (ledgerChanged) {
                Set<CounterKey> keys = new HashSet<>(locked.taken().keySet());
                keys.addAll(ledger.taken().keySet());
                for (CounterKey k : sorted(keys)) {
                    int old = locked.taken().getOrDefault(k, 0);
                    int now = ledger.taken().getOrDefault(k, 0);
                    if (old != now && now == 0) {
                        deleteKeys.add(k.value());
                    } else if (old != now) {
                        upsertKeys.add(k.value());
                        upsertTaken.add(now);
                    }
                }
            }
            // Only the statements with something to do: each costs the database a statement's work.
            List<String> parts = new ArrayList<>(6);
            if (n > 0) {
                parts.add(sql.flushRegistrations);
            }
            if (m > 0) {
                parts.add(sql.flushOutbox);
            }
            if (!upsertKeys.isEmpty()) {
                parts.add(sql.flushUpsertCounters);
            }
            if (!deleteKeys.isEmpty()) {
                parts.add(sql.flushDeleteCounters);
            }
            if (ledgerChanged) {
                parts.add(sql.flushLedger);
            }
            if (commit) {
                parts.add("COMMIT");
            }
            try (PreparedStatement ps = c.prepareStatement(String.join("; ", parts))) {
                int p = 1;
                if (n > 0) {
                    for (Object[] column : new Object[][] {status, email, key, token}) {
                        ps.setArray(p++, c.createArrayOf("varchar", column));
                    }
                    ps.setArray(p++, c.createArrayOf("int8", sequence));
                    for (Object[] column : new Object[][] {offer, created}) {
                        ps.setArray(p++, c.createArrayOf("varchar", column));
                    }
                    ps.setArray(p++, c.createArrayOf("text", data));
                    for (Object[] column : new Object[][] {mail, id, events}) {
                        ps.setArray(p++, c.createArrayOf("varchar", column));
                    }
                }
                if (m > 0) {
                    for (Object[] column : new Object[][] {nid, kind, nevent, nreg, at}) {
                        ps.setArray(p++, c.createArrayOf("varchar", column));
                    }
                }
                if (!upsertKeys.isEmpty()) {
                    ps.setString(p++, eventId.value());
                    ps.setArray(p++, c.createArrayOf("varchar", upsertKeys.toArray()));
                    ps.setArray(p++, c.createArrayOf("int4", upsertTaken.toArray()));
                }
                if (!deleteKeys.isEmpty()) {
                    ps.setString(p++, eventId.value());
                    ps.setArray(p++, c.createArrayOf("varchar", deleteKeys.toArray()));
                }
                if (ledgerChanged) {
                    ps.setLong(p++, ledger.version());
                    ps.setLong(p++, ledger.waitlistTail());
                    ps.setInt(p++, ledger.waitingCount());
                    ps.setString(p++, eventId.value());
                    ps.setLong(p, locked.version());
                }
                // The ledger update's check is the last result set.
                int ledgerRows = executeAll(ps);
                if (ledgerChanged && ledgerRows != 1) {
                    throw new IllegalStateException("the ledger of event " + eventId + " changed under its lock");
                }
            }
            inserts.clear();
            insertedByEmail.clear();
            insertedByKey.clear();
            outbox.clear();
        }

        /** Runs a multi-statement; returns the first column of the last result set's first row (-1: none). */
        private int executeAll(PreparedStatement ps) throws SQLException {
            boolean resultSet = ps.execute();
            int last = -1;
            while (true) {
                if (resultSet) {
                    try (ResultSet rs = ps.getResultSet()) {
                        last = rs.next() ? rs.getInt(1) : 0;
                    }
                } else if (ps.getUpdateCount() == -1) {
                    return last;
                }
                resultSet = ps.getMoreResults();
            }
        }

        /** Sends the staged inserts, in order, as one batch. */
        private void flushInserts() throws SQLException {
            if (inserts.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(sql.insertRegistration)) {
                for (Registration r : inserts.values()) {
                    bind(ps, r, activeEmail(r));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            inserts.clear();
            insertedByEmail.clear();
            insertedByKey.clear();
        }

        private void flushInsertsNow() {
            try {
                flushInserts();
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        /** Writes only the counters that changed. */
        private void writeCounters(Map<CounterKey, Integer> before, Map<CounterKey, Integer> after)
                throws SQLException {
            Set<CounterKey> keys = new HashSet<>(before.keySet());
            keys.addAll(after.keySet());
            Map<CounterKey, Integer> inserts = new LinkedHashMap<>();
            Map<CounterKey, Integer> updates = new LinkedHashMap<>();
            List<CounterKey> deletes = new ArrayList<>();
            for (CounterKey key : sorted(keys)) {
                int old = before.getOrDefault(key, 0);
                int now = after.getOrDefault(key, 0);
                if (old == now) {
                    continue;
                }
                if (old == 0) {
                    inserts.put(key, now);
                } else if (now == 0) {
                    deletes.add(key);
                } else {
                    updates.put(key, now);
                }
            }
            if (!updates.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(sql.updateCounter)) {
                    for (Map.Entry<CounterKey, Integer> e : updates.entrySet()) {
                        ps.setInt(1, e.getValue());
                        ps.setString(2, eventId.value());
                        ps.setString(3, e.getKey().value());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!inserts.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(sql.insertCounter)) {
                    for (Map.Entry<CounterKey, Integer> e : inserts.entrySet()) {
                        ps.setString(1, eventId.value());
                        ps.setString(2, e.getKey().value());
                        ps.setInt(3, e.getValue());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (!deletes.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(sql.deleteCounter)) {
                    for (CounterKey key : deletes) {
                        ps.setString(1, eventId.value());
                        ps.setString(2, key.value());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
        }

        private List<CounterKey> sorted(Set<CounterKey> keys) {
            return keys.stream().sorted().toList();
        }

        private Optional<Registration> query(String statement, String... args) {
            requireOpen();
            try {
                return one(c, statement + lockSuffix, args);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        @Override
        public Optional<Registration> findRegistration(RegistrationId id) {
            requireOpen();
            Registration staged = inserts.get(id);
            return staged != null ? Optional.of(staged) : query(sql.registrationInEvent, id.value(), eventId.value());
        }

        @Override
        public Optional<Registration> findActiveByEmail(String normalizedEmail) {
            requireOpen();
            Registration staged = insertedByEmail.get(normalizedEmail);
            if (staged != null) {
                return Optional.of(staged);
            }
            Registration known = knownActive.get(normalizedEmail);
            if (known != null) {
                return Optional.of(known);
            }
            if (freeEmails.contains(normalizedEmail)) {
                return Optional.empty(); // found free earlier in this unit, and nothing changed since
            }
            Optional<Registration> found = query(sql.registrationByEmail, eventId.value(), normalizedEmail);
            if (found.isEmpty()) {
                freeEmails.add(normalizedEmail);
            }
            return found;
        }

        /** One query (per 100 addresses) for a combined batch; remembers what it found for the look-ups that follow. */
        @Override
        public Map<String, Registration> findActiveByEmails(Collection<String> normalizedEmails) {
            requireNotEnded();
            LinkedHashSet<String> distinct = new LinkedHashSet<>(normalizedEmails);
            if (locked == null) {
                start(List.copyOf(distinct)); // answers them too, where the database allows
            }
            Map<String, Registration> result = new HashMap<>();
            List<String> ask = new ArrayList<>();
            for (String email : distinct) {
                Registration staged = insertedByEmail.get(email);
                if (staged != null) {
                    result.put(email, staged);
                } else if (knownActive.containsKey(email)) {
                    result.put(email, knownActive.get(email));
                } else if (!freeEmails.contains(email)) {
                    ask.add(email);
                }
            }
            for (int from = 0; from < ask.size(); from += 100) {
                List<String> chunk = ask.subList(from, Math.min(ask.size(), from + 100));
                String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement(
                        sql.registrationByEmail.replace("active_email = ?", "active_email IN (" + in + ")")
                                + lockSuffix)) {
                    ps.setString(1, eventId.value());
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 2, chunk.get(i));
                    }
                    for (Registration r : list(ps)) {
                        String email = r.attendee().normalizedEmail();
                        knownActive.put(email, r);
                        result.put(email, r);
                    }
                } catch (SQLException e) {
                    throw new SqlFailure(e);
                }
                for (String email : chunk) {
                    if (!knownActive.containsKey(email)) {
                        freeEmails.add(email);
                    }
                }
            }
            return result;
        }

        @Override
        public Optional<Registration> findByIdempotencyKey(String idempotencyKey) {
            requireOpen();
            Registration staged = insertedByKey.get(idempotencyKey);
            if (staged != null) {
                return Optional.of(staged);
            }
            Optional<Registration> found = query(sql.registrationByIdempotencyKey, eventId.value(), idempotencyKey);
            if (found.isEmpty()) {
                freeKeys.add(idempotencyKey);
            }
            return found;
        }

        @Override
        public List<Registration> waitingList(long afterSequence, int limit) {
            requireOpen();
            if (limit <= 0) {
                return List.of();
            }
            flushInsertsNow(); // staged waitlisted registrations count too
            try (PreparedStatement ps = c.prepareStatement(sql.waitingList + lockSuffix)) {
                ps.setString(1, eventId.value());
                ps.setLong(2, afterSequence);
                ps.setInt(3, limit);
                return list(ps);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        @Override
        public void insert(Registration r) {
            requireOpen();
            Objects.requireNonNull(r, "registration");
            if (!r.eventId().equals(eventId)) {
                throw new IllegalArgumentException(
                        "registration of " + r.eventId() + " inserted in a unit of work on " + eventId);
            }
            String activeEmail = activeEmail(r);
            String key = r.idempotencyKey().orElse(null);
            if (inserts.containsKey(r.id())) {
                throw new DuplicateRegistrationException("registration " + r.id() + " already exists");
            }
            if (activeEmail != null && insertedByEmail.containsKey(activeEmail)) {
                throw new DuplicateRegistrationException(
                        "event " + eventId + " already has an active registration for this e-mail");
            }
            if (key != null && insertedByKey.containsKey(key)) {
                throw new DuplicateRegistrationException(
                        "event " + eventId + " already has a registration with this idempotency key");
            }
            boolean knownFree = (activeEmail == null || freeEmails.contains(activeEmail))
                    && (key == null || freeKeys.contains(key));
            if (!knownFree) {
                checkConflicts(r, activeEmail, key);
            }
            inserts.put(r.id(), r);
            if (activeEmail != null) {
                insertedByEmail.put(activeEmail, r);
                freeEmails.remove(activeEmail);
            }
            if (key != null) {
                insertedByKey.put(key, r);
                freeKeys.remove(key);
            }
        }

        /**
         * Asks the database whether the id, the active e-mail or the key is taken, so that a
         * duplicate leaves the transaction usable (PostgreSQL aborts a transaction on a constraint
         * violation); the unique constraints remain the guard.
         */
        private void checkConflicts(Registration r, String activeEmail, String key) {
            try (PreparedStatement ps = c.prepareStatement(sql.registrationConflicts + lockSuffix)) {
                ps.setString(1, r.id().value());
                ps.setString(2, eventId.value());
                setString(ps, 3, activeEmail);
                ps.setString(4, eventId.value());
                setString(ps, 5, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals(r.id().value())) {
                            throw new DuplicateRegistrationException("registration " + r.id() + " already exists");
                        }
                        if (activeEmail != null && activeEmail.equals(rs.getString(3))) {
                            throw new DuplicateRegistrationException(
                                    "event " + eventId + " already has an active registration for this e-mail");
                        }
                        if (key != null && key.equals(rs.getString(4))) {
                            throw new DuplicateRegistrationException(
                                    "event " + eventId + " already has a registration with this idempotency key");
                        }
                    }
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        @Override
        public void update(Registration r) {
            requireOpen();
            Objects.requireNonNull(r, "registration");
            flushInsertsNow(); // the row may be a staged one; and keep the order of the changes
            // An update may make a registration active again: what was found free may not be.
            freeEmails.clear();
            freeKeys.clear();
            knownActive.clear();
            int updated;
            try (PreparedStatement ps = c.prepareStatement(sql.updateRegistration)) {
                bind(ps, r, activeEmail(r));
                updated = ps.executeUpdate();
            } catch (SQLException e) {
                throw unique(e, r);
            }
            if (updated == 0) {
                if (!r.eventId().equals(eventId)) {
                    throw new IllegalArgumentException("a registration cannot move to another event");
                }
                Optional<Registration> elsewhere;
                try {
                    elsewhere = one(c, sql.registrationById, r.id().value());
                } catch (SQLException e) {
                    throw new SqlFailure(e);
                }
                if (elsewhere.isPresent()) {
                    throw new IllegalArgumentException("a registration cannot move to another event");
                }
                throw new RegistrationNotFoundException(r.id());
            }
        }

        @Override
        public void audit(AuditEntry entry) {
            requireOpen();
            Objects.requireNonNull(entry, "entry");
            if (!entry.eventId().equals(eventId)) {
                throw new IllegalArgumentException(
                        "audit entry of " + entry.eventId() + " written in a unit of work on " + eventId);
            }
            try {
                privacy.insertAudit(c, entry);
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
        }

        private RuntimeException unique(SQLException e, Registration r) {
            if (dialect.isUniqueViolation(e)) {
                return new DuplicateRegistrationException(
                        "registration " + r.id() + " of event " + eventId
                                + " would duplicate an id, an active e-mail or an idempotency key",
                        e.getSQLState(),
                        e);
            }
            return new SqlFailure(e);
        }

        private void bind(PreparedStatement ps, Registration r, String activeEmail) throws SQLException {
            ps.setString(1, r.status().name());
            setString(ps, 2, activeEmail);
            setString(ps, 3, r.idempotencyKey().orElse(null));
            ps.setString(4, r.manageTokenHash());
            ps.setLong(5, r.waitlistSequence());
            setTimestamp(ps, 6, r.offerExpiresAt());
            ps.setObject(7, utc(r.createdAt()));
            ps.setString(8, RegistrationCodec.encode(r));
            // Every registration's address (active or not, or the placeholder once anonymised), for access requests.
            ps.setString(9, r.attendee().normalizedEmail());
            ps.setString(10, r.id().value());
            ps.setString(11, r.eventId().value());
        }

        private String activeEmail(Registration r) {
            return r.status().isActive() ? r.attendee().normalizedEmail() : null;
        }

        @Override
        public void publish(Notification n) {
            requireOpen();
            Objects.requireNonNull(n, "notification");
            outbox.add(n); // written by flush()
        }
    }

    // ------------------------------------------------------------------ builder

    /**
     * Builds a {@link JdbcRegistrationStore}. Not thread-safe. Fails fast: a bad value throws at
     * once, with the value in the message.
     */
    public static final class Builder {
        private final ConnectionFactory connections;
        private final DataSource dataSource;
        private String prefix = DEFAULT_TABLE_PREFIX;
        private boolean prefixSet;
        private Database database;
        private EventCodec codec;
        private final Map<String, EligibilityRule> customRules = new LinkedHashMap<>();
        private int maxAttempts = 5;
        private Clock clock = Clock.systemUTC();
        private Duration outboxClaim = Duration.ZERO;

        private Builder(ConnectionFactory connections, DataSource dataSource) {
            this.connections = connections;
            this.dataSource = dataSource;
        }

        /**
         * The prefix of every table name: 1-21 of {@code [a-z0-9_]}, starting with a letter;
         * {@value JdbcRegistrationStore#DEFAULT_TABLE_PREFIX} unless set.
         */
        public Builder tablePrefix(String tablePrefix) {
            if (prefixSet) {
                throw new IllegalStateException("the table prefix is already set to '" + prefix + "'");
            }
            this.prefix = checkPrefix(tablePrefix);
            this.prefixSet = true;
            return this;
        }

        /** The database; detected from the JDBC metadata unless set. */
        public Builder dialect(Database database) {
            if (this.database != null) {
                throw new IllegalStateException("the database is already set to " + this.database);
            }
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Replaces the JSON event codec; then custom rules are the codec's business. */
        public Builder eventCodec(EventCodec codec) {
            if (this.codec != null) {
                throw new IllegalStateException("the event codec is already set");
            }
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Registers a custom eligibility rule (made with {@link EligibilityRule#custom}) by its name,
         * so that events using it can be stored and read back. Register the same rules on every node.
         *
         * @throws IllegalArgumentException if it is not a custom rule, or its name is taken
         */
        public Builder customRule(EligibilityRule rule) {
            Objects.requireNonNull(rule, "rule");
            if (!(rule instanceof EligibilityRule.Custom custom)) {
                throw new IllegalArgumentException(
                        "only rules made with EligibilityRule.custom need registering, not " + rule);
            }
            if (customRules.putIfAbsent(custom.name(), custom) != null) {
                throw new IllegalArgumentException(
                        "custom eligibility rule '" + custom.name() + "' is already registered");
            }
            return this;
        }

        /** How many times a transaction is tried in all on deadlocks and serialization failures: 1 to 20, 5 unless set. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1 || maxAttempts > 20) {
                throw new IllegalArgumentException("maxAttempts must be 1..20 but was " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** The clock for bookkeeping times (event updates, outbox claims); the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Makes {@link JdbcRegistrationStore#pendingNotifications} claim what it returns for this
         * long, so that dispatchers on several nodes do not deliver the same notification at the
         * same time; zero (the default) claims nothing. Use a duration well above the time
         * listeners take. Needs schema version 2.
         */
        public Builder outboxClaim(Duration claim) {
            Objects.requireNonNull(claim, "claim");
            if (claim.isNegative() || claim.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("an outbox claim must be 0 to 1 day but was " + claim);
            }
            this.outboxClaim = claim;
            return this;
        }

        /**
         * Builds the store. Opens one connection to detect the database unless it was set. Does not
         * create tables: see {@link JdbcRegistrationStore#migrate()}.
         *
         * @throws IllegalStateException if custom rules were registered beside an own event codec
         * @throws StoreException if the database cannot be reached for detection
         */
        public JdbcRegistrationStore build() {
            if (codec != null && !customRules.isEmpty()) {
                throw new IllegalStateException(
                        "custom rules are registered with the JSON codec; an own eventCodec handles its own");
            }
            Database db = database != null ? database : detect(connections);
            return new JdbcRegistrationStore(this, db);
        }
    }
}
