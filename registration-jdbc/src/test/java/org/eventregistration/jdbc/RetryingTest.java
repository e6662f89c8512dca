package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventregistration.event.EventId;
import org.junit.jupiter.api.Test;

/**
 * The retry decorator around each transaction handler, on embedded H2 connections with failures
 * scripted: what it runs again, how often, and what it leaves alone. ({@link RetryTest} does the
 * same through the store's API on every test database.)
 */
class RetryingTest {
    private static final EventId EVENT = EventId.of("retrying");

    /** Connections to an in-memory H2 database; an attempt fails while failures are queued. */
    private static final class Scripted implements ConnectionFactory {
        final Deque<SQLException> failures = new ArrayDeque<>();
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public Connection openConnection() throws SQLException {
            attempts.incrementAndGet();
            SQLException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return DriverManager.getConnection("jdbc:h2:mem:retrying", "sa", "");
        }
    }

    private static SQLException deadlock() {
        return new SQLException("deadlock (scripted)", "40001");
    }

    @Test
    void runsTransientFailuresAgainAndCountsThem() throws SQLException {
        Scripted connections = new Scripted();
        connections.failures.add(deadlock());
        connections.failures.add(deadlock());
        Retrying retrying = new Retrying(new LocalTransactionHandler(connections, Dialect.H2), Dialect.H2, 5);
        String result = retrying.inTransaction("test", EVENT, true, c -> "done");
        assertThat(result).isEqualTo("done");
        assertThat(connections.attempts).hasValue(3);
        assertThat(retrying.retries()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        Scripted connections = new Scripted();
        for (int i = 0; i < 10; i++) {
            connections.failures.add(deadlock());
        }
        Retrying retrying = new Retrying(new LocalTransactionHandler(connections, Dialect.H2), Dialect.H2, 3);
        assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> "done"))
                .isInstanceOf(SQLException.class)
                .hasFieldOrPropertyWithValue("SQLState", "40001");
        assertThat(connections.attempts).hasValue(3);
        assertThat(retrying.retries()).isEqualTo(2);
    }

    @Test
    void neverRunsOtherFailuresAgain() {
        Scripted connections = new Scripted();
        SQLException unique = new SQLException("duplicate (scripted)", "23505");
        connections.failures.add(unique);
        Retrying retrying = new Retrying(new LocalTransactionHandler(connections, Dialect.H2), Dialect.H2, 5);
        assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> "done"))
                .isSameAs(unique);
        assertThat(connections.attempts).hasValue(1);
        assertThat(retrying.retries()).isZero();
    }

    @Test
    void neverRunsWorkInTheCallersTransactionAgain() throws SQLException {
        try (Connection callers = DriverManager.getConnection("jdbc:h2:mem:retrying", "sa", "")) {
            callers.setAutoCommit(false); // the caller's open transaction
            Retrying retrying = new Retrying(
                    new JoinedTransactionHandler(ConnectionFactory.joining(() -> callers, c -> {}), Dialect.H2),
                    Dialect.H2,
                    5);
            AtomicInteger runs = new AtomicInteger();
            SQLException failure = deadlock();
            assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> {
                        runs.incrementAndGet();
                        throw failure;
                    }))
                    .isInstanceOfSatisfying(
                            TransactionHandler.CallerTransactionFailure.class,
                            e -> assertThat((Throwable) e.failure()).isSameAs(failure));
            assertThat(runs).hasValue(1);
            assertThat(retrying.retries()).isZero();
        }
    }
}
