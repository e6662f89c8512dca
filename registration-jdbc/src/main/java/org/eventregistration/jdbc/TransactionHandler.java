package org.eventregistration.jdbc;

import java.sql.SQLException;
import org.eventregistration.event.EventId;

/**
 * Decides whose transaction the store's work runs in. Two handlers, one chosen when the store is
 * built: {@link LocalTransactionHandler} (the store's own transactions, for a {@link
 * ConnectionFactory} that does not join external transactions) and {@link JoinedTransactionHandler}
 * (the caller's open transaction, for one that does). {@link Retrying} wraps the chosen one, as
 * Jdbi's {@code SerializableTransactionRunner} wraps a delegate handler. Implementations are
 * thread-safe.
 */
interface TransactionHandler {

    /**
     * Runs the work once in a transaction and returns its result. {@code write} false promises
     * that the work only reads (it may then run without a transaction, in auto-commit).
     *
     * @param operation and {@code eventId} (may be null) name the work in log lines
     * @throws CallerTransactionFailure if the work failed inside the caller's transaction
     * @throws CommitInDoubt if the connection broke while the store's own transaction was being
     *     committed: it may or may not have been, and the work must not run again
     * @throws SQLException if the work failed in a transaction of the store's own, which was
     *     rolled back whole: the work may run again
     */
    <T> T inTransaction(String operation, EventId eventId, boolean write, SqlWork<T> work) throws SQLException;

    /**
     * True if work started now on this thread may join the caller's transaction. Asked per call:
     * a joining handler answers what its {@link ConnectionFactory#callerTransactionActive} says.
     */
    boolean joinsCallerTransactions();

    /** Told before a unit of work first runs (once, however many times it is then run). */
    void unitOfWorkStarts();

    /** True while the unit of work on this thread runs inside the caller's transaction: it must not commit. */
    boolean unitOfWorkJoined();

    /**
     * Runs the action now if this thread's last unit of work committed on its own; hands it to the
     * caller's transaction manager ({@link ConnectionFactory#afterCommit}) if it joined.
     */
    void afterCommit(Runnable action);

    /**
     * A failure of work inside the caller's transaction. The store undid its own part (to a
     * savepoint), but the database may have rolled back the caller's whole transaction (a
     * deadlock): the work must not run again here. The cause is the database's failure.
     */
    final class CallerTransactionFailure extends SQLException {
        private static final long serialVersionUID = 1L;

        CallerTransactionFailure(SQLException failure) {
            super(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
        }

        /** The database's failure. */
        SQLException failure() {
            return (SQLException) getCause();
        }
    }

    /**
     * The connection broke ({@link Dialect#isConnectionLost}) while a transaction of the store's
     * own was being committed: by {@code Connection.commit()}, or on PostgreSQL by the statement
     * that carries the COMMIT with the unit of work's last writes. The database may have committed
     * before the answer was lost, or not: the work must not run again, and the caller hears that
     * the outcome is unknown. The cause is the database's failure.
     */
    final class CommitInDoubt extends SQLException {
        private static final long serialVersionUID = 1L;

        CommitInDoubt(SQLException failure) {
            super(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
        }

        /** The database's failure. */
        SQLException failure() {
            return (SQLException) getCause();
        }
    }
}
