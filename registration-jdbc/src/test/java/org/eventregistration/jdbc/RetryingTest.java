package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
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

    /** An H2 connection whose commit fails with the given failure (after rolling back). */
    private static ConnectionFactory commitFails(SQLException failure) {
        return () -> {
            Connection real = DriverManager.getConnection("jdbc:h2:mem:retrying", "sa", "");
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            real.rollback();
                            throw failure;
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        };
    }

    @Test
    void aCommitThatLosesTheConnectionIsInDoubtAndNeverRunAgain() {
        for (SQLException lost : List.of(
                new SQLException("I/O error (scripted)", "08006"),
                new SQLException("connection is closed (scripted)", "08003"),
                new SQLRecoverableException("socket reset (scripted)"),
                new SQLException("wrapped (scripted)", null, new java.net.SocketException("Connection reset")))) {
            AtomicInteger runs = new AtomicInteger();
            Retrying retrying = new Retrying(new LocalTransactionHandler(commitFails(lost), Dialect.H2), Dialect.H2, 5);
            assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> runs.incrementAndGet()))
                    .isInstanceOfSatisfying(
                            TransactionHandler.CommitInDoubt.class,
                            e -> assertThat((Throwable) e.failure()).isSameAs(lost));
            assertThat(runs).hasValue(1);
            assertThat(retrying.retries()).isZero();
        }
    }

    @Test
    void aCommitThatFailsOtherwiseIsNoCommitInDoubt() {
        SQLException serialization = new SQLException("could not serialize (scripted)", "40001");
        AtomicInteger runs = new AtomicInteger();
        Retrying retrying =
                new Retrying(new LocalTransactionHandler(commitFails(serialization), Dialect.H2), Dialect.H2, 3);
        assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> runs.incrementAndGet()))
                .isSameAs(serialization);
        assertThat(runs).hasValue(3); // rolled back for sure: run again
    }

    @Test
    void whatTheDatabasesSayWhenTheSessionEnds() {
        assertThat(Dialect.POSTGRESQL.isConnectionLost(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(Dialect.MARIADB.isConnectionLost(new SQLException("Connection was killed", "70100", 1927)))
                .isTrue();
        assertThat(Dialect.MARIADB.isConnectionLost(new SQLException("Query execution was interrupted", "70100", 1317)))
                .isFalse();
        assertThat(Dialect.H2.isConnectionLost(new SQLException("deadlock", "40001")))
                .isFalse();
        assertThat(Dialect.POSTGRESQL.isConnectionLost(new SQLException("duplicate", "23505")))
                .isFalse();
    }

    /** The failures a lost connection shows, as the drivers and pools report them. */
    private static List<SQLException> connectionLost() {
        return List.of(
                new SQLException("terminating connection due to administrator command (scripted)", "57P01"),
                new SQLException("the database system is shutting down (scripted)", "57P02"),
                new SQLException("the database system is starting up (scripted)", "57P03"),
                new SQLException("An I/O error occurred (scripted)", "08006"),
                new java.sql.SQLTransientConnectionException("pool: connection is not available (scripted)"),
                new SQLRecoverableException("socket reset (scripted)"),
                new java.sql.SQLNonTransientConnectionException("Connection was killed (scripted)", "70100", 1927),
                new SQLException("Database is already closed (scripted)", "90121", 90121));
    }

    @Test
    void idempotentWorkRunsAgainOnAFreshConnectionAfterTheConnectionWasLost() throws SQLException {
        for (SQLException lost : connectionLost()) {
            for (Dialect dialect : Dialect.values()) {
                if (!dialect.isConnectionLost(lost)) {
                    continue; // a database's own code means nothing to the others
                }
                Scripted connections = new Scripted();
                connections.failures.add(lost);
                connections.failures.add(lost);
                Retrying retrying = new Retrying(new LocalTransactionHandler(connections, dialect), dialect, 5);
                String result = retrying.idempotent("pendingNotifications", null, true, c -> "delivered");
                assertThat(result).as("%s on %s", lost, dialect).isEqualTo("delivered");
                assertThat(connections.attempts).hasValue(3);
                assertThat(retrying.retries()).isEqualTo(2);
            }
        }
    }

    @Test
    void aConnectionThatDiesDuringIdempotentWorkIsReplacedAndTheWorkRunsAgain() throws SQLException {
        Scripted connections = new Scripted();
        Retrying retrying =
                new Retrying(new LocalTransactionHandler(connections, Dialect.POSTGRESQL), Dialect.POSTGRESQL, 5);
        List<Connection> used = new java.util.ArrayList<>();
        String result = retrying.idempotent("findRegistrations", EVENT, false, c -> {
            used.add(c);
            if (used.size() < 3) {
                throw new SQLException("terminating connection due to administrator command (scripted)", "57P01");
            }
            return "read";
        });
        assertThat(result).isEqualTo("read");
        assertThat(used).hasSize(3).doesNotHaveDuplicates();
        assertThat(connections.attempts).hasValue(3);
    }

    @Test
    void lostConnectionsAreRetriedBoundedly() {
        Scripted connections = new Scripted();
        for (int i = 0; i < 10; i++) {
            connections.failures.add(new SQLException("I/O error (scripted)", "08006"));
        }
        Retrying retrying = new Retrying(new LocalTransactionHandler(connections, Dialect.H2), Dialect.H2, 4);
        assertThatThrownBy(() -> retrying.idempotent("markDelivered", null, true, c -> "done"))
                .isInstanceOf(SQLException.class)
                .hasFieldOrPropertyWithValue("SQLState", "08006");
        assertThat(connections.attempts).hasValue(4);
    }

    @Test
    void aUnitOfWorkIsNotRunAgainAfterALostConnection() {
        Scripted connections = new Scripted();
        SQLException lost = new SQLException("terminating connection (scripted)", "57P01");
        connections.failures.add(lost);
        Retrying retrying =
                new Retrying(new LocalTransactionHandler(connections, Dialect.POSTGRESQL), Dialect.POSTGRESQL, 5);
        assertThatThrownBy(() -> retrying.inTransaction("inTransaction", EVENT, true, c -> "registered"))
                .isSameAs(lost);
        assertThat(connections.attempts).hasValue(1);
        assertThat(retrying.retries()).isZero();
    }

    @Test
    void idempotentWritesWhoseCommitIsInDoubtAreNotRunAgainButReadsAre() throws SQLException {
        SQLException lost = new SQLException("I/O error (scripted)", "08006");
        AtomicInteger writes = new AtomicInteger();
        Retrying writing = new Retrying(new LocalTransactionHandler(commitFails(lost), Dialect.H2), Dialect.H2, 5);
        assertThatThrownBy(() -> writing.idempotent("recordDeliveryFailure", null, true, c -> writes.incrementAndGet()))
                .isInstanceOf(TransactionHandler.CommitInDoubt.class);
        assertThat(writes).hasValue(1);

        // A read that ran in a transaction (the connection is not in auto-commit) has nothing in doubt.
        AtomicInteger reads = new AtomicInteger();
        ConnectionFactory firstCommitFails = new ConnectionFactory() {
            final AtomicInteger opened = new AtomicInteger();

            @Override
            public Connection openConnection() throws SQLException {
                Connection c = opened.getAndIncrement() == 0
                        ? commitFails(lost).openConnection()
                        : DriverManager.getConnection("jdbc:h2:mem:retrying", "sa", "");
                c.setAutoCommit(false);
                return c;
            }
        };
        Retrying reading = new Retrying(new LocalTransactionHandler(firstCommitFails, Dialect.H2), Dialect.H2, 5);
        int runs = reading.idempotent("findEvent", EVENT, false, c -> reads.incrementAndGet());
        assertThat(runs).isEqualTo(2);
    }
}
