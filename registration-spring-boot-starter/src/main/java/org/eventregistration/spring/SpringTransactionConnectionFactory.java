package org.eventregistration.spring;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.eventregistration.jdbc.ConnectionFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code JdbcRegistrationStore}'s connections from a Spring-managed {@link DataSource}: inside
 * a Spring transaction ({@code @Transactional}, {@code TransactionTemplate}) the store uses that
 * transaction's connection and joins it, so a registration commits or rolls back with the
 * caller's own writes and the listeners hear of it only after the commit; outside one it runs a
 * transaction of its own, and concurrent registrations for one event are combined.
 *
 * <p>Whether a call joins is decided per call, on the caller's thread, by {@link
 * TransactionSynchronizationManager#isActualTransactionActive()}: any active Spring transaction on
 * the thread counts, also one of another transaction manager (the call then runs alone, in a
 * transaction of the store's own). Usable without Spring Boot. Immutable and thread-safe.
 */
public final class SpringTransactionConnectionFactory implements ConnectionFactory {
    private final DataSource dataSource;
    private final boolean combining;

    private SpringTransactionConnectionFactory(DataSource dataSource, boolean combining) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.combining = combining;
    }

    /** Connections of this data source; calls outside a Spring transaction may be combined. */
    public static SpringTransactionConnectionFactory of(DataSource dataSource) {
        return new SpringTransactionConnectionFactory(dataSource, true);
    }

    /**
     * A copy that never lets the service combine calls (every registration in a unit of work of
     * its own, as {@link ConnectionFactory#joining} does), if {@code combining} is false.
     */
    public SpringTransactionConnectionFactory withCombining(boolean combining) {
        return new SpringTransactionConnectionFactory(dataSource, combining);
    }

    @Override
    public Connection openConnection() throws SQLException {
        return DataSourceUtils.doGetConnection(dataSource);
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        DataSourceUtils.doReleaseConnection(connection, dataSource);
    }

    @Override
    public boolean joinsExternalTransaction() {
        return true;
    }

    /** True inside an active Spring transaction on this thread (always, without combining). */
    @Override
    public boolean callerTransactionActive() {
        return !combining || TransactionSynchronizationManager.isActualTransactionActive();
    }

    /** After the Spring transaction commits (never if it rolls back); at once when there is none. */
    @Override
    public void afterCommit(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    @Override
    public String toString() {
        return "SpringTransactionConnectionFactory[" + dataSource.getClass().getSimpleName() + ", combining="
                + combining + "]";
    }
}
