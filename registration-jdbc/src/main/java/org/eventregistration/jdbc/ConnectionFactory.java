package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Where the {@link JdbcRegistrationStore} gets its connections, and how it gives them back.
 *
 * <p>Two kinds:
 * <ul>
 *   <li>{@link #of(DataSource)}: every operation takes a connection of its own, runs its own
 *       transaction, commits or rolls back, and closes the connection.
 *   <li>{@link #joining(ConnectionSupplier, ConnectionReleaser)}: for an application with its own
 *       transaction management (Spring, Jakarta EE). The factory hands out the connection of the
 *       caller's current transaction. When that connection is not in auto-commit mode, a transaction
 *       is open and the store <b>joins</b> it: it neither commits nor rolls it back (a failed unit
 *       of work is undone to a savepoint, and the exception propagates so the caller can roll
 *       back), and it never closes the connection but gives it back with {@link
 *       #closeConnection}. When the connection is in auto-commit mode, no transaction is open and
 *       the store runs one of its own on it.
 * </ul>
 *
 * <p>For Spring:
 *
 * <pre>{@code
 * ConnectionFactory spring = ConnectionFactory.joining(
 *         () -> DataSourceUtils.getConnection(dataSource),
 *         c -> DataSourceUtils.releaseConnection(c, dataSource));
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface ConnectionFactory {

    /** A connection; the store gives it back with {@link #closeConnection} when done. */
    Connection openConnection() throws SQLException;

    /** Gives a connection back: closes it unless {@link #joinsExternalTransaction()} says otherwise. */
    default void closeConnection(Connection connection) throws SQLException {
        connection.close();
    }

    /**
     * True if the connections may belong to a transaction the caller manages: then a connection
     * that is not in auto-commit mode is joined, never committed, rolled back or closed by the store.
     * False (the default) if every connection is the store's own. The store asks once, when it is
     * built.
     */
    default boolean joinsExternalTransaction() {
        return false;
    }

    /**
     * Asked for every registration, on the calling thread, when the factory {@linkplain
     * #joinsExternalTransaction() joins external transactions}: true if the caller may have a
     * transaction open right now that the store's work must join. When it is false the service
     * may combine the call with other callers' registrations for the same event, run by whichever
     * caller's thread leads the batch in a transaction of the store's own; when it is true the
     * call runs alone, in the caller's transaction.
     *
     * <p>The default is {@link #joinsExternalTransaction()}: a joining factory that cannot tell
     * answers yes, and its store never combines. A factory that can tell should say so; with
     * Spring, {@code TransactionSynchronizationManager.isActualTransactionActive()} (the
     * {@code registration-spring-boot-starter} does this). It must be cheap and thread-safe, and
     * agree with the connection {@link #openConnection()} hands out on the same thread: false only
     * if that connection is then in auto-commit mode.
     */
    default boolean callerTransactionActive() {
        return joinsExternalTransaction();
    }

    /**
     * Called when the store has just done a unit of work inside the caller's transaction (joined),
     * with the action that tells the listeners about it. It must run the action after that
     * transaction commits, and never if it rolls back. The default does not run it: the
     * notifications stay in the outbox until {@code RegistrationService.deliverPendingNotifications()}
     * is called (after the commit, or on a schedule). With Spring, register it as a transaction
     * synchronization instead; see {@link #joining(ConnectionSupplier, ConnectionReleaser, AfterCommit)}.
     */
    default void afterCommit(Runnable action) {}

    /** A factory of the store's own connections from a data source (usually a pool). */
    static ConnectionFactory of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public String toString() {
                return "ConnectionFactory.of(" + dataSource.getClass().getSimpleName() + ")";
            }
        };
    }

    /**
     * A factory that hands out the caller's transactional connection and joins its transaction;
     * see the class documentation.
     *
     * @param open returns the connection of the caller's current transaction (or a new one when
     *     none is open)
     * @param release gives it back; for a transaction-bound connection this must not close it
     */
    static ConnectionFactory joining(ConnectionSupplier open, ConnectionReleaser release) {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(release, "release");
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return open.get();
            }

            @Override
            public void closeConnection(Connection connection) throws SQLException {
                release.release(connection);
            }

            @Override
            public boolean joinsExternalTransaction() {
                return true;
            }
        };
    }

    /**
     * Like {@link #joining(ConnectionSupplier, ConnectionReleaser)}, and hands the store's after-commit
     * actions (telling the listeners) to the caller's transaction manager. For Spring:
     *
     * <pre>{@code
     * ConnectionFactory.joining(
     *         () -> DataSourceUtils.getConnection(dataSource),
     *         c -> DataSourceUtils.releaseConnection(c, dataSource),
     *         action -> TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
     *             public void afterCommit() { action.run(); }
     *         }));
     * }</pre>
     */
    static ConnectionFactory joining(ConnectionSupplier open, ConnectionReleaser release, AfterCommit afterCommit) {
        Objects.requireNonNull(afterCommit, "afterCommit");
        ConnectionFactory base = joining(open, release);
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                return base.openConnection();
            }

            @Override
            public void closeConnection(Connection connection) throws SQLException {
                base.closeConnection(connection);
            }

            @Override
            public boolean joinsExternalTransaction() {
                return true;
            }

            @Override
            public void afterCommit(Runnable action) {
                afterCommit.register(action);
            }
        };
    }

    /** Registers an action to run after the caller's current transaction commits. */
    @FunctionalInterface
    interface AfterCommit {
        /** Runs {@code action} after the current transaction commits, never if it rolls back. */
        void register(Runnable action);
    }

    /** Supplies a connection. */
    @FunctionalInterface
    interface ConnectionSupplier {
        /** A connection. */
        Connection get() throws SQLException;
    }

    /** Gives a connection back. */
    @FunctionalInterface
    interface ConnectionReleaser {
        /** Gives the connection back. */
        void release(Connection connection) throws SQLException;
    }
}
