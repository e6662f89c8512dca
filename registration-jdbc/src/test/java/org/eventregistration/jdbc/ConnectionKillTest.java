package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventregistration.jdbc.JdbcProxies.invoke;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
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
 * The database connection dies (the server kills it: {@code pg_terminate_backend}, MariaDB {@code
 * KILL}) during a unit of work, or at its commit. Killed before the commit, nothing of it may stay
 * and the caller gets a StoreException; killed at the commit, the caller gets an
 * OutcomeUnknownException. Either way, sending the same request again registers the person exactly
 * once.
 */
class ConnectionKillTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return Stream.of(TestDatabases.postgres(), TestDatabases.mariadb());
    }

    @ParameterizedTest(
            name = "[{0}] a connection killed mid-transaction leaves nothing; the retried request registers once")
    @MethodSource("databases")
    void killedMidTransaction(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            String idQuery = db.kind() == Database.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()";
            String kill =
                    db.kind() == Database.POSTGRESQL ? "SELECT pg_terminate_backend(CAST(? AS INTEGER))" : "KILL ?";
            AtomicLong serverSession = new AtomicLong();
            // Remembers the server session of the connection each unit of work takes.
            DataSource tracking = new ForwardingDataSource(tables.pool) {
                @Override
                public Connection getConnection() throws SQLException {
                    Connection c = super.getConnection();
                    try (PreparedStatement ps = c.prepareStatement(idQuery);
                            ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        serverSession.set(rs.getLong(1));
                    }
                    return c;
                }
            };
            JdbcRegistrationStore store = tables.closing(JdbcRegistrationStore.builder(tracking)
                    .tablePrefix(tables.prefix)
                    .build());
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            // The unit of work stops, before its first statement, until its connection is dead.
            BlockingStore blocking = new BlockingStore(store, locked, killed);
            RegistrationService node = Tables.service(blocking);
            Event event = Tables.event("killed", 10);
            // Another node creates the event: this store has not seen its state, so the unit of work
            // takes the ledger's lock first and dies before its commit. (On PostgreSQL a unit of
            // work on a state it has seen sends its writes and COMMIT in one round trip: a
            // connection that dies then leaves the outcome unknown, as in killedAtCommit.)
            JdbcRegistrationStore creator = tables.closing(JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .build());
            Tables.service(creator)
                    .console(org.eventregistration.event.OrganiserId.DEFAULT, "ola")
                    .saveEvent(event);
            Ledger before = store.findLedger(event.id()).orElseThrow();
            RegistrationRequest request = Tables.request(event, "kari", "form-42");

            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                Future<RegistrationOutcome> inFlight = executor.submit(() -> node.register(request));
                assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
                try (Connection admin = tables.pool.getConnection();
                        PreparedStatement ps = admin.prepareStatement(kill)) {
                    ps.setLong(1, serverSession.get());
                    ps.execute();
                }
                killed.countDown();
                // Killed before the commit: nothing was written, and the store says so.
                assertThatThrownBy(() -> inFlight.get(60, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StoreException.class)
                        .cause()
                        .isNotInstanceOf(OutcomeUnknownException.class)
                        .satisfies(
                                e -> assertThat(((StoreException) e).sqlState()).isPresent());
            } finally {
                killed.countDown();
                executor.shutdownNow();
            }
            assertThat(tables.count("registration")).isZero();
            assertThat(tables.count("outbox")).isZero();
            assertThat(store.findLedger(event.id())).contains(before);

            blocking.pass = true;
            RegistrationOutcome retried = node.register(request);
            assertThat(retried).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(node.register(request)).isInstanceOf(RegistrationOutcome.Repeated.class);
            assertThat(tables.count("registration")).isEqualTo(1);
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(
            name = "[{0}] a connection killed at commit (committed first: {1}): the outcome is unknown;"
                    + " the same request again registers once")
    @MethodSource("databasesTwice")
    void killedAtCommit(TestDatabases.TestDatabase db, boolean committedFirst) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            KillsAtCommit killing = new KillsAtCommit(tables, committedFirst);
            JdbcRegistrationStore store = tables.closing(JdbcRegistrationStore.builder(killing)
                    .tablePrefix(tables.prefix)
                    .build());
            RegistrationService node = Tables.service(store);
            Event event = Tables.event("killed-at-commit", 10);
            node.console(org.eventregistration.event.OrganiserId.DEFAULT, "ola").saveEvent(event);
            RegistrationRequest request = Tables.request(event, "kari", "form-43");

            killing.armed.set(true);
            assertThatThrownBy(() -> node.register(request))
                    .isInstanceOfSatisfying(
                            OutcomeUnknownException.class,
                            e -> assertThat(e.sqlState()).isPresent());
            assertThat(killing.armed).isFalse();
            assertThat(store.retries()).isZero();
            assertThat(tables.count("registration")).isEqualTo(committedFirst ? 1 : 0);

            // The person (or the portal) sends the same request again, with the same key.
            RegistrationOutcome retried = node.register(request);
            List<Registration> stored = store.findRegistrations(event.id());
            assertThat(stored).hasSize(1);
            if (committedFirst) {
                assertThat(retried)
                        .isInstanceOfSatisfying(
                                RegistrationOutcome.Repeated.class,
                                r -> assertThat(r.registration()).isEqualTo(stored.get(0)));
            } else {
                assertThat(retried).isInstanceOf(RegistrationOutcome.Confirmed.class);
            }
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
        }
    }

    static Stream<Arguments> databasesTwice() {
        return databases().flatMap(db -> Stream.of(Arguments.of(db, true), Arguments.of(db, false)));
    }

    /**
     * Real connections whose server session is killed at the commit, while {@code armed}: the
     * {@code commit()} call, or on PostgreSQL the statement that carries the COMMIT. Killed
     * before the commit is sent (the server then rolls back), or after it committed, when the
     * driver's next use of the dead connection gives the failure the caller sees.
     */
    static final class KillsAtCommit implements ConnectionFactory {
        final AtomicBoolean armed = new AtomicBoolean();
        private final Tables tables;
        private final boolean committedFirst;

        KillsAtCommit(Tables tables, boolean committedFirst) {
            this.tables = tables;
            this.committedFirst = committedFirst;
        }

        @Override
        public Connection openConnection() throws SQLException {
            Connection real = tables.pool.getConnection();
            long session = serverSession(real);
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit") && armed.getAndSet(false)) {
                            return atCommit(real, session, () -> {
                                real.commit();
                                return null;
                            });
                        }
                        Object result = invoke(real, method, args);
                        if (method.getName().equals("prepareStatement") && ((String) args[0]).endsWith("; COMMIT")) {
                            PreparedStatement ps = (PreparedStatement) result;
                            return Proxy.newProxyInstance(
                                    PreparedStatement.class.getClassLoader(),
                                    new Class<?>[] {PreparedStatement.class},
                                    (p, m, a) -> m.getName().startsWith("execute") && armed.getAndSet(false)
                                            ? atCommit(real, session, () -> invoke(ps, m, a))
                                            : invoke(ps, m, a));
                        }
                        return result;
                    });
        }

        private Object atCommit(Connection real, long session, Call commit) throws Throwable {
            if (!committedFirst) {
                kill(session);
                return commit.run(); // on a dead connection: the driver's own failure
            }
            commit.run();
            kill(session);
            try (PreparedStatement ps = real.prepareStatement("SELECT 1")) {
                ps.execute();
            }
            throw new AssertionError("the killed connection still answers");
        }

        private long serverSession(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                            tables.db.kind() == Database.POSTGRESQL
                                    ? "SELECT pg_backend_pid()"
                                    : "SELECT CONNECTION_ID()");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        /** Kills the server session and waits until the server has ended it. */
        private void kill(long session) throws Exception {
            boolean postgres = tables.db.kind() == Database.POSTGRESQL;
            try (Connection admin = tables.pool.getConnection()) {
                try (PreparedStatement ps = admin.prepareStatement(
                        postgres ? "SELECT pg_terminate_backend(CAST(? AS INTEGER))" : "KILL ?")) {
                    ps.setLong(1, session);
                    ps.execute();
                }
                String alive = postgres
                        ? "SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?"
                        : "SELECT COUNT(*) FROM information_schema.processlist WHERE id = ?";
                for (int i = 0; i < 200; i++) {
                    try (PreparedStatement ps = admin.prepareStatement(alive)) {
                        ps.setLong(1, session);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            if (rs.getInt(1) == 0) {
                                return;
                            }
                        }
                    }
                    Thread.sleep(50);
                }
                throw new AssertionError("server session " + session + " outlived its kill");
            }
        }

        @FunctionalInterface
        private interface Call {
            Object run() throws Throwable;
        }
    }

    /** A store whose units of work wait, with the lock held, until told to go on. */
    static final class BlockingStore extends ForwardingStore {
        private final CountDownLatch locked;
        private final CountDownLatch go;
        volatile boolean pass;

        BlockingStore(JdbcRegistrationStore store, CountDownLatch locked, CountDownLatch go) {
            super(store);
            this.locked = locked;
            this.go = go;
        }

        @Override
        public <T> T inTransaction(
                org.eventregistration.event.EventId eventId,
                java.util.function.Function<org.eventregistration.spi.EventTransaction, T> work) {
            if (pass) {
                return super.inTransaction(eventId, work);
            }
            return super.inTransaction(eventId, tx -> {
                locked.countDown();
                try {
                    go.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return work.apply(tx);
            });
        }
    }

    /** Forwards to a data source. */
    static class ForwardingDataSource implements DataSource {
        private final DataSource target;

        ForwardingDataSource(DataSource target) {
            this.target = target;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return target.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return target.getConnection(user, password);
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return target.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) throws SQLException {
            target.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) throws SQLException {
            target.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return target.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return target.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            return target.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) throws SQLException {
            return target.isWrapperFor(iface);
        }
    }
}
