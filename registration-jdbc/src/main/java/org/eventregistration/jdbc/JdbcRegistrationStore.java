package org.eventregistration.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.EventState;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.OutboxBacklog;
import org.eventregistration.spi.OutcomeUnknownException;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.spi.StoreException;

/**
 * A {@link RegistrationStore} on plain JDBC, for PostgreSQL, MariaDB (and MySQL) and H2, safe for
 * several application nodes sharing one database: the public face, which hands every operation to
 * the package-private class that does it.
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
 *       JdbcRegistrationStoreBuilder#maxAttempts(int)} times with a short jittered pause. <b>The callback of {@link
 *       #inTransaction} may therefore run more than once, and must be idempotent</b> apart from
 *       its effects through the {@link EventTransaction}. The number of retries is logged (ids
 *       only) and counted by {@link #retries()}.
 *   <li>A connection-level failure (SQLState class 08, PostgreSQL 57P01..57P05, a killed MariaDB
 *       connection, {@code SQLRecoverableException}, {@code SQLTransientConnectionException}) of
 *       idempotent work — reads, delivery ({@link #pendingNotifications}, {@link #markDelivered},
 *       ...), the jobs' look-ups — is retried the same way, each attempt on a fresh connection, so
 *       that a pool still holding connections the server ended (a restart, a failover) recovers.
 *       A unit of work ({@link #inTransaction}) is not run again after a lost connection: it fails
 *       with a {@link StoreException} and nothing of it was written.
 *   <li>A connection that breaks while the store's own transaction commits leaves its outcome
 *       unknown: an {@link OutcomeUnknownException}, never retried here.
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
 * {@link #markDelivered}. On PostgreSQL a unit of work on an event whose state this store left
 * last starts from that state and sends its checked writes with the {@code COMMIT}: one round
 * trip, or the unit runs again under the lock if the state changed (see {@code UnitsOfWork};
 * {@code -Dorg.eventregistration.jdbc.seenState=false} turns it off). There, in the store's own
 * transactions, {@link #markDelivered} costs no round trip of its own either: the marks ride with
 * the next unit of work's round trip (see {@link #markDelivered}; {@code
 * -Dorg.eventregistration.jdbc.marksRide=false} turns it off).
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
 * cache of decoded event definitions, checked against the stored text on every read, and on
 * PostgreSQL delivery marks waiting a fraction of a second to ride with a unit of work.
 */
public final class JdbcRegistrationStore implements RegistrationStore, AutoCloseable {
    /*
     * Where things happen, one package-private file each:
     * - Transactions runs every operation's SQL and turns failures into StoreExceptions (Failures),
     *   through the handler chosen once in the constructor: LocalTransactionHandler (the store's own
     *   transactions) or JoinedTransactionHandler (the caller's), wrapped by Retrying, the one place
     *   a transaction runs again.
     * - Units of work: UnitsOfWork runs a JdbcEventTransaction (reads and checks), whose
     *   StagedWrites sends the writes at the end; LedgerRows takes the lock.
     * - Tables: EventRows, LedgerRows, RegistrationRows, Outbox, JdbcPrivacy (audit, look-ups by
     *   e-mail), LinkTokens, ParticipantPages (the paged participant list; its columns are declared in
     *   ParticipantColumn, filled for older rows by StoredColumns); statements in Sql, differences between databases in Dialect, values in
     *   Columns, the prefix's rules in TablePrefix. A commit in doubt (CommitInDoubt) becomes an
     *   OutcomeUnknownException.
     * - Concurrent callers combined: SharedReads (findEvent), CombinedMarks (markDelivered; on
     *   PostgreSQL queued to ride with the next unit of work's StagedWrites), chosen per call by
     *   CallerPaths.
     * - Stored JSON: JsonEventCodec, RegistrationCodec, JsonObject, JsonReader; schema: SchemaMigrator.
     */
    /** The table prefix unless the builder is told otherwise. */
    public static final String DEFAULT_TABLE_PREFIX = "reg_";

