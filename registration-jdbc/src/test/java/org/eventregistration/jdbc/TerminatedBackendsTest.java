package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification;
import org.eventregistration.tck.Fixtures;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The database server ends every session of a HikariCP pool ({@code pg_terminate_backend}, as a
 * restart or failover does) between two calls: the pool still holds the dead connections and hands
 * them out, and the store's next idempotent call (a read, delivering pending notifications) takes a
 * fresh connection after each dead one and succeeds.
 */
class TerminatedBackendsTest {
    private static final int POOL = 4;

    @Test
    void idempotentCallsSucceedAfterEveryBackendOfThePoolWasTerminated() throws Exception {
        TestDatabases.TestDatabase db = TestDatabases.postgres();
        try (Tables tables = new Tables(db, POOL)) {
            // At most POOL dead connections, then a new one: POOL + 1 attempts (the default is 5).
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .maxAttempts(POOL + 1)
                    .build();
            AtomicInteger failuresLeft = new AtomicInteger(1);
            List<Notification> delivered = new ArrayList<>();
            MutableClock clock = MutableClock.at(Fixtures.NOW, Fixtures.OSLO);
            RegistrationService node = RegistrationService.builder()
                    .store(store)
                    .clock(clock)
                    .listener(n -> {
                        if (failuresLeft.getAndDecrement() > 0) {
                            throw new IllegalStateException("mail server down (scripted)");
                        }
                        delivered.add(n);
                    })
                    .build();
            Event event = Tables.event("terminated", 10);
            node.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            RegistrationOutcome kari = node.register(Tables.request(event, "kari", "form-1"));
            assertThat(kari).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(delivered).isEmpty(); // the first delivery failed: the notification waits

            terminateEveryBackendOf(tables);
            assertThat(store.findRegistrations(event.id())).hasSize(1);

            terminateEveryBackendOf(tables);
            assertThat(store.findLedger(event.id())).isPresent();

            clock.advance(Duration.ofHours(1)); // the failed delivery is due again
            terminateEveryBackendOf(tables);
            assertThat(node.deliverPendingNotifications()).isEqualTo(1);
            assertThat(delivered).hasSize(1);
            assertThat(store.retries()).isGreaterThanOrEqualTo(3);
        }
    }

    /**
     * Opens every connection of the pool, notes its server process, gives them back, and has the
     * server end those sessions; returns once they are gone. The pool still counts them as idle
     * and, used again within half a second, hands them out without checking.
     */
    private static void terminateEveryBackendOf(Tables tables) throws Exception {
        TestDatabases.TestDatabase db = tables.db;
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            terminate(admin, serverProcessesOf(tables));
        }
    }

    private static List<Integer> serverProcessesOf(Tables tables) throws Exception {
        List<Connection> held = new ArrayList<>();
        List<Integer> pids = new ArrayList<>();
        try {
            for (int i = 0; i < POOL; i++) {
                Connection c = tables.pool.getConnection();
                held.add(c);
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid()");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    pids.add(rs.getInt(1));
                }
            }
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
        return pids;
    }

    private static void terminate(Connection admin, List<Integer> pids) throws Exception {
        Array array = admin.createArrayOf("integer", pids.toArray());
        // With a timeout, pg_terminate_backend waits until the process has ended.
        try (PreparedStatement ps = admin.prepareStatement(
                "SELECT COUNT(*) FROM unnest(?) AS p(pid) WHERE pg_terminate_backend(p.pid, 5000)")) {
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(POOL);
            }
        }
    }
}
