package org.eventregistration.jdbc;

import java.util.function.Function;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.EventTransaction;

/**
 * Runs units of work: a {@link JdbcEventTransaction} on the transaction's connection, the caller's
 * callback, then the staged writes sent, all in one transaction (run again by {@link Retrying}
 * after a transient failure). Decides whether the COMMIT travels with the writes: in the store's
 * own transactions on PostgreSQL, never in the caller's. Holds what every unit of work shares.
 */
final class UnitsOfWork {
    final Sql sql;
    final Dialect dialect;
    final LedgerRows ledgers;
    final JdbcPrivacy privacy;
    final EventRows events;
    private final Transactions transactions;

    UnitsOfWork(
            Sql sql,
            Dialect dialect,
            LedgerRows ledgers,
            JdbcPrivacy privacy,
            EventRows events,
            Transactions transactions) {
        this.sql = sql;
        this.events = events;
        this.dialect = dialect;
        this.ledgers = ledgers;
        this.privacy = privacy;
        this.transactions = transactions;
    }

    <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        TransactionHandler handler = transactions.handler();
        handler.unitOfWorkStarts();
        return transactions.runUnitOfWork(eventId, c -> {
            boolean lockingReads = dialect.needsLockingReads(c);
            // Our own transaction on PostgreSQL: the COMMIT travels with the last writes.
            boolean commitWithWrites = dialect.multiStatements() && !handler.unitOfWorkJoined();
            JdbcEventTransaction tx = new JdbcEventTransaction(this, c, eventId, lockingReads, commitWithWrites);
            try {
                T result = work.apply(tx);
                tx.finish();
                return result;
            } catch (SqlFailure e) {
                throw e.sql(); // the transaction handlers, and Retrying, see the database's failure
            } finally {
                tx.end();
            }
        });
    }
}
