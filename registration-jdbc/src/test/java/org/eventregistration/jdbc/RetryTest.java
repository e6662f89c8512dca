package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventregistration.jdbc.JdbcProxies.invoke;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.OutcomeUnknownException;
import org.eventregistration.spi.StoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transient failures (here: a serialization failure injected at commit, on a real connection) are
 * retried in one place, a bounded number of times, and counted. A connection lost at commit leaves
 * the outcome unknown: never retried, said as such, and the service's retry with the same key
 * finds what was stored.
 */
class RetryTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    /**
     * Real connections whose commit fails with SQLState 40001 while {@code failures} is positive:
     * the {@code commit()} call, or on PostgreSQL, where the store sends COMMIT together with a
     * unit of work's last writes, the statement that carries it (not sent; the database then
     * rolls the transaction back, as it would after a real failure of that statement).
     */
    private static ConnectionFactory failingCommits(Tables tables, AtomicInteger failures) {
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                Connection real = tables.pool.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("commit") && failures.getAndDecrement() > 0) {
                                real.rollback();
                                throw new SQLException("could not serialize access (injected)", "40001");
                            }
                            Object result = invoke(real, method, args);
                            if (method.getName().equals("prepareStatement")
                                    && ((String) args[0]).endsWith("; COMMIT")) {
                                PreparedStatement ps = (PreparedStatement) result;
                                return Proxy.newProxyInstance(
                                        PreparedStatement.class.getClassLoader(),
                                        new Class<?>[] {PreparedStatement.class},
                                        (p, m, a) -> {
                                            if (m.getName().startsWith("execute") && failures.getAndDecrement() > 0) {
                                                throw new SQLException(
                                                        "could not serialize access (injected)", "40001");
                                            }
                                            return invoke(ps, m, a);
                                        });
                            }
                            return result;
                        });
            }
        };
    }

    /**
     * Real connections that, while {@code armed}, lose the connection at commit (SQLState 08006, as
     * a driver reports a broken socket): after the commit reached the database ({@code reached}), or
     * before (then it is rolled back, as the server would on a lost session). The commit is the
     * {@code commit()} call, or on PostgreSQL the statement that carries the COMMIT.
     */
    private static ConnectionFactory lostAtCommit(Tables tables, AtomicBoolean armed, boolean reached) {
        return new ConnectionFactory() {
            @Override
            public Connection openConnection() throws SQLException {
                Connection real = tables.pool.getConnection();
                return (Connection) Proxy.newProxyInstance(
                        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("commit") && armed.getAndSet(false)) {
                                if (reached) {
                                    real.commit();
                                } else {
                                    real.rollback();
                                }
                                throw connectionLost();
                            }
                            Object result = invoke(real, method, args);
                            if (method.getName().equals("prepareStatement")
                                    && ((String) args[0]).endsWith("; COMMIT")) {
                                PreparedStatement ps = (PreparedStatement) result;
                                return Proxy.newProxyInstance(
                                        PreparedStatement.class.getClassLoader(),
                                        new Class<?>[] {PreparedStatement.class},
                                        (p, m, a) -> {
                                            if (m.getName().startsWith("execute") && armed.getAndSet(false)) {
                                                if (reached) {
                                                    invoke(ps, m, a);
                                                }
                                                throw connectionLost();
                                            }
                                            return invoke(ps, m, a);
                                        });
                            }
                            return result;
                        });
            }
        };
    }

    /** Real connections on which the unit of work's first statement, the ledger lock, loses the connection. */
    private static ConnectionFactory lostAtLedgerLock(Tables tables) {
        return () -> {
            Connection real = tables.pool.getConnection();
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        Object result = invoke(real, method, args);
                        if (method.getName().equals("prepareStatement") && ((String) args[0]).contains("FOR UPDATE")) {
                            PreparedStatement ps = (PreparedStatement) result;
                            return Proxy.newProxyInstance(
                                    PreparedStatement.class.getClassLoader(),
                                    new Class<?>[] {PreparedStatement.class},
                                    (p, m, a) -> {
                                        if (m.getName().startsWith("execute")) {
                                            throw connectionLost();
                                        }
                                        return invoke(ps, m, a);
                                    });
                        }
                        return result;
                    });
        };
    }

    private static SQLException connectionLost() {
        return new SQLException("An I/O error occurred while sending to the backend (injected)", "08006");
    }

    @ParameterizedTest(name = "[{0}] a serialization failure runs the whole unit of work again, once, and is counted")
    @MethodSource("databases")
    void retried(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("retry", 5);
            tables.store().saveEvent(event);
            AtomicInteger failures = new AtomicInteger(1);
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(failingCommits(tables, failures))
                    .tablePrefix(tables.prefix)
                    .build();
            AtomicInteger calls = new AtomicInteger();
            store.inTransaction(event.id(), tx -> {
                calls.incrementAndGet();
                tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                return null;
            });
            assertThat(calls).hasValue(2);
            assertThat(store.retries()).isEqualTo(1);
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] retries are bounded: after maxAttempts the StoreException keeps SQLState 40001 and nothing is written")
    @MethodSource("databases")
    void bounded(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("bounded", 5);
            tables.store().saveEvent(event);
            AtomicInteger failures = new AtomicInteger(Integer.MAX_VALUE);
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(failingCommits(tables, failures))
                    .tablePrefix(tables.prefix)
                    .maxAttempts(3)
                    .build();
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                        calls.incrementAndGet();
                        tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                        return null;
                    }))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.sqlState()).contains("40001"));
            assertThat(calls).hasValue(3);
            assertThat(store.retries()).isEqualTo(2);
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isZero();
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] the connection lost at commit (reached the database: {1}): OutcomeUnknownException, not retried")
    @MethodSource("databasesTwice")
    void lostAtCommitIsInDoubt(TestDatabases.TestDatabase db, boolean reached) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("in-doubt", 5);
            tables.store().saveEvent(event);
            AtomicBoolean armed = new AtomicBoolean(true);
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(lostAtCommit(tables, armed, reached))
                    .tablePrefix(tables.prefix)
                    .build();
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                        calls.incrementAndGet();
                        tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                        return null;
                    }))
                    .isInstanceOfSatisfying(
                            OutcomeUnknownException.class,
                            e -> assertThat(e.sqlState()).contains("08006"));
            assertThat(armed).isFalse();
            assertThat(calls).hasValue(1);
            assertThat(store.retries()).isZero();
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(reached ? 1 : 0);
        }
    }

    static Stream<Arguments> databasesTwice() {
        return TestDatabases.all().flatMap(db -> Stream.of(Arguments.of(db, true), Arguments.of(db, false)));
    }

    @ParameterizedTest(
            name = "[{0}] the connection lost before the commit: a StoreException, nothing written, not retried")
    @MethodSource("databases")
    void lostBeforeCommitWroteNothing(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("lost-early", 5);
            tables.store().saveEvent(event);
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(lostAtLedgerLock(tables))
                    .tablePrefix(tables.prefix)
                    .build();
            AtomicInteger calls = new AtomicInteger();
            assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                        calls.incrementAndGet();
                        tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                        return null;
                    }))
                    .isInstanceOf(StoreException.class)
                    .isNotInstanceOf(OutcomeUnknownException.class)
                    .hasMessageContaining("nothing was written");
            assertThat(calls).hasValue(1);
            assertThat(store.retries()).isZero();
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isZero();
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] through the service: after an unknown outcome the same request with the same key is Repeated, one seat")
    @MethodSource("databases")
    void serviceRetryAfterUnknownOutcome(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            AtomicBoolean armed = new AtomicBoolean();
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(lostAtCommit(tables, armed, true))
                    .tablePrefix(tables.prefix)
                    .build();
            RegistrationService service = Tables.service(store);
            Event event = Tables.event("repeated", 5);
            service.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            RegistrationRequest request = Tables.request(event, "kari", "form-7");

            armed.set(true);
            assertThatThrownBy(() -> service.register(request)).isInstanceOf(OutcomeUnknownException.class);
            assertThat(armed).isFalse();

            RegistrationOutcome retried = service.register(request);
            List<Registration> stored = store.findRegistrations(event.id());
            assertThat(stored).hasSize(1);
            assertThat(retried)
                    .isInstanceOfSatisfying(
                            RegistrationOutcome.Repeated.class,
                            r -> assertThat(r.registration()).isEqualTo(stored.get(0)));
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
            assertThat(store.retries()).isZero();
        }
    }
}
