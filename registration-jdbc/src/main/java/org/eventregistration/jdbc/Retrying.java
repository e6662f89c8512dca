package org.eventregistration.jdbc;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a transaction runs again, up to {@code maxAttempts} attempts in all, with a short
 * jittered pause between them. The one place the store retries; a decorator of the {@link
 * TransactionHandler} that runs each attempt (after Jdbi's {@code SerializableTransactionRunner}).
 *
 * <ul>
 *   <li>A deadlock or serialization failure ({@link Dialect#isTransient}) in a transaction of the
 *       store's own: any work, units of work included.
 *   <li>A connection-level failure ({@link Dialect#isConnectionLost}: SQLState class 08, a session
 *       the server ended such as PostgreSQL's 57P01..57P05 or MariaDB's killed connection, a broken
 *       H2 connection, {@code SQLRecoverableException}, {@code SQLTransientConnectionException})
 *       of {@linkplain #idempotent idempotent} work only: reads, delivery and the jobs' own
 *       statements. Each attempt takes a fresh connection from the factory; a pool drops a
 *       connection that failed this way, so a pool of dead connections (after the database
 *       restarted) is drained one per attempt. A unit of work is not run again after a lost
 *       connection: its caller hears of the failure and may send the request again.
 * </ul>
 *
 * Work that failed inside the caller's transaction, or whose commit is in doubt because the
 * connection broke ({@link CommitInDoubt}), is never run again here. <b>The work therefore may run
 * more than once and must be idempotent</b> apart from its effects on the database. Each retry is
 * logged at WARN (ids and SQLState only) and counted.
 */
final class Retrying implements TransactionHandler {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);

    private final TransactionHandler delegate;
    private final Dialect dialect;
    private final int maxAttempts;
    private final LongAdder retries = new LongAdder();

    Retrying(TransactionHandler delegate, Dialect dialect, int maxAttempts) {
        this.delegate = delegate;
        this.dialect = dialect;
        this.maxAttempts = maxAttempts;
    }

    /** How many times a transaction was run again, since this was built. */
    long retries() {
        return retries.sum();
    }

    /** Runs a unit of work: again after a transient failure, not after a lost connection. */
    @Override
    public <T> T inTransaction(String operation, EventId eventId, boolean write, SqlWork<T> work) throws SQLException {
        return run(operation, eventId, write, false, work);
    }

    /**
     * Runs idempotent work (a read, a delivery mark, a job's statement): again after a transient
     * failure, and also after a connection-level failure, on a fresh connection.
     */
    <T> T idempotent(String operation, EventId eventId, boolean write, SqlWork<T> work) throws SQLException {
        return run(operation, eventId, write, true, work);
    }

    private <T> T run(String operation, EventId eventId, boolean write, boolean idempotent, SqlWork<T> work)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            SQLException failure;
            try {
                return delegate.inTransaction(operation, eventId, write, work);
            } catch (CallerTransactionFailure e) {
                throw e; // the caller's transaction may be gone: the caller decides
            } catch (CommitInDoubt e) {
                throw e; // it may have been committed: running it again could do it twice
            } catch (SQLException e) {
                failure = Failures.unwrapBatch(e);
            }
            if (!dialect.isTransient(failure) && !(idempotent && dialect.isConnectionLost(failure))) {
                throw failure;
            }
            if (attempt >= maxAttempts) {
                log.warn(
                        "transient database failure, giving up: operation={} event={} attempts={} sqlState={} error={}",
                        operation,
                        eventId,
                        attempt,
                        failure.getSQLState(),
                        failure.getErrorCode());
                throw failure;
            }
            retries.increment();
            log.warn(
                    "transient database failure, running the transaction again: operation={} event={} attempt={} of {} sqlState={} error={}",
                    operation,
                    eventId,
                    attempt + 1,
                    maxAttempts,
                    failure.getSQLState(),
                    failure.getErrorCode());
            pause(attempt, operation, eventId, failure);
        }
    }

    private void pause(int attempt, String operation, EventId eventId, SQLException failure) {
        long base = Math.min(200, 5L << Math.min(attempt, 6));
        long millis = base / 2 + ThreadLocalRandom.current().nextLong(base + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            StoreException interrupted = Failures.translate(dialect, operation, eventId, failure);
            interrupted.addSuppressed(e);
            throw interrupted;
        }
    }

    @Override
    public boolean joinsCallerTransactions() {
        return delegate.joinsCallerTransactions();
    }

    @Override
    public void unitOfWorkStarts() {
        delegate.unitOfWorkStarts();
    }

    @Override
    public boolean unitOfWorkJoined() {
        return delegate.unitOfWorkJoined();
    }

    @Override
    public void afterCommit(Runnable action) {
        delegate.afterCommit(action);
    }
}
