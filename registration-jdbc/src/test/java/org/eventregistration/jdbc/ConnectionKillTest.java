package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.StoreException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The database connection dies while a unit of work holds the ledger lock (the server kills it:
 * {@code pg_terminate_backend}, MariaDB {@code KILL}). Nothing of it may stay, the caller gets a
 * StoreException, and sending the same request again registers the person exactly once.
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
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(tracking)
                    .tablePrefix(tables.prefix)
                    .build();
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch killed = new CountDownLatch(1);
            // The unit of work stops, holding the ledger lock, until its connection is dead.
            BlockingStore blocking = new BlockingStore(store, locked, killed);
            RegistrationService node = Tables.service(blocking);
            Event event = Tables.event("killed", 10);
            node.console(org.eventregistration.event.OrganiserId.DEFAULT, "ola").saveEvent(event);
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
                assertThatThrownBy(() -> inFlight.get(60, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StoreException.class)
                        .cause()
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
            assertThat(node.register(request)).isInstanceOf(RegistrationOutcome.AlreadyRegistered.class);
            assertThat(tables.count("registration")).isEqualTo(1);
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
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
