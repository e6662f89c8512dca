package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.stream.Stream;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.StoreException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Flyway migrations: fresh install, repeat, and an upgrade from version 1 with data in it. */
class SchemaMigrationTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    private static String version(HikariDataSource pool, String prefix) throws Exception {
        try (Connection c = pool.getConnection()) {
            // Flyway quotes its names on H2 (lower case); elsewhere they are plain.
            java.util.function.UnaryOperator<String> q =
                    c.getMetaData().getDatabaseProductName().equals("H2") ? n -> "\"" + n + "\"" : n -> n;
            String select =
                    "SELECT " + q.apply("version") + " FROM " + TestDatabases.historyTable(c, prefix) + " WHERE "
                            + q.apply("success") + " = TRUE AND " + q.apply("version") + " IS NOT NULL AND "
                            + q.apply("version")
                            + " <> '0' ORDER BY " + q.apply("installed_rank") + " DESC";
            try (PreparedStatement ps = c.prepareStatement(select);
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @ParameterizedTest(name = "[{0}] data written at schema version 1 survives the upgrade to the latest version")
    @MethodSource("databases")
    void upgradeFromVersion1(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        try (HikariDataSource pool = db.pool(db.name() + "-upgrade", 4)) {
            try {
                SchemaMigrator.migrate(pool, db.kind(), prefix, "1");
                assertThat(version(pool, prefix)).isEqualTo("1");
                // Data as the version-1 store wrote it: the event through the store (those tables have not
                // changed), the registration and its notification with version 1's columns only.
                JdbcRegistrationStore atV1 =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                Event event = Tables.event("upgrade", 5);
                atV1.saveEvent(event);
                org.eventregistration.store.memory.InMemoryRegistrationStore memory =
                        new org.eventregistration.store.memory.InMemoryRegistrationStore();
                memory.saveEvent(event);
                Registration written = ((RegistrationOutcome.Confirmed)
                                Tables.service(memory, n -> {}).register(Tables.request(event, "kari", "k")))
                        .registration();
                try (Connection c = pool.getConnection();
                        PreparedStatement reg = c.prepareStatement("INSERT INTO " + prefix + "registration"
                                + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                                + " offer_expires_at, created_at, data, registration_id, event_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                        PreparedStatement out = c.prepareStatement(
                                "INSERT INTO " + prefix + "outbox"
                                        + " (notification_id, kind, event_id, registration_id, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
                    java.time.LocalDateTime created =
                            java.time.LocalDateTime.ofInstant(written.createdAt(), java.time.ZoneOffset.UTC);
                    reg.setString(1, written.status().name());
                    reg.setString(2, written.attendee().normalizedEmail());
                    reg.setString(3, written.idempotencyKey().orElse(null));
                    reg.setString(4, written.manageTokenHash());
                    reg.setLong(5, written.waitlistSequence());
                    reg.setNull(6, java.sql.Types.TIMESTAMP);
                    reg.setObject(7, created);
                    reg.setString(8, RegistrationCodec.encode(written));
                    reg.setString(9, written.id().value());
                    reg.setString(10, event.id().value());
                    reg.executeUpdate();
                    out.setString(1, "n-1");
                    out.setString(2, Notification.Kind.CONFIRMED.name());
                    out.setString(3, event.id().value());
                    out.setString(4, written.id().value());
                    out.setObject(5, created);
                    out.executeUpdate();
                }

                JdbcRegistrationStore.migrate(pool, prefix);
                assertThat(version(pool, prefix)).isEqualTo("4");

                JdbcRegistrationStore atV2 = JdbcRegistrationStore.builder(pool)
                        .tablePrefix(prefix)
                        .outboxClaim(Duration.ofMinutes(1))
                        .build();
                assertThat(atV2.findRegistration(written.id())).contains(written);
                assertThat(atV2.findEvent(event.id())).isPresent();
                assertThat(atV2.pendingNotifications(10))
                        .extracting(Notification::registrationId)
                        .containsExactly(written.id());
                assertThat(atV2.pendingNotifications(10)).isEmpty(); // claimed: the V2 column works
                // Version 3: a registration written before it is found by e-mail; the audit log works.
                assertThat(atV2.findRegistrationsByEmail("kari@example.org")).containsExactly(written);
                assertThat(atV2.findAudit(event.id())).isEmpty();
            } finally {
                TestDatabases.dropTables(pool, prefix);
            }
        }
    }

    @ParameterizedTest(name = "[{0}] migrating again is a no-op; two prefixes live side by side")
    @MethodSource("databases")
    void repeatAndSideBySide(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String a = TestDatabases.newPrefix();
        String b = TestDatabases.newPrefix();
        try (HikariDataSource pool = db.pool(db.name() + "-repeat", 4)) {
            try {
                JdbcRegistrationStore store =
                        JdbcRegistrationStore.builder(pool).tablePrefix(a).build();
                store.migrate();
                store.migrate();
                JdbcRegistrationStore.migrate(pool, b);
                assertThat(version(pool, a)).isEqualTo("4");
                assertThat(version(pool, b)).isEqualTo("4");
                store.saveEvent(Tables.event("only-in-a", 3));
                assertThat(JdbcRegistrationStore.builder(pool)
                                .tablePrefix(b)
                                .build()
                                .findEvents())
                        .isEmpty();
                assertThat(store.database()).isEqualTo(db.kind());
            } finally {
                TestDatabases.dropTables(pool, a);
                TestDatabases.dropTables(pool, b);
            }
        }
    }

    @ParameterizedTest(name = "[{0}] a store on missing tables fails with a StoreException that keeps the SQLState")
    @MethodSource("databases")
    void missingTables(TestDatabases.TestDatabase db) {
        db.assumeReachable();
        try (HikariDataSource pool = db.pool(db.name() + "-missing", 2)) {
            JdbcRegistrationStore store = JdbcRegistrationStore.builder(pool)
                    .tablePrefix("never_migrated_")
                    .build();
            assertThatThrownBy(store::findEvents)
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.sqlState()).isPresent());
        }
    }

    @ParameterizedTest(name = "the migrations for {0} are in the jar at the documented location")
    @EnumSource(Database.class)
    void locations(Database database) {
        String folder = database.migrationLocation().substring("classpath:".length());
        assertThat(getClass().getClassLoader().getResource(folder + "/V1__registration_schema.sql"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource(folder + "/V2__outbox_claims.sql"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource(folder + "/V3__personal_data.sql"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource(folder + "/V4__fewer_index_entries.sql"))
                .isNotNull();
    }

    @ParameterizedTest(name = "table prefix ''{0}'' is refused")
    @ValueSource(strings = {"", "Reg_", "1reg_", "reg-", "reg_; drop table x", "abcdefghijklmnopqrstuv"})
    void badPrefixes(String prefix) {
        assertThatThrownBy(() -> JdbcRegistrationStore.builder(new TestDatabasesDataSource())
                        .tablePrefix(prefix))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table prefix");
    }

    @Test
    @DisplayName("the builder fails fast on a second prefix or database")
    void builderTwice() {
        JdbcRegistrationStore.Builder b = JdbcRegistrationStore.builder(new TestDatabasesDataSource())
                .tablePrefix("a")
                .dialect(Database.H2);
        assertThatThrownBy(() -> b.tablePrefix("b"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'a'");
        assertThatThrownBy(() -> b.dialect(Database.H2)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> b.maxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        assertThat(b.build().tablePrefix()).isEqualTo("a");
    }

    /** A data source that is never asked for a connection. */
    static final class TestDatabasesDataSource extends ConnectionKillTest.ForwardingDataSource {
        TestDatabasesDataSource() {
            super(null);
        }
    }
}
