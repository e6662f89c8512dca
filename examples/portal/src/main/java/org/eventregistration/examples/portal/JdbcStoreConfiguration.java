package org.eventregistration.examples.portal;

import java.time.Clock;
import javax.sql.DataSource;
import org.eventregistration.jdbc.ConnectionFactory;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The JDBC store on Spring Boot's data source (HikariCP): an H2 file database by default,
 * PostgreSQL when {@code PORTAL_DB_URL} (with {@code PORTAL_DB_USER} and {@code PORTAL_DB_PASSWORD})
 * points at one. Active unless {@code portal.store=memory}.
 *
 * <p>The store gets its connections through {@link DataSourceUtils}: inside a Spring transaction
 * ({@code @Transactional}, {@code TransactionTemplate}) it uses that transaction's connection and
 * joins it, so a registration commits or rolls back with the caller's own writes; outside one it
 * runs a transaction of its own. The tables are created or upgraded at start-up by the store's own
 * Flyway scripts.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "portal.store", havingValue = "jdbc", matchIfMissing = true)
public class JdbcStoreConfiguration {

    /** The JDBC store, migrated and joined to Spring's transactions. */
    @Bean
    public RegistrationStore jdbcRegistrationStore(DataSource dataSource, Clock clock) {
        JdbcRegistrationStore.migrate(dataSource, JdbcRegistrationStore.DEFAULT_TABLE_PREFIX);
        ConnectionFactory springTransactions = ConnectionFactory.joining(
                () -> DataSourceUtils.getConnection(dataSource),
                connection -> DataSourceUtils.releaseConnection(connection, dataSource),
                // Inside a Spring transaction, listeners hear of a change only once it commits.
                action -> {
                    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                        action.run(); // defensive: no Spring transaction to wait for
                        return;
                    }
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            action.run();
                        }
                    });
                });
        return JdbcRegistrationStore.builder(springTransactions).clock(clock).build();
    }
}
