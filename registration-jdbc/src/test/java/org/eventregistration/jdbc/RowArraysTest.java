package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventregistration.jdbc.JdbcProxies.invoke;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: the rows a unit of work or a group of them sends as arrays ({@link RowArrays}) are
 * the same whether the driver is pgjdbc (arrays given to {@code setObject}) or another one (arrays
 * from {@code createArrayOf}), timestamps to the microsecond included.
 */
class RowArraysTest {
    /** A time with nanoseconds: the columns keep microseconds. */
    private static final Instant NOW = Instant.parse("2026-11-20T08:00:00.123456789Z");

    private static final LocalDateTime NOW_COLUMN = LocalDateTime.parse("2026-11-20T08:00:00.123456");

    /** How the store's statements bound their arrays. */
    private static final class Calls {
        final AtomicInteger setObjectArrays = new AtomicInteger();
        final AtomicInteger createArrayOf = new AtomicInteger();
    }

    @Test
    void pgjdbcGetsTheArraysThemselves() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 20)) {
            Calls calls = new Calls();
            registerAndCheck(tables, watched(tables.pool, calls, null));
            assertThat(calls.setObjectArrays).hasPositiveValue();
            assertThat(calls.createArrayOf).hasValue(0);
        }
    }

    @Test
    void anotherDriverGetsArraysFromCreateArrayOf() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 20)) {
            Calls calls = new Calls();
            registerAndCheck(tables, watched(tables.pool, calls, "Another JDBC Driver"));
            assertThat(calls.createArrayOf).hasPositiveValue();
            assertThat(calls.setObjectArrays).hasValue(0);
        }
    }

    /**
     * 16 threads register 48 people on 4 events of 5 seats (several registrations per unit of work
     * on one event, units of work on different events in groups): every row as the outcomes say.
     */
    private static void registerAndCheck(Tables tables, DataSource ds) throws Exception {
        JdbcRegistrationStore store = tables.closing(
                JdbcRegistrationStore.builder(ds).tablePrefix(tables.prefix).build());
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(NOW, ZoneId.of("Europe/Oslo")))
                .build();
        List<Event> events = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            Event event = Tables.event("arrays-" + e, 5);
            service.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            events.add(event);
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<RegistrationOutcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < 48; i++) {
                Event event = events.get(i % 4);
                String who = "p" + i;
                outcomes.add(pool.submit(() -> service.register(Tables.request(event, who, null))));
            }
            int confirmed = 0;
            for (Future<RegistrationOutcome> f : outcomes) {
                RegistrationOutcome outcome = f.get(60, TimeUnit.SECONDS);
                assertThat(outcome)
                        .isInstanceOfAny(RegistrationOutcome.Confirmed.class, RegistrationOutcome.Waitlisted.class);
                if (outcome instanceof RegistrationOutcome.Confirmed) {
                    confirmed++;
                }
            }
            assertThat(confirmed).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = tables.pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT event_id, status, COUNT(*),"
                        + " COUNT(DISTINCT waitlist_sequence), MIN(created_at), MAX(created_at),"
                        + " COUNT(*) FILTER (WHERE email = active_email AND email LIKE 'p%@example.org')"
                        + " FROM " + tables.prefix + "registration GROUP BY event_id, status ORDER BY 1, 2");
                ResultSet rs = ps.executeQuery()) {
            int groups = 0;
            while (rs.next()) {
                groups++;
                boolean waiting = rs.getString(2).equals("WAITLISTED");
                assertThat(rs.getInt(3))
                        .as(rs.getString(1) + " " + rs.getString(2))
                        .isEqualTo(waiting ? 7 : 5);
                if (waiting) {
                    assertThat(rs.getInt(4)).isEqualTo(7); // places 1 to 7, each once
                }
                assertThat(rs.getObject(5, LocalDateTime.class)).isEqualTo(NOW_COLUMN);
                assertThat(rs.getObject(6, LocalDateTime.class)).isEqualTo(NOW_COLUMN);
                assertThat(rs.getInt(7)).isEqualTo(rs.getInt(3));
            }
            assertThat(groups).isEqualTo(8);
        }
        assertThat(tables.count("registration")).isEqualTo(48);
    }

    /**
     * The pool's connections, watched: how arrays are bound, and with {@code driverName} (not
     * null) another driver's name in their metadata.
     */
    private static DataSource watched(DataSource pool, Calls calls, String driverName) {
        return JdbcProxies.wrapping(pool, c -> connection(c, calls, driverName));
    }

    private static Connection connection(Connection delegate, Calls calls, String driverName) {
        Connection[] self = new Connection[1];
        self[0] = JdbcProxies.proxy(Connection.class, (proxy, method, args) -> {
            if (method.getName().equals("createArrayOf")) {
                calls.createArrayOf.incrementAndGet();
            }
            Object result = invoke(delegate, method, args);
            if (result instanceof PreparedStatement ps) {
                return statement(ps, self[0], calls);
            }
            if (result instanceof DatabaseMetaData meta && driverName != null) {
                return metaData(meta, driverName);
            }
            return result;
        });
        return self[0];
    }

    private static PreparedStatement statement(PreparedStatement delegate, Connection connection, Calls calls) {
        return JdbcProxies.proxy(PreparedStatement.class, (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                return connection;
            }
            if (method.getName().equals("setObject")
                    && args.length == 2
                    && args[1] != null
                    && args[1].getClass().isArray()) {
                calls.setObjectArrays.incrementAndGet();
            }
            return invoke(delegate, method, args);
        });
    }

    private static DatabaseMetaData metaData(DatabaseMetaData delegate, String driverName) {
        return JdbcProxies.proxy(
                DatabaseMetaData.class,
                (proxy, method, args) ->
                        method.getName().equals("getDriverName") ? driverName : invoke(delegate, method, args));
    }

    @Test
    void timestampsAreWrittenAsIsoTextToTheMicrosecond() throws SQLException {
        assertThat(Columns.timestampText(NOW)).isEqualTo("2026-11-20T08:00:00.123456Z");
        assertThat(Columns.timestampText(Instant.parse("2026-11-20T08:00:00Z"))).isEqualTo("2026-11-20T08:00:00Z");
        assertThat(Columns.timestampText(Instant.parse("2026-11-20T08:00:00.000001Z")))
                .isEqualTo("2026-11-20T08:00:00.000001Z");
    }
}
