package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Page;
import org.eventregistration.registration.ParticipantQuery;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema version 10: rows written at version 1 get their relational columns from their JSON; the
 * views {@code participant}, {@code session_choice} and {@code answer} show them; rows that a node
 * of version 9 writes or anonymises after the migration are handled; anonymisation clears the
 * columns and the views.
 */
class RelationalColumnsMigrationTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(name = "[{0}] version 1 rows get their columns and views; old nodes' rows are handled")
    @MethodSource("databases")
    void upgradeFromVersion1(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        try (HikariDataSource pool = db.pool(db.name() + "-columns", 4)) {
            try {
                SchemaMigrator.migrate(pool, db.kind(), prefix, "1");
                Event event = Fixtures.event("columns", 50).toBuilder()
                        .organiser(OrganiserId.of("asker"))
                        .build();
                Tables.saveEventAsBeforeVersion10(pool, prefix, event);
                Registration full = Fixtures.confirmed(event.id(), "kari@example.org");
                Registration minimal = Fixtures.minimal(event.id(), "ola@example.org");
                Registration cancelled = Fixtures.moved(
                        Fixtures.confirmed(event.id(), "per@example.org"),
                        RegistrationStatus.CANCELLED,
                        Set.of(),
                        Fixtures.NOW);
                for (Registration r : List.of(full, minimal, cancelled)) {
                    insertAsVersion1(pool, prefix, r);
                }

                JdbcRegistrationStore.migrate(pool, prefix);

                assertThat(registrationColumns(pool, prefix, full))
                        .containsExactly(
                                "Áilu Ŋuolla-Čuđđi O'Brien",
                                "Asker kommune",
                                "944382038",
                                "MUNICIPALITY",
                                "MIDDLE_MANAGER",
                                "nn",
                                null);
                assertThat(registrationColumns(pool, prefix, minimal))
                        .containsExactly("Ola Nordmann", null, null, "OTHER", "OTHER", "nb", null);
                assertThat(select(pool, "SELECT organiser_id, state, title FROM " + prefix + "event"))
                        .containsExactly(
                                List.of("asker", "ACTIVE", event.title().texts().get("nb")));
                assertThat(select(pool, "SELECT COUNT(*) FROM " + prefix + "event WHERE ends_at IS NULL"))
                        .containsExactly(List.of("0"));

                // The views.
                assertThat(select(
                                pool,
                                "SELECT full_name, email, organisation_name, organisation_number, sector, anonymised FROM "
                                        + prefix + "participant WHERE registration_id = '"
                                        + full.id().value() + "'"))
                        .containsExactly(List.of(
                                "Áilu Ŋuolla-Čuđđi O'Brien",
                                "kari@example.org",
                                "Asker kommune",
                                "944382038",
                                "MUNICIPALITY",
                                "0"));
                assertThat(select(pool, "SELECT registration_id, session_id FROM " + prefix + "session_choice"))
                        .containsExactlyInAnyOrder(
                                List.of(full.id().value(), "workshop-a"),
                                List.of(cancelled.id().value(), "workshop-a"));
                assertThat(select(
                                pool,
                                "SELECT question_id, answer FROM " + prefix + "answer WHERE registration_id = '"
                                        + full.id().value() + "'"))
                        .containsExactlyInAnyOrder(
                                List.of("diet", full.answers().get("diet")), List.of("photo", "yes"));

                // The store reads everything back, and pages on the columns.
                JdbcRegistrationStore store =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                assertThat(store.findRegistration(full.id())).contains(full);
                assertThat(store.findRegistration(minimal.id())).contains(minimal);
                assertThat(store.findEvent(event.id())).isPresent();
                assertThat(store.findRegistrations(
                                        event.id(),
                                        ParticipantQuery.builder()
                                                .sort(ParticipantQuery.Sort.NAME)
                                                .build())
                                .items())
                        .extracting(Registration::id)
                        .containsExactly(full.id(), cancelled.id(), minimal.id());

                // A node of version 9, still running, inserts a row without the new columns: the view
                // falls back to the JSON, the participant list fills the columns and finds it.
                Registration late = Fixtures.minimal(event.id(), "siri@example.org").toBuilder()
                        .attendee(org.eventregistration.attendee.Attendee.builder("Siri Ødegård", "siri@example.org")
                                .build())
                        .build();
                insertAsVersion1(pool, prefix, late);
                assertThat(select(
                                pool,
                                "SELECT full_name FROM " + prefix + "participant WHERE registration_id = '"
                                        + late.id().value() + "'"))
                        .containsExactly(List.of("Siri Ødegård"));
                Page<Registration> found = store.findRegistrations(
                        event.id(), ParticipantQuery.builder().search("ødegård").build());
                assertThat(found.items()).containsExactly(late);
                assertThat(registrationColumns(pool, prefix, late).get(0)).isEqualTo("Siri Ødegård");

                // A node of version 9 anonymises a row: it writes the JSON and the e-mail column, not the
                // new columns. The view shows nothing personal at once; the list repairs the columns.
                Registration oldNodeAnonymised = full.anonymise(Fixtures.NOW.plusSeconds(5), q -> false);
                try (Connection c = pool.getConnection();
                        PreparedStatement ps = c.prepareStatement("UPDATE " + prefix
                                + "registration SET data = ?, email = ?, active_email = NULL, idempotency_key = NULL,"
                                + " manage_token_hash = ? WHERE registration_id = ?")) {
                    ps.setString(1, RegistrationCodec.encode(oldNodeAnonymised));
                    ps.setString(2, oldNodeAnonymised.attendee().normalizedEmail());
                    ps.setString(3, oldNodeAnonymised.manageTokenHash());
                    ps.setString(4, full.id().value());
                    ps.executeUpdate();
                }
                assertThat(select(
                                pool,
                                "SELECT full_name, email, organisation_name, organisation_number, anonymised FROM "
                                        + prefix + "participant WHERE registration_id = '"
                                        + full.id().value() + "'"))
                        .containsExactly(Arrays.asList(null, null, null, null, "1"));
                assertThat(store.findRegistrations(
                                        event.id(),
                                        ParticipantQuery.builder()
                                                .search("Ŋuolla")
                                                .build())
                                .total())
                        .isEqualTo(1); // the cancelled registration of the same name, not the anonymised one
                List<String> repaired = registrationColumns(pool, prefix, full);
                assertThat(repaired.subList(0, 3)).containsExactly("Anonymisert", null, null);
                assertThat(repaired.get(6)).isNotNull();

                // Anonymised by this version: columns, answers and the participant view cleared.
                store.inTransaction(event.id(), tx -> {
                    tx.update(minimal.anonymise(Fixtures.NOW.plusSeconds(6), q -> false));
                    return null;
                });
                assertThat(registrationColumns(pool, prefix, minimal).get(0)).isEqualTo("Anonymisert");
                assertThat(registrationColumns(pool, prefix, minimal).get(6)).isNotNull();
                assertThat(select(
                                pool,
                                "SELECT COUNT(*) FROM " + prefix + "answer WHERE registration_id = '"
                                        + full.id().value() + "'"))
                        .containsExactly(List.of("0"));
                assertThat(select(
                                pool,
                                "SELECT full_name, email FROM " + prefix + "participant WHERE registration_id = '"
                                        + minimal.id().value() + "'"))
                        .containsExactly(Arrays.asList(null, null));
            } finally {
                TestDatabases.dropTables(pool, prefix);
            }
        }
    }

    /** A registration row with version 1's columns only, as a node of that version (or up to 9) wrote it. */
    static void insertAsVersion1(HikariDataSource pool, String prefix, Registration r) throws SQLException {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "registration"
                        + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                        + " offer_expires_at, created_at, data, registration_id, event_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, r.status().name());
            ps.setString(2, r.status().isActive() ? r.attendee().normalizedEmail() : null);
            ps.setString(3, r.idempotencyKey().orElse(null));
            ps.setString(4, r.manageTokenHash());
            ps.setLong(5, r.waitlistSequence());
            Columns.setTimestamp(ps, 6, r.offerExpiresAt());
            ps.setObject(7, Columns.utc(r.createdAt()));
            ps.setString(8, RegistrationCodec.encode(r));
            ps.setString(9, r.id().value());
            ps.setString(10, r.eventId().value());
            ps.executeUpdate();
        }
    }

    /** full_name, organisation_name, organisation_number, sector, role, language, anonymised_at. */
    private static List<String> registrationColumns(HikariDataSource pool, String prefix, Registration r)
            throws SQLException {
        return select(
                        pool,
                        "SELECT full_name, organisation_name, organisation_number, sector, role, language, anonymised_at"
                                + " FROM " + prefix + "registration WHERE registration_id = '" + r.id().value() + "'")
                .get(0);
    }

    private static List<List<String>> select(HikariDataSource pool, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
