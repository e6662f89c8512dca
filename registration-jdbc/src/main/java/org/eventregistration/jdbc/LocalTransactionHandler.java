package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.eventregistration.event.EventId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in the store's own transactions: each piece of work takes a connection, runs in a
 * transaction of its own (a read on an auto-commit connection runs without one), commits or rolls
 * back, and gives the connection back. A rollback that fails too is attached as suppressed. A
 * commit that fails because the connection broke is a {@link CommitInDoubt}.
 */
final class LocalTransactionHandler implements TransactionHandler {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);

    private final ConnectionFactory connections;
    private final Dialect dialect;

    LocalTransactionHandler(ConnectionFactory connections, Dialect dialect) {
        this.connections = connections;
        this.dialect = dialect;
    }

    @Override
    public <T> T inTransaction(String operation, EventId eventId, boolean write, SqlWork<T> work) throws SQLException {
        Connection c = connections.openConnection();
        try {
            return onConnection(c, write, work);
        } finally {
            giveBack(connections, c);
        }
    }

    /** Runs the work on this connection in a transaction of the store's own, or a read in auto-commit. */
    <T> T onConnection(Connection c, boolean write, SqlWork<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!write && autoCommit) {
            return work.run(c);
        }
        return own(c, autoCommit, write, work);
    }

    private <T> T own(Connection c, boolean autoCommit, boolean write, SqlWork<T> work) throws SQLException {
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
            commit(c, write);
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

    /**
     * Commits; a broken connection leaves the commit of writes in doubt (it may have reached the
     * database). Work that only read has nothing in doubt: it may simply run again.
     */
    private void commit(Connection c, boolean write) throws SQLException {
        try {
            c.commit();
        } catch (SQLException e) {
            throw write && dialect.isConnectionLost(e) ? new CommitInDoubt(e) : e;
        }
    }

    /** Gives a connection back to the factory; a failure to do so is no failure of the work. */
    static void giveBack(ConnectionFactory connections, Connection c) {
        try {
            connections.closeConnection(c);
        } catch (SQLException e) {
            log.debug("closing a connection failed: sqlState={}", e.getSQLState());
        }
    }

    @Override
    public boolean joinsCallerTransactions() {
        return false;
    }

    @Override
    public void unitOfWorkStarts() {}

    @Override
    public boolean unitOfWorkJoined() {
        return false;
    }

    @Override
    public void afterCommit(Runnable action) {
        action.run();
    }
}
