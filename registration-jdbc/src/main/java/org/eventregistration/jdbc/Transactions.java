package org.eventregistration.jdbc;

import java.sql.SQLException;
import org.eventregistration.event.EventId;

/**
 * Runs the store's SQL work in a transaction, through the handler chosen when the store was built
 * (with {@link Retrying} around it), and turns a database failure into the exception the store
 * promises (see {@link Failures}): every operation of the store goes through {@link #run}.
 */
final class Transactions {
    private final Retrying handler;
    private final Dialect dialect;

    Transactions(Retrying handler, Dialect dialect) {
        this.handler = handler;
        this.dialect = dialect;
    }

    /**
     * Runs idempotent work (a read, a delivery mark, a job's statement) in a transaction, the
     * store's own (committed here, and run again after a transient or connection-level failure)
     * or the caller's (joined; never committed, rolled back or run again here).
     *
     * @param operation and {@code eventId} (may be null) name the work in messages and log lines
     * @param write false if the work only reads
     * @throws org.eventregistration.spi.OutcomeUnknownException if the connection broke while the
     *     store's own transaction was being committed: it may or may not have been
     * @throws org.eventregistration.spi.StoreException if the database fails otherwise; nothing was written
     */
    <T> T run(String operation, EventId eventId, boolean write, SqlWork<T> work) {
        return run(operation, eventId, write, true, work);
    }

    /**
     * Runs a unit of work as {@link #run} does, except that it is not run again after a lost
     * connection (see {@link Retrying}).
     */
    <T> T runUnitOfWork(EventId eventId, SqlWork<T> work) {
        return run("inTransaction", eventId, true, false, work);
    }

    private <T> T run(String operation, EventId eventId, boolean write, boolean idempotent, SqlWork<T> work) {
        try {
            return idempotent
                    ? handler.idempotent(operation, eventId, write, work)
                    : handler.inTransaction(operation, eventId, write, work);
        } catch (TransactionHandler.CommitInDoubt e) {
            throw Failures.inDoubt(operation, eventId, e.failure());
        } catch (SQLException e) {
            SQLException failure = e instanceof TransactionHandler.CallerTransactionFailure joined
                    ? joined.failure()
                    : Failures.unwrapBatch(e);
            throw Failures.translate(dialect, operation, eventId, failure);
        }
    }

    /** The handler: whose transaction work runs in, and what happens after a commit. */
    TransactionHandler handler() {
        return handler;
    }
}
