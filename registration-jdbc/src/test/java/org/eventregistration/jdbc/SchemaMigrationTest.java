package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.stream.Stream;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.StoreException;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Flyway migrations: fresh install, repeat, and upgrades from versions 1, 4 and 11 with data in them. */
class SchemaMigrationTest {
    private static final String LATEST = "12";

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
                Event event = Tables.event("upgrade", 5);
                Tables.saveEventAsBeforeVersion10(pool, prefix, event);
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
                assertThat(version(pool, prefix)).isEqualTo(LATEST);

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

    @ParameterizedTest(
            name = "[{0}] rows written at schema version 4 read back after the upgrade to 5, the new fields empty")
    @MethodSource("databases")
    void upgradeFromVersion4(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        try (HikariDataSource pool = db.pool(db.name() + "-upgrade4", 4)) {
            try {
                SchemaMigrator.migrate(pool, db.kind(), prefix, "4");
                assertThat(version(pool, prefix)).isEqualTo("4");
                // The event and ledger rows through the store (those tables have not changed), then the
                // definition as version 4 wrote it (the golden file: no addressConfirmation), and a
                // registration row with version 4's columns and JSON.
                Event saved = Fixtures.event("golden", 10);
                Tables.saveEventAsBeforeVersion10(pool, prefix, saved);
                String definition;
                try (InputStream in = getClass().getResourceAsStream("stored/event.json")) {
                    definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Registration written = Fixtures.confirmed(saved.id(), "kari@example.org").toBuilder()
                        .requestFingerprint(Optional.empty())
                        .linkRequests(Optional.empty(), 0)
                        .build();
                try (Connection c = pool.getConnection();
                        PreparedStatement event =
                                c.prepareStatement("UPDATE " + prefix + "event SET definition = ? WHERE event_id = ?");
                        PreparedStatement reg = c.prepareStatement("INSERT INTO " + prefix + "registration"
                                + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                                + " offer_expires_at, created_at, data, email, registration_id, event_id)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    event.setString(1, definition);
                    event.setString(2, saved.id().value());
                    assertThat(event.executeUpdate()).isOne();
                    reg.setString(1, written.status().name());
                    reg.setString(2, written.attendee().normalizedEmail());
                    reg.setString(3, written.idempotencyKey().orElse(null));
                    reg.setString(4, written.manageTokenHash());
                    reg.setLong(5, written.waitlistSequence());
                    reg.setNull(6, java.sql.Types.TIMESTAMP);
                    reg.setObject(7, Columns.utc(written.createdAt()));
                    reg.setString(8, RegistrationCodec.encode(written));
                    reg.setString(9, written.attendee().normalizedEmail());
                    reg.setString(10, written.id().value());
                    reg.setString(11, saved.id().value());
                    reg.executeUpdate();
                }
                assertThat(RegistrationCodec.encode(written)).doesNotContain("requestFingerprint", "confirmAddressBy");

                JdbcRegistrationStore.migrate(pool, prefix);
                assertThat(version(pool, prefix)).isEqualTo(LATEST);

                JdbcRegistrationStore atV5 =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                Registration read = atV5.findRegistration(written.id()).orElseThrow();
                assertThat(read).isEqualTo(written);
                assertThat(read.confirmAddressBy()).isEmpty();
                assertThat(read.requestFingerprint()).isEmpty();
                assertThat(read.linkWindowStart()).isEmpty();
                assertThat(read.linkRequests()).isZero();
                assertThat(atV5.findUnconfirmed(Fixtures.NOW.plus(Duration.ofDays(365)), 10))
                        .isEmpty();
                // An event from before the feature works as it did: no address confirmation.
                Event old = atV5.findEvent(saved.id()).orElseThrow();
                assertThat(old.addressConfirmation()).isEqualTo(AddressConfirmation.notRequired());
                RegistrationOutcome outcome = Tables.service(atV5)
                        .register(RegistrationRequest.builder(saved.id())
                                .name("Ola Nordmann")
                                .email("ola@example.org")
                                .organisation("Statens vegvesen")
                                .sector(Sector.STATE)
                                .role(Role.LEADER)
                                .answer("photo", "yes")
                                .build());
                assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
                // The new table works.
                LinkToken token = new LinkToken(
                        "ab".repeat(32),
                        LinkPurpose.MANAGE,
                        written.id(),
                        saved.id(),
                        Fixtures.NOW,
                        Fixtures.NOW.plus(Duration.ofDays(1)));
                atV5.saveLinkToken(token, 5);
                assertThat(atV5.findLinkToken(token.hash())).contains(token);
                // Version 6: the audit log takes entries about no single event, beside the old ones.
                AuditEntry nothingFound = AuditEntry.ofOrganiser(
                        Fixtures.NOW, Actor.organiser("ola"), OrganiserId.DEFAULT, AuditAction.PERSONAL_DATA_EXPORTED);
                atV5.appendAudit(nothingFound);
                assertThat(atV5.findOrganiserAudit(OrganiserId.DEFAULT)).containsExactly(nothingFound);
                assertThat(atV5.findAudit(saved.id())).isEmpty(); // not in any event's log
                atV5.close(); // its queued delivery marks sent before the tables go
            } finally {
                TestDatabases.dropTables(pool, prefix);
            }
        }
    }

    @ParameterizedTest(
            name = "[{0}] version 12: an offer to a colleague written before it is found by expiry and by the"
                    + " address of the colleague; an offer by a version 11 node once written again; removing it"
                    + " clears the columns")
    @MethodSource("databases")
    void upgradeFromVersion11WithAHandover(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        try (HikariDataSource pool = db.pool(db.name() + "-upgrade11", 4)) {
            try {
                SchemaMigrator.migrate(pool, db.kind(), prefix, "11");
                assertThat(version(pool, prefix)).isEqualTo("11");
                // The event tables have not changed since version 10: the event through the store.
                Event event = Fixtures.event("handover-upgrade", 10);
                JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build().saveEvent(event);
                Instant expiry = Fixtures.NOW.plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MILLIS);
                Registration offered = Fixtures.confirmed(event.id(), "kari@example.org")
                        .withHandover(
                                new Handover("Ola Nordmann", "Ola@Example.org", Fixtures.NOW, expiry),
                                Actor.attendee());
                Registration plain = Fixtures.confirmed(event.id(), "per@example.org");
                insertAsVersion11(pool, prefix, offered);
                insertAsVersion11(pool, prefix, plain);

                JdbcRegistrationStore.migrate(pool, prefix);
                assertThat(version(pool, prefix)).isEqualTo(LATEST);

                assertThat(handoverColumns(pool, prefix, offered)).containsExactly(true, "ola@example.org");
                assertThat(handoverColumns(pool, prefix, plain)).containsExactly(false, null);
                JdbcRegistrationStore store =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                assertThat(store.findRegistration(offered.id())).contains(offered);
                assertThat(store.findHandoversByEmail("ola@example.org")).containsExactly(offered);
                assertThat(store.findLapsedHandovers(expiry.minusMillis(1), 10)).isEmpty();
                assertThat(store.findLapsedHandovers(expiry, 10)).containsExactly(offered);

                // A node of version 11, still running, offers a seat: the columns stay empty until a
                // node of version 12 writes the row again.
                Instant laterExpiry = expiry.plus(Duration.ofHours(1));
                Registration late = plain.withHandover(
                        new Handover("Åse", "ase@example.org", Fixtures.NOW.plusSeconds(60), laterExpiry),
                        Actor.attendee());
                setDataAsVersion11(pool, prefix, late);
                assertThat(store.findHandoversByEmail("ase@example.org")).isEmpty();
                // Filling again after the last node of version 11 has stopped catches it; so does the next write.
                try (Connection c = pool.getConnection()) {
                    assertThat(StoredColumns.fillHandovers(c, prefix)).isOne();
                }
                assertThat(store.findHandoversByEmail("ase@example.org")).containsExactly(late);
                // A node of version 11 removes an offer: the columns stay, but the JSON decides.
                Registration withdrawnByOldNode =
                        late.withoutHandover(Fixtures.NOW.plusSeconds(90), Actor.attendee(), "history.x");
                setDataAsVersion11(pool, prefix, withdrawnByOldNode);
                assertThat(handoverColumns(pool, prefix, late)).containsExactly(true, "ase@example.org");
                assertThat(store.findHandoversByEmail("ase@example.org")).isEmpty();
                assertThat(store.findLapsedHandovers(laterExpiry, 10)).containsExactly(offered);
                try (Connection c = pool.getConnection()) {
                    assertThat(StoredColumns.fillHandovers(c, prefix)).isOne();
                }
                assertThat(handoverColumns(pool, prefix, late)).containsExactly(false, null);
                setDataAsVersion11(pool, prefix, late);
                store.inTransaction(event.id(), tx -> {
                    tx.update(late);
                    return null;
                });
                assertThat(handoverColumns(pool, prefix, late)).containsExactly(true, "ase@example.org");
                assertThat(store.findHandoversByEmail("ase@example.org")).containsExactly(late);

                // The expiry job removes both once lapsed; the columns go with them.
                RegistrationService later = RegistrationService.builder()
                        .store(store)
                        .clock(Clock.fixed(laterExpiry, Fixtures.OSLO))
                        .build();
                assertThat(later.expireOffers()).isEqualTo(2);
                assertThat(handoverColumns(pool, prefix, offered)).containsExactly(false, null);
                assertThat(handoverColumns(pool, prefix, late)).containsExactly(false, null);
                assertThat(store.findRegistration(offered.id()).orElseThrow().handover())
                        .isEmpty();
                assertThat(store.findHandoversByEmail("ola@example.org")).isEmpty();

                // Anonymising clears them too.
                Registration again = store.findRegistration(offered.id())
                        .orElseThrow()
                        .withHandover(
                                new Handover(
                                        "Ola", "ola@example.org", laterExpiry, laterExpiry.plus(Duration.ofHours(1))),
                                Actor.attendee());
                store.inTransaction(event.id(), tx -> {
                    tx.update(again);
                    return null;
                });
                assertThat(handoverColumns(pool, prefix, again)).containsExactly(true, "ola@example.org");
                store.inTransaction(event.id(), tx -> {
                    tx.update(again.anonymise(laterExpiry, q -> false));
                    return null;
                });
                assertThat(handoverColumns(pool, prefix, again)).containsExactly(false, null);
            } finally {
                TestDatabases.dropTables(pool, prefix);
            }
        }
    }

    /** Inserts a registration row as a node of version 11 writes it: the columns up to version 11 only. */
    private static void insertAsVersion11(HikariDataSource pool, String prefix, Registration r) throws Exception {
        StringBuilder names = new StringBuilder();
        for (ParticipantColumn column : ParticipantColumn.values()) {
            if (column.since <= 11) {
                names.append(", ").append(column.column);
            }
        }
        int columns = names.toString().split(",").length - 1;
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + prefix + "registration"
                        + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                        + " offer_expires_at, confirm_by, created_at, data, email" + names
                        + ", registration_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
                        + ", ?".repeat(columns) + ", ?, ?)")) {
            int p = 1;
            ps.setString(p++, r.status().name());
            Columns.setString(ps, p++, RegistrationRows.activeEmail(r));
            Columns.setString(ps, p++, r.idempotencyKey().orElse(null));
            ps.setString(p++, r.manageTokenHash());
            ps.setLong(p++, r.waitlistSequence());
            Columns.setTimestamp(ps, p++, r.offerExpiresAt());
            Columns.setTimestamp(ps, p++, r.confirmAddressBy());
            ps.setObject(p++, Columns.utc(r.createdAt()));
            ps.setString(p++, RegistrationCodec.encode(r));
            ps.setString(p++, r.attendee().normalizedEmail());
            p = ParticipantColumn.bind(ps, p, r, 11);
            ps.setString(p++, r.id().value());
            ps.setString(p, r.eventId().value());
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    /** Rewrites a registration's JSON as a node of version 11 does: without the hand-over columns. */
    private static void setDataAsVersion11(HikariDataSource pool, String prefix, Registration r) throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE " + prefix + "registration SET data = ? WHERE registration_id = ?")) {
            ps.setString(1, RegistrationCodec.encode(r));
            ps.setString(2, r.id().value());
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    /** Whether {@code handover_expires_at} is set, and {@code handover_email}. */
    private static java.util.List<Object> handoverColumns(HikariDataSource pool, String prefix, Registration r)
            throws Exception {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT handover_expires_at, handover_email FROM " + prefix
                        + "registration WHERE registration_id = ?")) {
            ps.setString(1, r.id().value());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                java.util.List<Object> row = new java.util.ArrayList<>();
                row.add(rs.getObject(1) != null);
                row.add(rs.getString(2));
                return row;
            }
        }
    }

    @ParameterizedTest(name = "[{0}] findUnconfirmed is served by the version 5 index on confirm_by")
    @MethodSource("databases")
    void unconfirmedIndex(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 2)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("indexed", 1000);
            store.saveEvent(event);
            store.inTransaction(event.id(), tx -> {
                for (int i = 0; i < 400; i++) {
                    Registration r = Fixtures.minimal(event.id(), "p" + i + "@example.org");
                    tx.insert(
                            i % 100 == 0
                                    ? r.toBuilder()
                                            .confirmAddressBy(Optional.of(Fixtures.NOW.plusSeconds(i)))
                                            .build()
                                    : r);
                }
                return null;
            });
            assertThat(store.findUnconfirmed(Fixtures.NOW.plusSeconds(200), 10))
                    .extracting(r -> r.confirmAddressBy().orElseThrow())
                    .containsExactly(Fixtures.NOW, Fixtures.NOW.plusSeconds(100), Fixtures.NOW.plusSeconds(200));
            String query = new Sql(tables.prefix, Dialect.of(db.kind())).unconfirmed;
            StringBuilder plan = new StringBuilder();
            try (Connection c = tables.pool.getConnection();
                    java.sql.Statement s = c.createStatement()) {
                switch (db.kind()) {
                    case POSTGRESQL -> {
                        s.execute("ANALYZE " + tables.prefix + "registration");
                        c.setAutoCommit(false); // SET LOCAL: this transaction only
                        s.execute("SET LOCAL enable_seqscan = off"); // the partial index is usable, not merely cheaper
                    }
                    case MARIADB -> s.execute("ANALYZE TABLE " + tables.prefix + "registration");
                    case H2 -> s.execute("ANALYZE TABLE " + tables.prefix + "registration");
                }
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + query)) {
                    ps.setObject(1, Columns.utc(Fixtures.NOW));
                    ps.setInt(2, 10);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (db.kind() == Database.MARIADB) {
                                plan.append(rs.getString("key")); // the index chosen, not the possible ones
                            } else {
                                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                    plan.append(rs.getString(i)).append(' ');
                                }
                            }
                            plan.append('\n');
                        }
                    }
                }
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
            }
            assertThat(plan.toString().toLowerCase(java.util.Locale.ROOT))
                    .as("plan of %s", query)
                    .contains((tables.prefix + "registration_confirm_ix").toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    @DisplayName("[postgres] version 11: the registration's index entries, and the look-ups served by hash indexes")
    void narrowerIndexEntries() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            String p = tables.prefix;
            Sql sql = new Sql(p, Dialect.of(Database.POSTGRESQL));
            try (Connection c = tables.pool.getConnection();
                    java.sql.Statement s = c.createStatement()) {
                java.util.Map<String, String> indexes = new java.util.TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('"
                        + p + "registration', '" + p + "outbox')")) {
                    while (rs.next()) {
                        indexes.put(rs.getString(1).substring(p.length()), rs.getString(2));
                    }
                }
                assertThat(indexes)
                        .containsOnlyKeys(
                                "registration_pk",
                                "registration_id_uq",
                                "registration_email_uq",
                                "registration_idem_uq",
                                "registration_wait_ix",
                                "registration_offer_ix",
                                "registration_confirm_ix",
                                "registration_token_hx",
                                "registration_email_hx",
                                "registration_no_email_ix",
                                "registration_handover_ix",
                                "registration_handover_email_ix",
                                "outbox_pk",
                                "outbox_id_uq",
                                "outbox_set_aside_ix");
                assertThat(indexes.get("registration_token_hx")).contains("USING hash (manage_token_hash)");
                assertThat(indexes.get("registration_email_hx")).contains("USING hash (email)");
                // Version 12: registrations without an offer to a colleague have no entry.
                assertThat(indexes.get("registration_handover_ix")).contains("WHERE (handover_expires_at IS NOT NULL)");
                assertThat(indexes.get("registration_handover_email_ix"))
                        .contains("WHERE (handover_email IS NOT NULL)");
                c.setAutoCommit(false); // SET LOCAL: this transaction only
                s.execute("SET LOCAL enable_seqscan = off"); // usable, not merely cheaper
                java.util.Map<String, String> served = java.util.Map.of(
                        sql.registrationByTokenHash,
                        "registration_token_hx",
                        "SELECT data FROM " + p + "registration WHERE email = ? ORDER BY seq",
                        "registration_email_hx",
                        "SELECT registration_id, data FROM " + p
                                + "registration WHERE email IS NULL ORDER BY seq LIMIT ?",
                        "registration_no_email_ix",
                        "SELECT data FROM " + p
                                + "registration WHERE handover_email IS NOT NULL AND handover_email = ? ORDER BY seq",
                        "registration_handover_email_ix");
                for (java.util.Map.Entry<String, String> e : served.entrySet()) {
                    StringBuilder plan = new StringBuilder();
                    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + e.getKey())) {
                        if (e.getKey().contains("LIMIT")) {
                            ps.setInt(1, 10);
                        } else {
                            ps.setString(1, "x");
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                plan.append(rs.getString(1)).append('\n');
                            }
                        }
                    }
                    assertThat(plan.toString()).as("plan of %s", e.getKey()).contains(p + e.getValue());
                }
                StringBuilder lapsed = new StringBuilder();
                try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql.lapsedHandovers)) {
                    ps.setObject(1, Columns.utc(Fixtures.NOW));
                    ps.setInt(2, 10);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            lapsed.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                assertThat(lapsed.toString())
                        .as("plan of %s", sql.lapsedHandovers)
                        .contains(p + "registration_handover_ix");
                c.rollback();
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
                assertThat(version(pool, a)).isEqualTo(LATEST);
                assertThat(version(pool, b)).isEqualTo(LATEST);
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
        assertThat(getClass().getClassLoader().getResource(folder + "/V5__address_confirmation_and_links.sql"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource(folder + "/V6__organiser_audit.sql"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource(folder + "/V7__delivery_retries.sql"))
                .isNotNull();
        assertThat(getClass().getClassLoader().getResource(folder + "/V8__organiser_messages.sql"))
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
        JdbcRegistrationStoreBuilder b = JdbcRegistrationStore.builder(new TestDatabasesDataSource())
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
