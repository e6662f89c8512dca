package org.eventregistration.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZonedDateTime;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.tck.Fixtures;

/** A migrated set of tables with a fresh prefix on one test database, and SQL to look into them. */
final class Tables implements AutoCloseable {
    final TestDatabases.TestDatabase db;
    final HikariDataSource pool;
    final String prefix = TestDatabases.newPrefix();

    Tables(TestDatabases.TestDatabase db, int poolSize) {
        this.db = db.assumeReachable();
        this.pool = db.pool(db.name() + "-" + prefix, poolSize);
        JdbcRegistrationStore.migrate(pool, prefix);
    }

    /** The stores made by {@link #store()}: closed (their queued delivery marks sent) before the tables go. */
    private final java.util.List<JdbcRegistrationStore> stores = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A store built elsewhere on these tables, closed with them like those of {@link #store()}. */
    JdbcRegistrationStore closing(JdbcRegistrationStore store) {
        stores.add(store);
        return store;
    }

    JdbcRegistrationStore store() {
        JdbcRegistrationStore store =
                JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
        stores.add(store);
        return store;
    }

    static RegistrationService service(RegistrationStore store, RegistrationListener... listeners) {
        RegistrationService.Builder b =
                RegistrationService.builder().store(store).clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO));
        for (RegistrationListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    /** An event built as new events are: address confirmation required (the default). */
    static Event event(String id, int seats) {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        return Event.builder(EventId.of(id))
                .title(LocalizedText.of("Frokostseminar"))
                .schedule(start, start.plusHours(2))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(seats))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
    }

    /**
     * A request whose address the application has verified (a logged-in person): it counts at once,
     * also on events that require address confirmation.
     */
    static RegistrationRequest request(Event event, String who, String idempotencyKey) {
        return unverified(event, who, idempotencyKey).toBuilder()
                .addressVerified(true)
                .build();
    }

    /** A request typed into a public form: on an event that requires it, the address must be confirmed. */
    static RegistrationRequest unverified(Event event, String who, String idempotencyKey) {
        return RegistrationRequest.builder(event.id())
                .name("Person " + who)
                .email(who + "@example.org")
                .idempotencyKey(idempotencyKey)
                .build();
    }

    /**
     * Stores an event as a store of schema version 1 to 9 did (the event row without the columns of
     * version 10, and its empty ledger), for upgrade tests: this version's store writes columns an
     * older schema does not have.
     */
    static void saveEventAsBeforeVersion10(javax.sql.DataSource pool, String prefix, Event event) {
        try (Connection c = pool.getConnection();
                PreparedStatement e = c.prepareStatement("INSERT INTO " + prefix
                        + "event (starts_at, definition, updated_at, event_id) VALUES (?, ?, ?, ?)");
                PreparedStatement l = c.prepareStatement("INSERT INTO " + prefix
                        + "ledger (event_id, version, waitlist_tail, waiting_count) VALUES (?, 0, 0, 0)")) {
            e.setObject(1, Columns.utc(event.start().toInstant()));
            e.setString(2, EventCodec.json(java.util.List.of()).encode(event));
            e.setObject(3, Columns.utc(Fixtures.NOW));
            e.setString(4, event.id().value());
            e.executeUpdate();
            l.setString(1, event.id().value());
            l.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of rows of one of the store's tables (without prefix). */
    int count(String table) {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + prefix + table);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            stores.forEach(JdbcRegistrationStore::close);
            TestDatabases.dropTables(pool, prefix);
        } finally {
            pool.close();
        }
    }
}
