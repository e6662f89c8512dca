package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Question;
import org.eventregistration.event.Retention;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.service.RetentionReport;
import org.eventregistration.tck.Fixtures;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention, erasure and tokens on real databases, checked with SQL against every table of the
 * store: after the retention period no row holds a name, e-mail address, phone number, free-text
 * answer or organiser's note; no row ever holds a plain manage token.
 */
class PersonalDataJdbcTest {
    /** Every table, and the views of schema version 10 over them. */
    static final List<String> TABLES = java.util.stream.Stream.concat(
                    TestDatabases.TABLES.stream(),
                    java.util.stream.Stream.of("participant", "session_choice", "answer"))
            .toList();

    static final List<String> PERSONAL = List.of(
            "Kari Nordmann",
            "kari@asker.example",
            "+47 911 22 333",
            "Asker kommune",
            "Ola Hansen",
            "ola@nav.example",
            "Nøtter og skalldyr",
            "Rullestol trengs",
            "Hilsen fra Kari",
            "Sykdom hos Ola Hansen",
            "Per Olsen",
            "per@example.org",
            "Pers Enkeltmannsforetak",
            "pers enkeltmannsforetak"); // the quota key of the organisation, lower-cased

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    static Event event() {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        return Event.builder(EventId.of("personvern"))
                .title(LocalizedText.of("Personvern"))
                .schedule(start, start.plusHours(2))
                .host(Organisation.of("Digitaliseringsdirektoratet"))
                .capacity(CapacityPolicy.seats(2).withMaxPerOrganisation(5))
                .waitlist(WaitlistPolicy.autoPromote())
                .question(Question.text("diet", LocalizedText.of("Allergier?")).asSensitive())
                .question(Question.text("access", LocalizedText.of("Tilrettelegging?"))
                        .asSensitive())
                .question(Question.text("comment", LocalizedText.of("Kommentar")))
                .question(Question.yesNo("photo", LocalizedText.of("Foto?")))
                .retention(Retention.of(Duration.ofDays(30), Duration.ofDays(7)))
                .build();
    }

    /** Kari (confirmed, every field), Ola (cancelled by the organiser with a note), Per (waitlisted, then promoted). */
    static List<ManageToken> story(RegistrationService service, OrganiserConsole console, Event event) {
        console.saveEvent(event);
        RegistrationOutcome kari = service.register(RegistrationRequest.builder(event.id())
                .addressVerified(true)
                .name("Kari Nordmann")
                .email("kari@asker.example")
                .phone("+47 911 22 333")
                .organisation("Asker kommune", "944382038")
                .answer("diet", "Nøtter og skalldyr")
                .answer("access", "Rullestol trengs")
                .answer("comment", "Hilsen fra Kari")
                .answer("photo", "yes")
                .build());
        RegistrationOutcome ola = service.register(RegistrationRequest.builder(event.id())
                .addressVerified(true)
                .name("Ola Hansen")
                .email("ola@nav.example")
                .answer("photo", "no")
                .build());
        RegistrationOutcome per = service.register(RegistrationRequest.builder(event.id())
                .addressVerified(true)
                .name("Per Olsen")
                .email("per@example.org")
                .organisation("Pers Enkeltmannsforetak") // no number: the quota is kept by name
                .build());
        assertThat(per).isInstanceOf(RegistrationOutcome.Waitlisted.class);
        console.cancel(((RegistrationOutcome.Confirmed) ola).registration().id(), "Sykdom hos Ola Hansen");
        return List.of(
                ((RegistrationOutcome.Confirmed) kari).manageToken(),
                ((RegistrationOutcome.Confirmed) ola).manageToken(),
                ((RegistrationOutcome.Waitlisted) per).manageToken());
    }

