package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.eventregistration.event.Event;
import org.eventregistration.jdbc.migration.StoredEmails;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 9: addresses stored with the old normalisation (trimmed, lower-cased) are
 * compared after NFKC; look-alikes in one event do not fail the migration, the oldest keeps the key.
 */
class EmailMigrationTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(
            name = "[{0}] stored addresses are rewritten with NFKC; the oldest of two look-alikes keeps its key")
    @MethodSource("databases")
    void upgradeFromVersion7(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        try (HikariDataSource pool = db.pool(db.name() + "-emails", 4)) {
            try {
                SchemaMigrator.migrate(pool, db.kind(), prefix, "7");
                Event event = Fixtures.event("look-alikes", 10);
                Event other = Fixtures.event("elsewhere", 10);
                Tables.saveEventAsBeforeVersion10(pool, prefix, event);
                Tables.saveEventAsBeforeVersion10(pool, prefix, other);
                // As people typed them, in this order; the rows as the version-7 store wrote them.
                Registration fullWidth = Fixtures.confirmed(event.id(), "ＫＡＲＩ@example.org");
                Registration plain = Fixtures.confirmed(event.id(), "kari@example.org");
                Registration ligature = Fixtures.confirmed(event.id(), "e\uFB00a@example.org");
                Registration cancelled = moved(Fixtures.confirmed(event.id(), "ｏｌａ@example.org"));
                Registration otherEvent = Fixtures.confirmed(other.id(), "ｋａｒｉ@example.org");
                for (Registration r : new Registration[] {fullWidth, plain, ligature, cancelled, otherEvent}) {
                    insertAsVersion7(pool, prefix, r);
                }

                JdbcRegistrationStore.migrate(pool, prefix);

                assertThat(columns(pool, prefix, fullWidth)).containsExactly("kari@example.org", "kari@example.org");
                assertThat(columns(pool, prefix, plain)).containsExactly(null, "kari@example.org");
                assertThat(columns(pool, prefix, ligature)).containsExactly("effa@example.org", "effa@example.org");
                assertThat(columns(pool, prefix, cancelled)).containsExactly(null, "ola@example.org");
                assertThat(columns(pool, prefix, otherEvent)).containsExactly("kari@example.org", "kari@example.org");

                JdbcRegistrationStore atV9 =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                java.util.Optional<Registration> found =
                        atV9.inTransaction(event.id(), tx -> tx.findActiveByEmail("kari@example.org"));
                assertThat(found).map(Registration::id).contains(fullWidth.id());
                assertThat(atV9.findRegistrationsByEmail("kari@example.org"))
                        .extracting(Registration::id)
                        .containsExactlyInAnyOrder(fullWidth.id(), plain.id(), otherEvent.id());
                assertThat(atV9.findRegistrationsByEmail("ola@example.org"))
                        .extracting(Registration::id)
                        .containsExactly(cancelled.id());

                // Again, as someone running the step by hand would: nothing changes.
                try (Connection c = pool.getConnection()) {
                    c.setAutoCommit(false);
                    assertThat(StoredEmails.normalise(c, prefix)).isZero();
                    c.commit();
                }
            } finally {
                TestDatabases.dropTables(pool, prefix);
            }
        }
    }

    private static Registration moved(Registration r) {
        return Fixtures.moved(r, RegistrationStatus.CANCELLED, java.util.Set.of(), Fixtures.NOW);
    }

    /** Version 7's normalisation: trimmed and lower-cased, no NFKC. */
    private static String oldNormalisation(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static void insertAsVersion7(HikariDataSource pool, String prefix, Registration r) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "registration"
                        + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                        + " offer_expires_at, created_at, data, email, registration_id, event_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            String email = oldNormalisation(r.attendee().email());
            ps.setString(1, r.status().name());
            ps.setString(2, r.status().isActive() ? email : null);
            ps.setString(3, r.idempotencyKey().orElse(null));
            ps.setString(4, r.manageTokenHash());
            ps.setLong(5, r.waitlistSequence());
            ps.setNull(6, java.sql.Types.TIMESTAMP);
            ps.setObject(7, Columns.utc(r.createdAt()));
            ps.setString(8, RegistrationCodec.encode(r));
            ps.setString(9, email);
            ps.setString(10, r.id().value());
            ps.setString(11, r.eventId().value());
            ps.executeUpdate();
        }
    }

    private static java.util.List<String> columns(HikariDataSource pool, String prefix, Registration r)
            throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT active_email, email FROM " + prefix + "registration WHERE registration_id = ?")) {
            ps.setString(1, r.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return Arrays.asList(rs.getString(1), rs.getString(2));
            }
        }
    }
}
