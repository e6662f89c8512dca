package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.spi.StoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Transient failures (here: a serialization failure injected at commit, on a real connection) are
 * retried in one place, a bounded number of times, and counted.
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

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
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
}
