package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.spi.Notification;

/**
 * Holds a unit of work's writes (new registrations, outbox rows, the changed ledger) and decides
 * how they are sent at its end: one round trip on PostgreSQL (the rows as arrays, one statement per
 * table, with the COMMIT of the store's own transaction: if the connection breaks then, the commit
 * is in doubt, see {@link TransactionHandler.CommitInDoubt}), one JDBC batch per table elsewhere ({@link BatchedWrites}).
 * Only changed counters are written. New registrations can be found by id, e-mail and idempotency
 * key until they are sent; {@link #sendInserts} sends them early, when a read must see them.
 */
final class StagedWrites {
    private final Connection c;
    private final EventId eventId;
    private final Sql sql;
    private final Dialect dialect;
    /** Send everything in one round trip (PostgreSQL). */
    private final boolean oneRoundTrip;
    /** With {@link #oneRoundTrip}: send COMMIT with the writes (the store's own transaction). */
    private final boolean commitWithWrites;
    /** Delivery marks that ride with a round trip that ends with COMMIT; null: none. */
    private final CombinedMarks marks;
    /** Commits units of work on other events with this one's, where it may; null: never. */
    private final GroupCommit group;

    /** New registrations, in insertion order (which the seq column keeps). */
    private final Map<RegistrationId, Registration> inserts = new LinkedHashMap<>();

    private final Map<String, Registration> insertedByEmail = new HashMap<>();
    private final Map<String, Registration> insertedByKey = new HashMap<>();
    private final List<Notification> outbox = new ArrayList<>();
    /** The ledger as read under the lock, and as the unit of work changed it. */
    private Ledger locked;

    private Ledger ledger;

    /** With a checked send: addresses and keys to check are free. */
    private List<String> checkFreeEmails = List.of();

    private List<String> checkFreeKeys = List.of();

    /**
     * @param marks with {@code commitWithWrites}: delivery marks queued to ride with the writes
     *     (see {@link CombinedMarks}); null: none
     * @param group with {@code commitWithWrites}: commits units of work on different events together
     *     (see {@link GroupCommit}); null: none
     */
    StagedWrites(
            Connection c,
            EventId eventId,
            Sql sql,
            Dialect dialect,
            boolean commitWithWrites,
            CombinedMarks marks,
            GroupCommit group) {
        this.c = c;
        this.eventId = eventId;
        this.sql = sql;
        this.dialect = dialect;
        this.oneRoundTrip = dialect.multiStatements();
        this.commitWithWrites = commitWithWrites;
        this.marks = commitWithWrites && oneRoundTrip ? marks : null;
        this.group = commitWithWrites && oneRoundTrip ? group : null;
    }

    /** Starts from the ledger read under the lock. */
    void locked(Ledger ledger) {
        this.locked = ledger;
        this.ledger = ledger;
    }

    Ledger ledger() {
        return ledger;
    }

    /** Stages the ledger to write; checked by the caller. */
    void ledger(Ledger next) {
        ledger = next;
    }

    /** A staged new registration with this id, or null. */
    Registration inserted(RegistrationId id) {
        return inserts.get(id);
    }

    /** A staged new registration active with this e-mail, or null. */
    Registration insertedWithEmail(String activeEmail) {
        return insertedByEmail.get(activeEmail);
    }

    /** A staged new registration with this idempotency key, or null. */
    Registration insertedWithKey(String idempotencyKey) {
        return insertedByKey.get(idempotencyKey);
    }

    /** Stages a new registration, checked by the caller; {@code activeEmail} and {@code key} may be null. */
    void insert(Registration r, String activeEmail, String key) {
        inserts.put(r.id(), r);
        if (activeEmail != null) {
            insertedByEmail.put(activeEmail, r);
        }
        if (key != null) {
            insertedByKey.put(key, r);
        }
    }

    void publish(Notification n) {
        outbox.add(n);
    }

    /** True if nothing is staged: no row, no notification, no ledger change. */
    boolean isEmpty() {
        return inserts.isEmpty() && outbox.isEmpty() && ledger == locked;
    }

