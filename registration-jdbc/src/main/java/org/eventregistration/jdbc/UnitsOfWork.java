package org.eventregistration.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.EventTransaction;

/**
 * Runs units of work: a {@link JdbcEventTransaction} on the transaction's connection, the caller's
 * callback, then the staged writes sent, all in one transaction (run again by {@link Retrying}
 * after a transient failure). Decides whether the COMMIT travels with the writes: in the store's
 * own transactions on PostgreSQL, never in the caller's. Holds what every unit of work shares.
 *
 * <p>On PostgreSQL it also remembers, per event, the state the store's own last committed unit of
 * work left ({@link Seen}: the definition, the version of its row, the ledger). The next unit of
 * work on the event, in the store's own transaction, starts from it without a round trip; if all
 * it needs is that state (a registration: the event, the ledger, an address or key that is free),
 * its writes travel with checks that the state is still the database's and with the COMMIT: one
 * round trip in all. If the state has changed (another node, another unit of work, a new
 * definition), or the unit needs another read, it runs under the ledger's lock as always, the
 * first time again from the start ({@link StagedWrites.StaleState}). A unit of work that joins a
 * caller's transaction always runs under the lock.
 *
 * <p>The system property {@value #SEEN_STATE} set to {@code false} when a store is built turns this
 * off for that store: every unit of work then runs under the lock (for comparison and
 * troubleshooting; the load harness's {@code ours-locked}).
 *
 * <p>Units of work on different events decided from the state seen last may share a COMMIT when
 * they meet ({@link GroupCommit}): one transaction, a few statements and one round trip for all.
 *
 * <p>A unit of work whose writes travel with the COMMIT also carries the delivery marks queued in
 * {@link CombinedMarks} (the store's own transactions on PostgreSQL): their outbox rows are deleted
 * in that round trip, or given back to the queue if it fails.
 */
final class UnitsOfWork {
    /** Events whose state is remembered, at most; beyond that the memory starts again. */
    private static final int MAX_SEEN = 10_000;

    /** The system property that, set to {@code false}, turns off units of work on the state seen last. */
    static final String SEEN_STATE = "org.eventregistration.jdbc.seenState";

    final Sql sql;
    final Dialect dialect;
    final LedgerRows ledgers;
    final JdbcPrivacy privacy;
    final EventRows events;
    /** Delivery marks that ride with the writes sent with the COMMIT (see {@link CombinedMarks}). */
    final CombinedMarks marks;
    /** Commits units of work on different events decided from the state seen last together (see {@link GroupCommit}). */
    final GroupCommit group;

    private final Transactions transactions;
    private final Map<EventId, Seen> seen = new ConcurrentHashMap<>();
    /** Whether units of work may start from the state seen last (PostgreSQL). */
    private final boolean fromSeen;

    /**
     * An event's state after a committed unit of work of this store.
     *
     * @param event the definition
     * @param ledger the ledger
     * @param eventRow the version of the event's row the definition came from ({@code xmin})
     */
    record Seen(Event event, Ledger ledger, String eventRow) {}

    UnitsOfWork(
            Sql sql,
            Dialect dialect,
            LedgerRows ledgers,
            JdbcPrivacy privacy,
            EventRows events,
            Transactions transactions,
            CombinedMarks marks) {
        this.sql = sql;
        this.marks = marks;
        this.group =
                new GroupCommit(sql, dialect, marks, fromSeenProperty() ? GroupCommit.leadersFromSystemProperty() : 0);
        this.events = events;
        this.dialect = dialect;
        this.ledgers = ledgers;
        this.privacy = privacy;
        this.transactions = transactions;
        this.fromSeen = dialect.multiStatements() && fromSeenProperty();
    }

    private static boolean fromSeenProperty() {
        return !"false".equalsIgnoreCase(System.getProperty(SEEN_STATE));
    }

    <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        Seen last = fromSeen ? seen.get(eventId) : null;
        if (last != null) {
            try {
                return run(eventId, work, last);
            } catch (StagedWrites.StaleState stale) {
                seen.remove(eventId, last); // nothing was written: run it again under the lock
            }
        }
        return run(eventId, work, null);
    }

    private <T> T run(EventId eventId, Function<EventTransaction, T> work, Seen last) {
        TransactionHandler handler = transactions.handler();
        handler.unitOfWorkStarts();
        JdbcEventTransaction[] ran = new JdbcEventTransaction[1];
        T result = transactions.runUnitOfWork(eventId, c -> {
            boolean lockingReads = dialect.needsLockingReads(c);
            // Our own transaction on PostgreSQL: the COMMIT travels with the last writes.
            boolean commitWithWrites = dialect.multiStatements() && !handler.unitOfWorkJoined();
            Seen assumed = commitWithWrites && !lockingReads ? last : null;
            JdbcEventTransaction tx =
                    new JdbcEventTransaction(this, c, eventId, lockingReads, commitWithWrites, assumed);
            ran[0] = tx;
            try {
                T value = work.apply(tx);
                tx.finish();
                return value;
            } catch (SqlFailure e) {
                throw e.sql(); // the transaction handlers, and Retrying, see the database's failure
            } catch (StagedWrites.StaleState e) {
                throw e;
            } catch (RuntimeException | AssertionError e) {
                if (tx.unlocked()) {
                    // Decided from the state seen last, which may be stale: decide again under the lock.
                    throw new StagedWrites.StaleState(e);
                }
                throw e;
            } finally {
                tx.end();
            }
        });
        remember(eventId, handler.unitOfWorkJoined() || ran[0] == null ? null : ran[0].after());
        return result;
    }

    /**
     * Remembers the state of an event this store has just created (its empty ledger, the version
     * of its row as committed), so that its first unit of work, too, may start from it. Not when
     * the event was saved in a transaction the caller manages: that may still roll back.
     */
    void created(Event event, String eventRow) {
        if (eventRow != null && !transactions.handler().joinsCallerTransactions()) {
            remember(event.id(), new Seen(event, Ledger.empty(event.id()), eventRow));
        }
    }

    /** Remembers an event's state after a commit of the store's own (null: forgets it). */
    private void remember(EventId eventId, Seen after) {
        if (!fromSeen) {
            return;
        }
        if (after == null) {
            seen.remove(eventId);
            return;
        }
        if (seen.size() >= MAX_SEEN) {
            seen.clear();
        }
        // Two commits may finish in either order: keep the later ledger.
        seen.merge(
                eventId,
                after,
                (old, now) -> now.ledger().version() >= old.ledger().version() ? now : old);
    }
}