    @ParameterizedTest(
            name = "[{0}] retention: nothing before the deadline, no personal data in any table after, statistics kept")
    @MethodSource("databases")
    void retention(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 6)) {
            MutableClock clock = MutableClock.at(Fixtures.NOW);
            Event event = event();
            // Two nodes on the same tables.
            RegistrationService one = RegistrationService.builder()
                    .store(tables.store())
                    .clock(clock)
                    .build();
            RegistrationService two = RegistrationService.builder()
                    .store(tables.store())
                    .clock(clock)
                    .build();
            OrganiserConsole console = one.console(OrganiserId.DEFAULT, "ola.arrangor");
            List<ManageToken> tokens = story(one, console, event);
            // An organiser's message naming someone: kept with the event until its personal data goes.
            console.sendMessage(
                    event.id(),
                    java.util.EnumSet.of(org.eventregistration.registration.RegistrationStatus.CONFIRMED),
                    LocalizedText.of("Velkommen"),
                    LocalizedText.of("Kari Nordmann holder innlegget."));
            for (ManageToken t : tokens) {
                assertThat(rowsContaining(tables, t.value()))
                        .as("the database holds no plain token")
                        .isEmpty();
            }
            EventStatistics stats = console.statistics(event.id());
            List<Registration> before = console.registrations(event.id());

            clock.advance(Duration.between(
                    clock.instant(), event.sensitiveAnswersExpireAt().minusSeconds(1)));
            assertThat(one.applyRetention().events()).isZero();
            assertThat(console.registrations(event.id())).isEqualTo(before);
            assertThat(rowsContaining(tables, "Nøtter og skalldyr")).isNotEmpty();

            clock.advance(Duration.ofSeconds(1));
            assertThat(one.applyRetention().sensitiveAnswersRemoved()).isEqualTo(1);
            assertThat(rowsContaining(tables, "Nøtter og skalldyr")).isEmpty();
            assertThat(rowsContaining(tables, "Rullestol trengs")).isEmpty();
            assertThat(rowsContaining(tables, "Hilsen fra Kari")).isNotEmpty();
            assertThat(tables.store().findRegistrationsByEmail("kari@asker.example"))
                    .hasSize(1);

            clock.advance(Duration.between(clock.instant(), event.personalDataExpiresAt()));
            // Both nodes at once: each registration is anonymised exactly once.
            ExecutorService pool = Executors.newFixedThreadPool(2);
            int anonymised = 0;
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<RetentionReport>> runs = new ArrayList<>();
                for (RegistrationService node : List.of(one, two)) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return node.applyRetention();
                    }));
                }
                go.countDown();
                for (Future<RetentionReport> f : runs) {
                    anonymised += f.get(60, TimeUnit.SECONDS).registrationsAnonymised();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(anonymised).isEqualTo(3);
            for (String p : PERSONAL) {
                assertThat(rowsContaining(tables, p))
                        .as("rows containing '%s'", p)
                        .isEmpty();
            }
            assertThat(console.statistics(event.id())).isEqualTo(stats);
            List<Registration> after = console.registrations(event.id());
            assertThat(after).hasSize(3).allSatisfy(r -> {
                assertThat(r.anonymised()).isTrue();
                assertThat(r.history())
                        .filteredOn(c -> c.reason().equals(Registration.ANONYMISED))
                        .hasSize(1);
            });
            assertThat(after)
                    .extracting(Registration::status)
                    .containsExactlyElementsOf(
                            before.stream().map(Registration::status).toList());
            for (ManageToken t : tokens) {
                assertThat(one.findByManageToken(t)).isEmpty();
            }
            assertThat(console.auditLog(event.id()))
                    .filteredOn(e -> e.action() == AuditAction.ANONYMISED)
                    .hasSize(3);
            assertThat(console.auditLog(event.id()))
                    .extracting(e -> e.action())
                    .contains(
                            AuditAction.EVENT_SAVED,
                            AuditAction.CANCELLED_BY_ORGANISER,
                            AuditAction.SENSITIVE_ANSWERS_REMOVED,
                            AuditAction.RETENTION_RUN);
            assertThat(rowsContaining(tables, "anonymised-")).isNotEmpty();
            assertThat(one.applyRetention().registrationsAnonymised())
                    .as("idempotent")
                    .isZero();
        }
    }

    @ParameterizedTest(
            name = "[{0}] erasure frees the seat and promotes; the export finds every registration by e-mail")
    @MethodSource("databases")
    void erasureAndExport(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            RegistrationService service = Tables.service(tables.store());
            OrganiserConsole console = service.console(OrganiserId.DEFAULT, "ola.arrangor");
            Event event = event();
            story(service, console, event);
            Registration siri = ((RegistrationOutcome.Waitlisted)
                            service.register(RegistrationRequest.builder(event.id())
                                    .addressVerified(true)
                                    .name("Siri Dahl")
                                    .email("siri@example.org")
                                    .build()))
                    .registration();

            assertThat(console.exportPersonalData("KARI@asker.example").registrations())
                    .hasSize(1);
            assertThat(console.exportPersonalData("ola@nav.example").registrations())
                    .singleElement()
                    .satisfies(i -> assertThat(i.registration().status()).isEqualTo(RegistrationStatus.CANCELLED));
            assertThat(console.exportPersonalData("ola@nav.example").toJson())
                    .contains("Sykdom hos Ola Hansen")
                    .doesNotContain("Kari");

            List<Registration> erased = console.erasePersonalData("kari@asker.example");
            assertThat(erased)
                    .singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED));
            assertThat(console.findRegistration(siri.id()).orElseThrow().status())
                    .isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(console.statistics(event.id()).seatsTaken()).isEqualTo(2);
            assertThat(console.statistics(event.id()).waiting()).isZero();
            for (String p : List.of(
                    "Kari Nordmann", "kari@asker.example", "+47 911 22 333", "Nøtter og skalldyr", "Hilsen fra Kari")) {
                assertThat(rowsContaining(tables, p))
                        .as("rows containing '%s'", p)
                        .isEmpty();
            }
            assertThat(rowsContaining(tables, "Ola Hansen")).isNotEmpty(); // the others are kept
            assertThat(console.exportPersonalData("kari@asker.example").registrations())
                    .isEmpty();
            assertThat(console.auditLog(event.id()))
                    .filteredOn(e -> e.action() == AuditAction.PERSONAL_DATA_ERASED)
                    .hasSize(1);
            assertThat(console.auditLog(event.id()))
                    .filteredOn(e -> e.action() == AuditAction.PERSONAL_DATA_EXPORTED)
                    .hasSize(3);
        }
    }

    /** Every row, of every table of the store, that has a column containing the text. */
    static List<String> rowsContaining(Tables tables, String text) throws SQLException {
        List<String> hits = new ArrayList<>();
        try (Connection c = tables.pool.getConnection()) {
            for (String table : TABLES) {
                try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + tables.prefix + table);
                        ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        StringBuilder row = new StringBuilder(table).append(':');
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            row.append(' ').append(rs.getString(i));
                        }
                        if (row.toString().contains(text)) {
                            hits.add(row.toString());
                        }
                    }
                }
            }
        }
        return hits;
    }
}