    /** Sends everything staged; the unit of work then commits. */
    void send() throws SQLException {
        if (oneRoundTrip) {
            sendInOneRoundTrip(commitWithWrites, null, CounterChanges.between(locked, ledger));
            return;
        }
        sendInserts();
        BatchedWrites.notifications(c, sql, outbox);
        outbox.clear();
        if (ledger != locked) {
            BatchedWrites.ledger(c, sql, locked, ledger);
        }
    }

    /**
     * Sends everything staged, and the COMMIT, in one round trip, for a unit of work that was
     * decided from the state the store saw last instead of under the ledger's lock (PostgreSQL, the
     * store's own transaction; see {@link UnitsOfWork}). The statements begin with checks: the
     * ledger, locked by its update (or a locking read), must still be at the version the unit
     * started from, and the event's row at version {@code eventRow}; otherwise they fail, and with
     * them everything after (the COMMIT included). So do {@code freeEmails} and {@code freeKeys},
     * taken to be free, if they are not: checked by a statement, or for those a new row holds
     * (active address, idempotency key) by the unique constraint that row meets. A failed check, or a unique constraint that a registration
     * assumed free meets, is a {@link StaleState}: nothing was written.
     *
     * <p>If the unit of work changed its ledger and needs no statement of its own (no address or
     * key to check, no counter deleted), it may share its transaction with units of work on other
     * events ({@link GroupCommit}); if their group fails, it is sent alone as above.
     */
    void sendChecked(String eventRow, List<String> freeEmails, List<String> freeKeys) throws SQLException {
        // An address or key that a row written here holds is checked by the unique constraint the
        // row meets (a violation is a StaleState too): only the others need the statement.
        Set<String> heldEmails = new HashSet<>();
        Set<String> heldKeys = new HashSet<>();
        for (Registration r : inserts.values()) {
            String active = RegistrationRows.activeEmail(r);
            if (active != null) {
                heldEmails.add(active);
            }
            r.idempotencyKey().ifPresent(heldKeys::add);
        }
        this.checkFreeEmails =
                freeEmails.stream().filter(e -> !heldEmails.contains(e)).toList();
        this.checkFreeKeys =
                freeKeys.stream().filter(k -> !heldKeys.contains(k)).toList();
        // Computed once: for the group's member and for sending alone.
        CounterChanges changes = CounterChanges.between(locked, ledger);
        try {
            GroupCommit.Member member = groupMember(eventRow, changes);
            if (member != null) {
                group.send(member, c, () -> sendInOneRoundTrip(true, eventRow, changes));
                clearSent();
            } else {
                sendInOneRoundTrip(true, eventRow, changes);
            }
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(e)
                    || e.getMessage() != null && e.getMessage().contains(Sql.STALE)) {
                throw new StaleState(e);
            }
            throw e;
        }
    }

    /**
     * {@link #send} as one round trip (PostgreSQL): the registrations, the outbox rows and the
     * counters travel as arrays, one statement per table, all sent together; with {@code commit},
     * followed by COMMIT in the same round trip. If any statement fails, the database runs none of
     * those after it (COMMIT included) and the transaction is rolled back as usual; the ledger's
     * version check is done in SQL for that reason. (The driver sees that the transaction has
     * ended: the {@code commit()} that follows sends nothing.)
     *
     * <p>With {@code commit}, the delivery marks queued in {@link CombinedMarks} ride along: their
     * outbox rows are deleted just before the COMMIT. If the round trip fails (a failed check, a
     * constraint, a lost connection: the commit in doubt), they are given back to the queue.
     */
    private void sendInOneRoundTrip(boolean commit, String checkedEventRow, CounterChanges changes)
            throws SQLException {
        boolean ledgerChanged = ledger != locked;
        boolean checked = checkedEventRow != null;
        if (inserts.isEmpty() && outbox.isEmpty() && !ledgerChanged) {
            return;
        }
        List<String> upsertKeys = changes.setKeys();
        List<Integer> upsertTaken = changes.setTaken();
        List<String> deleteKeys = changes.deleted();
        // Only the statements with something to do: each costs the database a statement's work.
        // One row goes as a plain VALUES statement, several as arrays (unnest): the database plans
        // and starts the plain form with less work, and nothing is encoded as an array.
        List<String> parts = new ArrayList<>(8);
        List<Binder> binders = new ArrayList<>(8);
        if (checked) {
            // The checks first: the ledger's lock is taken before any row is written, as under the lock.
            parts.add(ledgerChanged ? sql.checkedLedgerUpdate : sql.checkedLedgerLock);
            binders.add((ps, p) -> {
                if (ledgerChanged) {
                    ps.setLong(p++, ledger.version());
                    ps.setLong(p++, ledger.waitlistTail());
                    ps.setInt(p++, ledger.waitingCount());
                }
                ps.setString(p++, eventId.value());
                ps.setLong(p++, locked.version());
                return p;
            });
            parts.add(sql.checkedEventRow);
            binders.add((ps, p) -> {
                ps.setString(p++, eventId.value());
                ps.setString(p++, checkedEventRow);
                return p;
            });
            if (!checkFreeEmails.isEmpty() || !checkFreeKeys.isEmpty()) {
                parts.add(sql.checkedFree);
                binders.add((ps, p) -> {
                    ps.setString(p++, eventId.value());
                    sql.arrays.setStrings(ps, p++, checkFreeEmails);
                    sql.arrays.setStrings(ps, p++, checkFreeKeys);
                    return p;
                });
            }
        }
        if (inserts.size() == 1) {
            Registration only = inserts.values().iterator().next();
            parts.add(sql.insertRegistration);
            binders.add((ps, p) -> RegistrationRows.bind(ps, p, only));
        } else if (!inserts.isEmpty()) {
            parts.add(sql.flushRegistrations);
            binders.add((ps, p) -> sql.arrays.registrations(ps, p, inserts.values()));
        }
        if (outbox.size() == 1) {
            Notification only = outbox.get(0);
            parts.add(sql.insertOutbox);
            binders.add((ps, p) -> {
                ps.setString(p++, only.id());
                ps.setString(p++, only.kind().name());
                ps.setString(p++, only.eventId().value());
                ps.setString(p++, only.registrationId().value());
                ps.setObject(p++, Columns.utc(only.occurredAt()));
                return p;
            });
        } else if (!outbox.isEmpty()) {
            parts.add(sql.flushOutbox);
            binders.add((ps, p) -> sql.arrays.notifications(ps, p, outbox));
        }
        if (!upsertKeys.isEmpty() && upsertKeys.size() <= Sql.MAX_VALUES_COUNTERS) {
            parts.add(sql.upsertCounters(upsertKeys.size()));
            binders.add((ps, p) -> {
                for (int i = 0; i < upsertKeys.size(); i++) {
                    ps.setString(p++, eventId.value());
                    ps.setString(p++, upsertKeys.get(i));
                    ps.setInt(p++, upsertTaken.get(i));
                }
                return p;
            });
        } else if (!upsertKeys.isEmpty()) {
            parts.add(sql.flushUpsertCounters);
            binders.add((ps, p) -> {
                ps.setString(p++, eventId.value());
                sql.arrays.setStrings(ps, p++, upsertKeys);
                sql.arrays.setInts(ps, p++, upsertTaken);
                return p;
            });
        }
        if (!deleteKeys.isEmpty()) {
            parts.add(sql.flushDeleteCounters);
            binders.add((ps, p) -> {
                ps.setString(p++, eventId.value());
                sql.arrays.setStrings(ps, p++, deleteKeys);
                return p;
            });
        }
        if (ledgerChanged && !checked) {
            parts.add(sql.flushLedger);
            binders.add((ps, p) -> {
                ps.setLong(p++, ledger.version());
                ps.setLong(p++, ledger.waitlistTail());
                ps.setInt(p++, ledger.waitingCount());
                ps.setString(p++, eventId.value());
                ps.setLong(p++, locked.version());
                return p;
            });
        }
        CombinedMarks.Riding riding = commit && marks != null ? marks.take() : null;
        List<String> delivered = riding == null ? List.of() : riding.ids();
        if (!delivered.isEmpty() && delivered.size() <= Sql.MAX_DELETE) {
            // The store's own delete, IN (?, ...), whose generic plans PostgreSQL keeps; with an
            // array it would plan the delete again at every execution (see Sql#genericPlans).
            parts.add(sql.deleteOutbox(delivered.size(), false));
            binders.add((ps, p) -> Sql.bindDeleteIds(ps, p, delivered));
        } else if (!delivered.isEmpty()) {
            parts.add(sql.deleteDeliveredOutbox);
            binders.add((ps, p) -> {
                sql.arrays.setStrings(ps, p++, delivered);
                return p;
            });
        }
        if (commit) {
            parts.add("COMMIT");
        }
        boolean sent = false;
        try (PreparedStatement ps = c.prepareStatement(String.join("; ", parts))) {
            int p = 1;
            for (Binder binder : binders) {
                p = binder.bind(ps, p);
            }
            // The ledger update's check is the last result set (checked: the checks fail the
            // statements themselves; the delivery marks' delete has no result set).
            int ledgerRows = commit ? executeWithCommit(ps, dialect) : executeAll(ps);
            sent = true;
            if (ledgerChanged && !checked && ledgerRows != 1) {
                throw new IllegalStateException("the ledger of event " + eventId + " changed under its lock");
            }
        } finally {
            if (riding != null) {
                riding.finish(sent);
            }
        }
        clearSent();
    }

    /** Forgets the staged rows once they are sent. */
    private void clearSent() {
        inserts.clear();
        insertedByEmail.clear();
        insertedByKey.clear();
        outbox.clear();
    }

    /**
     * This unit of work's writes as a member of a group ({@link GroupCommit}), or null if they
     * cannot join one: the ledger unchanged, a check of rows it did not write, or a counter deleted.
     */
    private GroupCommit.Member groupMember(String eventRow, CounterChanges changes) {
        if (group == null || !group.enabled() || ledger == locked || eventRow == null) {
            return null;
        }
        if (!checkFreeEmails.isEmpty() || !checkFreeKeys.isEmpty()) {
            return null;
        }
        if (!changes.deleted().isEmpty()) {
            return null;
        }
        return new GroupCommit.Member(
                eventId,
                locked.version(),
                ledger,
                eventRow,
                List.copyOf(inserts.values()),
                outbox,
                changes.setKeys(),
                changes.setTaken());
    }

    /** Binds the parameters of one statement from an index; returns the next statement's first index. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement ps, int first) throws SQLException;
    }

    /**
     * {@link #executeAll} of the statements that end with COMMIT: if the connection breaks, the
     * database may have run them all, COMMIT included, before the answer was lost.
     */
    static int executeWithCommit(PreparedStatement ps, Dialect dialect) throws SQLException {
        try {
            return executeAll(ps);
        } catch (SQLException e) {
            throw dialect.isConnectionLost(e) ? new TransactionHandler.CommitInDoubt(e) : e;
        }
    }

    /** Runs a multi-statement; returns the first column of the last result set's first row (-1: none). */
    static int executeAll(PreparedStatement ps) throws SQLException {
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

    /**
     * The state a unit of work was decided from is no longer the database's (or a database read was
     * needed that it did not make): nothing was written; the unit of work runs again under the
     * ledger's lock.
     */
    static final class StaleState extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StaleState(Throwable cause) {
            super("the state seen last is stale", cause, false, false);
        }

        StaleState(String message) {
            super(message, null, false, false);
        }
    }

    /** Sends the staged inserts, in order, as one batch. */
    void sendInserts() throws SQLException {
        if (inserts.isEmpty()) {
            return;
        }
        BatchedWrites.registrations(c, sql, inserts.values());
        inserts.clear();
        insertedByEmail.clear();
        insertedByKey.clear();
    }
}
