package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eventregistration.event.Event;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A joining factory that says per call whether the caller has a transaction open ({@link
 * ConnectionFactory#callerTransactionActive}): the store joins only then, and otherwise runs (and
 * commits) its own transactions, so the service may combine.
 */
class PerCallJoiningTest {

    @Test
    @DisplayName("[h2] the store asks the factory per call whether a caller transaction is active")
    void perCall() throws Exception {
        try (Tables tables = new Tables(TestDatabases.h2(), 4)) {
            AtomicBoolean active = new AtomicBoolean(false);
            ConnectionFactory perCall = new ConnectionFactory() {
                @Override
                public Connection openConnection() throws SQLException {
                    return tables.pool.getConnection(); // auto-commit: no caller transaction
                }

                @Override
                public boolean joinsExternalTransaction() {
                    return true;
                }

                @Override
                public boolean callerTransactionActive() {
                    return active.get();
                }
            };
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(perCall)
                    .tablePrefix(tables.prefix)
                    .build();
            assertThat(store.joinsCallerTransactions()).isFalse();
            active.set(true);
            assertThat(store.joinsCallerTransactions()).isTrue();
            active.set(false);

            Event event = Tables.event("per-call", 5);
            store.saveEvent(event);
            RegistrationService service = Tables.service(store);
            assertThat(service.register(Tables.request(event, "kari", "k")))
                    .isInstanceOf(RegistrationOutcome.Confirmed.class);
            // Its own transaction, committed: another store sees it at once.
            assertThat(tables.store().findRegistrations(event.id())).hasSize(1);
            assertThat(store.findEvent(event.id())).contains(event);
        }
    }

    @Test
    @DisplayName("[h2] a joining factory that cannot tell answers yes for every call, as before")
    void joiningFactoriesStillJoinEveryCall() throws Exception {
        try (Tables tables = new Tables(TestDatabases.h2(), 2)) {
            ConnectionFactory joining = ConnectionFactory.joining(tables.pool::getConnection, Connection::close);
            assertThat(joining.callerTransactionActive()).isTrue();
            assertThat(ConnectionFactory.of(tables.pool).callerTransactionActive())
                    .isFalse();
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(joining)
                    .tablePrefix(tables.prefix)
                    .build();
            assertThat(store.joinsCallerTransactions()).isTrue();
        }
    }
}