    private final DataSource dataSource;
    private final String prefix;
    private final Database database;
    private final Sql sql;
    private final Retrying retrying;
    private final Transactions transactions;
    private final EventRows events;
    private final LedgerRows ledgers;
    private final RegistrationRows registrations;
    private final ParticipantPages participantPages;
    private final JdbcPrivacy privacy;
    private final Outbox outbox;
    private final LinkTokens linkTokens;
    private final OrganiserMessages messages;
    private final UnitsOfWork units;
    /** Event reads and delivery marks: shared in the store's own transactions, the caller's own in joined ones. */
    private final CallerPaths paths;

    JdbcRegistrationStore(JdbcRegistrationStoreBuilder b, Database database) {
        this.dataSource = b.dataSource;
        this.prefix = b.prefix;
        this.database = database;
        Dialect dialect = Dialect.of(database);
        this.sql = new Sql(prefix, dialect);
        // The transaction mode is chosen here, once; everything else follows from it.
        TransactionHandler mode = b.connections.joinsExternalTransaction()
                ? new JoinedTransactionHandler(b.connections, dialect)
                : new LocalTransactionHandler(b.connections, dialect);
        this.retrying = new Retrying(mode, dialect, b.maxAttempts);
        this.transactions = new Transactions(retrying, dialect);
        EventCodec codec = b.codec != null ? b.codec : EventCodec.json(b.customRules.values());
        this.events = new EventRows(sql, codec, transactions, b.clock);
        this.ledgers = new LedgerRows(sql, events, transactions);
        this.registrations = new RegistrationRows(sql, transactions);
        this.participantPages = new ParticipantPages(prefix, dialect, transactions);
        this.privacy = new JdbcPrivacy(prefix, dialect, transactions);
        this.outbox = new Outbox(sql, transactions, b.clock, b.outboxClaim);
        this.linkTokens = new LinkTokens(prefix, dialect, transactions);
        this.messages = new OrganiserMessages(prefix, transactions);
        this.paths = new CallerPaths(
                events,
                outbox,
                retrying,
                b.connections.joinsExternalTransaction(),
                dialect.multiStatements(),
                b.outboxClaim);
        this.units = new UnitsOfWork(sql, dialect, ledgers, privacy, events, transactions, paths.combinedMarks());
    }

    /** Starts a store on a data source (usually a connection pool); see {@link ConnectionFactory#of}. */
    public static JdbcRegistrationStoreBuilder builder(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JdbcRegistrationStoreBuilder(ConnectionFactory.of(dataSource), dataSource);
    }

    /** Starts a store on a connection factory, for example one that joins the application's transactions. */
    public static JdbcRegistrationStoreBuilder builder(ConnectionFactory connections) {
        return new JdbcRegistrationStoreBuilder(Objects.requireNonNull(connections, "connections"), null);
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
        String prefix = TablePrefix.check(tablePrefix);
        SchemaMigrator.migrate(dataSource, Database.detect(ConnectionFactory.of(dataSource)), prefix, null);
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
        return retrying.retries();
    }

    // ------------------------------------------------------------------ events

    @Override
    public void saveEvent(Event event) {
        units.created(event, events.save(Objects.requireNonNull(event, "event")));
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
        return paths.findEvent(Objects.requireNonNull(id, "id"));
    }

    @Override
    public List<Event> findEvents() {
        return events.findAll();
    }

    /**
     * {@inheritDoc} Reads only the events whose {@code retention_done_at} (schema version 10) is
     * NULL: the definitions of the done ones are not read.
     */
    @Override
    public List<Event> findEventsForRetention() {
        return events.findForRetention();
    }

    @Override
    public void retentionDone(EventId eventId, Instant at) {
        events.retentionDone(Objects.requireNonNull(eventId, "eventId"), Objects.requireNonNull(at, "at"));
    }

