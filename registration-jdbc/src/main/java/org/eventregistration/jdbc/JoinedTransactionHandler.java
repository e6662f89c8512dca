package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.eventregistration.event.EventId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work inside the caller's transaction when the connection has one open (it is not in
 * auto-commit): writes under a savepoint, which a failure rolls back to before the failure
 * propagates; the store never commits, rolls back or closes that transaction, and tells listeners
 * through {@link ConnectionFactory#afterCommit}. On an auto-commit connection the store runs a
 * transaction of its own, as {@link LocalTransactionHandler} does.
 */
final class JoinedTransactionHandler implements TransactionHandler {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);

    private final ConnectionFactory connections;
    private final LocalTransactionHandler own;
    /** Whether this thread's last unit of work joined the caller's transaction (for afterCommit). */
    private final ThreadLocal<Boolean> joinedUnit = new ThreadLocal<>();

    JoinedTransactionHandler(ConnectionFactory connections, Dialect dialect) {
        this.connections = connections;
        this.own = new LocalTransactionHandler(connections, dialect);
    }

    @Override
    public <T> T inTransaction(String operation, EventId eventId, boolean write, SqlWork<T> work) throws SQLException {
        Connection c = connections.openConnection();
        try {
            if (c.getAutoCommit()) {
                return own.onConnection(c, write, work);
            }
            if (write) {
                joinedUnit.set(Boolean.TRUE); // for afterCommit: the caller's transaction decides
            }
            try {
                return write ? underSavepoint(c, work) : work.run(c);
            } catch (SQLException e) {
                throw new CallerTransactionFailure(Failures.unwrapBatch(e));
            }
        } finally {
            LocalTransactionHandler.giveBack(connections, c);
        }
    }

    private static <T> T underSavepoint(Connection c, SqlWork<T> work) throws SQLException {
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

    /** Asked per call: whether the caller has a transaction open now ({@link ConnectionFactory#callerTransactionActive}). */
    @Override
    public boolean joinsCallerTransactions() {
        return connections.callerTransactionActive();
    }

    @Override
    public void unitOfWorkStarts() {
        joinedUnit.remove();
    }

    @Override
    public boolean unitOfWorkJoined() {
        return Boolean.TRUE.equals(joinedUnit.get());
    }

    @Override
    public void afterCommit(Runnable action) {
        boolean joined = Boolean.TRUE.equals(joinedUnit.get());
        joinedUnit.remove();
        if (joined) {
            connections.afterCommit(action);
        } else {
            action.run();
        }
    }
}