    /**
     * {@inheritDoc} Served by the index on {@code (organiser_id, starts_at)} (schema version 10);
     * only that organiser's definitions are read and decoded (and any row a node of an earlier
     * version inserted without the column).
     */
    @Override
    public List<Event> findEvents(OrganiserId organiser) {
        return events.findOfOrganiser(Objects.requireNonNull(organiser, "organiser"));
    }

    // ------------------------------------------------------------------ units of work

    /**
     * {@inheritDoc}
     *
     * <p>Locks the event's ledger row for the whole transaction. If the database reports a deadlock
     * or serialization failure, the transaction is rolled back and the callback runs again (see
     * the class documentation): <b>it must be idempotent</b>.
     *
     * <p>The unit of work's writes are sent when the callback returns, in a few statements; a
     * duplicate that only the database's unique constraints see then fails the whole unit of work
     * with a {@link DuplicateRegistrationException}, and nothing is written.
     */
    @Override
    public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        Objects.requireNonNull(eventId, "eventId");
        return units.inTransaction(eventId, Objects.requireNonNull(work, "work"));
    }

    /**
     * True if a unit of work started now on this thread would join the caller's transaction:
     * built on a {@link ConnectionFactory} that joins external transactions, and that factory's
     * {@link ConnectionFactory#callerTransactionActive()} says one is active. Asked per call.
     */
    @Override
    public boolean joinsCallerTransactions() {
        return retrying.joinsCallerTransactions();
    }

    /**
     * Runs the action now if this thread's last unit of work committed on its own; if it joined the
     * caller's transaction, hands it to {@link ConnectionFactory#afterCommit}.
     */
    @Override
    public void afterCommit(Runnable action) {
        retrying.afterCommit(Objects.requireNonNull(action, "action"));
    }

    @Override
    public Optional<Ledger> findLedger(EventId eventId) {
        return ledgers.find(Objects.requireNonNull(eventId, "eventId"));
    }

    /** {@inheritDoc} One statement: the definition, the ledger and its counters, from one snapshot. */
    @Override
    public Optional<EventState> findEventState(EventId eventId) {
        return events.findState(Objects.requireNonNull(eventId, "eventId"));
    }

    // ------------------------------------------------------------------ registrations

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        return registrations.find(Objects.requireNonNull(id, "id"));
    }

    @Override
    public Optional<Registration> findByManageTokenHash(String tokenHash) {
        return registrations.findByManageTokenHash(Objects.requireNonNull(tokenHash, "tokenHash"));
    }

    @Override
    public List<Registration> findRegistrations(EventId eventId) {
        return registrations.findOfEvent(Objects.requireNonNull(eventId, "eventId"));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Filtered, counted, ordered and paged in the database on the relational columns of schema
     * version 10 ({@code LIMIT ... OFFSET}); only the page's registrations are read. Names sort in
     * Norwegian order in the columns' collation (PostgreSQL ICU {@code nb-NO-x-icu}, MariaDB {@code
     * utf8mb4_danish_ci}); on H2, which has none, the filtered rows are ordered by name in Java.
     * Rows that a node of an earlier version wrote are first given their columns from their JSON.
     */
    @Override
    public org.eventregistration.registration.Page<Registration> findRegistrations(
            EventId eventId, org.eventregistration.registration.ParticipantQuery query) {
        return participantPages.find(
                Objects.requireNonNull(eventId, "eventId"), Objects.requireNonNull(query, "query"));
    }

    @Override
    public Map<RegistrationStatus, Integer> countByStatus(EventId eventId) {
        return registrations.countByStatus(Objects.requireNonNull(eventId, "eventId"));
    }

    @Override
    public int countWaitingBefore(EventId eventId, long waitlistSequence) {
        return registrations.countWaitingBefore(Objects.requireNonNull(eventId, "eventId"), waitlistSequence);
    }

    @Override
    public List<Registration> findExpiredOffers(Instant now, int limit) {
        return registrations.findExpiredOffers(Objects.requireNonNull(now, "now"), limit);
    }

    /** {@inheritDoc} Served by an index of the registrations that have a deadline (schema version 5). */
    @Override
    public List<Registration> findUnconfirmed(Instant now, int limit) {
        return registrations.findUnconfirmed(Objects.requireNonNull(now, "now"), limit);
    }

    /**
     * {@inheritDoc} Served by an index of the registrations that have an offer (schema version 12;
     * partial on PostgreSQL). A row that a node of version 11 gave an offer during a rolling upgrade
     * is found once a node of this version writes it again (see the module's README).
     */
    @Override
    public List<Registration> findLapsedHandovers(Instant now, int limit) {
        return registrations.findLapsedHandovers(Objects.requireNonNull(now, "now"), limit);
    }

    // ------------------------------------------------------------------ link tokens (schema version 5)

    /**
     * {@inheritDoc}
     *
     * <p>{@code k} saves at once for one registration and purpose may leave up to {@code maxLive +
     * k - 1} tokens until the next save trims them; a save never deletes its own token, and the
     * last to commit keeps it. Times are kept to the microsecond. Joining the caller's
     * transaction, the token is committed with it.
     */
    @Override
    public void saveLinkToken(LinkToken token, int maxLive) {
        linkTokens.save(Objects.requireNonNull(token, "token"), maxLive);
    }

    @Override
    public Optional<LinkToken> findLinkToken(String tokenHash) {
        return linkTokens.find(Objects.requireNonNull(tokenHash, "tokenHash"));
    }

    @Override
    public int deleteExpiredLinkTokens(Instant now) {
        return linkTokens.deleteExpired(Objects.requireNonNull(now, "now"));
    }

    @Override
    public void saveMessage(OrganiserMessage message) {
        messages.save(Objects.requireNonNull(message, "message"));
    }

    @Override
    public Optional<OrganiserMessage> findMessage(String messageId) {
        return messages.find(Objects.requireNonNull(messageId, "messageId"));
    }

    @Override
    public int deleteMessages(EventId eventId) {
        return messages.deleteOfEvent(Objects.requireNonNull(eventId, "eventId"));
    }

    // ------------------------------------------------------------------ personal data and audit (schema version 3)

    /**
     * {@inheritDoc}
     *
     * <p>Every write keeps the indexed {@code email} column up to date; registrations written before
     * schema version 3 get theirs filled in on the first such look-up.
     */
    @Override
    public List<Registration> findRegistrationsByEmail(String normalizedEmail) {
        return privacy.findByEmail(Objects.requireNonNull(normalizedEmail, "normalizedEmail"));
    }

    /**
     * {@inheritDoc} Served by an index of the registrations that have an offer (schema version 12;
     * partial on PostgreSQL).
     */
    @Override
    public List<Registration> findHandoversByEmail(String normalizedEmail) {
        return privacy.findByHandoverEmail(Objects.requireNonNull(normalizedEmail, "normalizedEmail"));
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        privacy.append(Objects.requireNonNull(entry, "entry"));
    }

    @Override
    public List<AuditEntry> findAudit(EventId eventId) {
        return privacy.findAudit(Objects.requireNonNull(eventId, "eventId"));
    }

    @Override
    public List<AuditEntry> findOrganiserAudit(OrganiserId organiser) {
        return privacy.findOrganiserAudit(Objects.requireNonNull(organiser, "organiser"));
    }

    // ------------------------------------------------------------------ outbox

    /**
     * {@inheritDoc}
     *
     * <p>With an {@linkplain JdbcRegistrationStoreBuilder#outboxClaim(Duration) outbox claim} set, the notifications
     * returned are claimed for that long, and other callers (on any node) do not get them until
     * the claim runs out: dispatchers on several nodes do not deliver the same message at the same
     * time. A notification that is not marked delivered comes back after its claim expires.
     */
    @Override
    public List<Notification> pendingNotifications(int limit) {
        paths.beforeOutboxRead();
        return outbox.pending(limit);
    }

    /** {@inheritDoc} Claimed as {@link #pendingNotifications(int)} is. */
    @Override
    public List<Notification> pendingNotifications(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        paths.beforeOutboxRead();
        return outbox.pending(now, limit);
    }

    /** {@inheritDoc} Three statements in one transaction of the store's own (schema version 7). */
    @Override
    public boolean recordDeliveryFailure(String notificationId, Instant now, DeliveryRetry retry) {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(notificationId, "notificationId");
        paths.beforeOutboxRead();
        return outbox.recordFailure(notificationId, now, retry);
    }

    @Override
    public void setAside(String notificationId, Instant at) {
        Objects.requireNonNull(notificationId, "notificationId");
        Objects.requireNonNull(at, "at");
        paths.beforeOutboxRead();
        outbox.setAside(notificationId, at);
    }

    /**
     * {@inheritDoc} One aggregate statement over the outbox table, read-only: it claims nothing, so a
     * health check or a metrics gauge may call it on every node as often as it likes.
     */
    @Override
    public Optional<OutboxBacklog> outboxBacklog() {
        paths.beforeOutboxRead();
        return Optional.of(outbox.backlog());
    }

    @Override
    public List<Notification> undeliverableNotifications(EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        paths.beforeOutboxRead();
        return outbox.undeliverable(eventId);
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
     *
     * <p>On PostgreSQL, with a connection factory that never joins callers' transactions, the call
     * only queues the ids: the next unit of work that sends its writes with its {@code COMMIT} in
     * one round trip deletes their rows in that round trip ({@code DELETE ... WHERE notification_id
     * = ANY(?)} before the {@code COMMIT}); if that unit of work fails, is rolled back or finds its
     * state stale, the ids go back to the queue. No id waits longer than 200 ms (or a twentieth of
     * the {@linkplain JdbcRegistrationStoreBuilder#outboxClaim(Duration) outbox claim}, if shorter): then, or once {@value
     * Sql#MAX_DELETE} ids are queued, they are deleted as above. This store's own outbox reads and
     * changes ({@link #pendingNotifications}, {@link #outboxBacklog}, {@link #recordDeliveryFailure},
     * {@link #setAside}, {@link #undeliverableNotifications}) delete what is queued first, so its
     * callers always see their own marks; another store (another node) sees them within the 200 ms,
     * far within any claim. A process that stops with ids queued leaves their rows: the
     * notifications are delivered again once their claim runs out (at least once, as always). The
     * system property {@code org.eventregistration.jdbc.marksRide=false}, set when the store is
     * built, turns this off: every call deletes at once, as on MariaDB and H2.
     */
    @Override
    public void markDelivered(Collection<String> notificationIds) {
        Objects.requireNonNull(notificationIds, "notificationIds");
        if (!notificationIds.isEmpty()) {
            paths.markDelivered(notificationIds);
        }
    }

    /**
     * For a clean shutdown, before the data source closes: sends the delivery marks still waiting to
     * ride with a unit of work (see {@link #markDelivered}), so that no notification is delivered
     * again after a restart. From then on every mark is deleted at once. The store is otherwise
     * unchanged and stays usable; it does not close the data source, which is the application's.
     * Calling it again does no harm. (A Spring {@code @Bean} of this type gets it called at
     * shutdown: Spring calls a public {@code close()} method.)
     *
     * @throws org.eventregistration.spi.StoreException if the marks could not be sent; their
     *     notifications stay pending and are delivered again (at least once, as always)
     */
    @Override
    public void close() {
        paths.close();
    }

    /** Commits units of work on different events together (tests). */
    GroupCommit groupCommit() {
        return units.group;
    }
}
