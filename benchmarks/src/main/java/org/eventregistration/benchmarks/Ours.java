package org.eventregistration.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.RegistrationService;

/**
 * The library's full path: {@link RegistrationService#register} on a {@link JdbcRegistrationStore}
 * (validation, eligibility, the capacity rules with a per-organisation quota, history, outbox).
 * Requests come with a verified address (the comparison: the peers confirm nothing); as {@code
 * ours-confirm}, unverified, so every registration holds its place until its address is confirmed
 * and sends the confirmation e-mail instead (through the outbox, as the others).
 */
final class Ours implements Strategy, AutoCloseable {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final int ORGANISATIONS = 50;

    private DataSource ds;
    private Scenario scenario;
    private String prefix;
    private JdbcRegistrationStore store;
    private RegistrationService service;
    private List<EventId> events;
    private final boolean confirm;
    private final boolean locked;
    private final boolean alone;

    Ours() {
        this(false, false);
    }

    Ours(boolean confirm, boolean locked) {
        this(confirm, locked, false);
    }

    /**
     * @param confirm with address confirmation on: requests come unverified
     * @param locked every unit of work under the ledger's lock, none on the state seen last (the
     *     store before it could; system property {@code org.eventregistration.jdbc.seenState=false}
     *     while the store is built)
     * @param alone every unit of work its own transaction, none sharing a COMMIT (system property
     *     {@code org.eventregistration.jdbc.groupCommit=0} while the store is built)
     */
    Ours(boolean confirm, boolean locked, boolean alone) {
        this.confirm = confirm;
        this.locked = locked;
        this.alone = alone;
    }

    @Override
    public String name() {
        return confirm ? "ours-confirm" : locked ? "ours-locked" : alone ? "ours-alone" : "ours";
    }

    @Override
    public void prepare(Database db, DataSource ds, Scenario scenario) throws SQLException {
        this.ds = ds;
        this.scenario = scenario;
        this.prefix = "bench" + RUNS.incrementAndGet() + "_"; // fresh tables (and Flyway history) per run
        dropTables(ds, prefix);
        if (locked) {
            System.setProperty("org.eventregistration.jdbc.seenState", "false");
        }
        if (alone) {
            System.setProperty("org.eventregistration.jdbc.groupCommit", "0");
        }
        try {
            store = JdbcRegistrationStore.builder(ds).tablePrefix(prefix).build();
        } finally {
            System.clearProperty("org.eventregistration.jdbc.seenState");
            if (alone) {
                System.clearProperty("org.eventregistration.jdbc.groupCommit");
            }
        }
        store.migrate();
        String experiment = System.getProperty("harness.experimentSql");
        if (experiment != null) {
            try (Connection c = ds.getConnection();
                    Statement s = c.createStatement()) {
                c.setAutoCommit(true);
                for (String sql : experiment.replace("${prefix}", prefix).split(";")) {
                    s.execute(sql);
                }
            }
        }
        service = RegistrationService.builder().store(store).build();
        ZonedDateTime start = ZonedDateTime.of(2030, 12, 11, 9, 0, 0, 0, OSLO);
        events = new ArrayList<>();
        for (int e = 0; e < scenario.events(); e++) {
            Event event = Event.builder(EventId.of("event-" + e))
                    .title(LocalizedText.of("Konferanse " + e))
                    .schedule(start, start.plusHours(7))
                    .host(Organisation.of("Asker kommune", "944382038"))
                    .capacity(CapacityPolicy.seats(scenario.capacity()).withMaxPerOrganisation(Integer.MAX_VALUE - 1))
                    .waitlist(WaitlistPolicy.autoPromote())
                    .build();
            service.console(org.eventregistration.event.OrganiserId.DEFAULT, "benchmark")
                    .saveEvent(event);
            events.add(event.id());
        }
        preload(db, events.get(0), scenario.preexisting());
        analyze(db, ds, prefix);
    }

    /**
     * Fresh planner statistics after the bulk load, as the raw-JDBC strategies get too; on
     * PostgreSQL also a vacuum, so that the autovacuum a bulk load sets off does not run during the
     * measurement (a table filled long before is vacuumed), and a checkpoint, so that writing the
     * load's pages back does not either (a table filled long before has been written back).
     */
    static void analyze(Database db, DataSource ds, String prefix) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            if (db == Database.POSTGRES) {
                s.execute("vacuum analyze " + prefix + "registration");
                s.execute("checkpoint");
            } else if (db == Database.MARIADB) {
                s.execute("analyze table " + prefix + "registration");
            }
        }
    }

    /**
     * Stores confirmed registrations in bulk through the store SPI: 5,000 per unit of work, their
     * addresses looked up together first ({@code findActiveByEmails}: one query per 100), so the
     * store sends each unit's rows in one batch (on PostgreSQL one statement with arrays) and checks
     * nothing row by row. 100,000 rows take a few seconds.
     */
    private void preload(Database db, EventId eventId, int count) throws SQLException {
        Instant now = Instant.now();
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int from = 0; from < count; from += 5000) {
            if (from == 5000) {
                // A never-analysed table can get a cached plan that finds an e-mail by the event alone,
                // which gets slower with every row: give the planner statistics early, as autovacuum would.
                analyze(db, ds, prefix);
            }
            int to = Math.min(count, from + 5000);
            int first = from;
            store.inTransaction(eventId, tx -> {
                Ledger ledger = tx.ledger();
                List<String> emails = new ArrayList<>();
                for (int i = first; i < to; i++) {
                    emails.add("old" + i + "@example.org");
                }
                // Looked up first, as the service does: then the store needs no duplicate check of its own.
                if (!tx.findActiveByEmails(emails).isEmpty()) {
                    throw new IllegalStateException("duplicate e-mail in the preload");
                }
                for (int i = first; i < to; i++) {
                    Set<CounterKey> holds = Set.of(CounterKey.EVENT);
                    tx.insert(Registration.builder()
                            .id(RegistrationId.of(UUID.randomUUID().toString()))
                            .eventId(eventId)
                            .attendee(Attendee.builder("Old " + i, "old" + i + "@example.org")
                                    .build())
                            .status(RegistrationStatus.CONFIRMED)
                            .holds(holds)
                            .manageTokenHash(ManageToken.generate(random).hash())
                            .createdAt(now)
                            .history(List.of(new StatusChange(
                                    RegistrationStatus.CONFIRMED, now, Actor.system(), "history.registered")))
                            .build());
                    ledger = ledger.take(holds);
                }
                tx.updateLedger(ledger);
                return null;
            });
        }
    }

    @Override
    public boolean attempt(int event, int attempt) {
        RegistrationOutcome outcome = service.register(request(event, attempt));
        if (confirm) {
            // Place held or waiting, the answer does not say: verify() counts the rows instead.
            if (!(outcome instanceof RegistrationOutcome.AwaitingAddressConfirmation)) {
                throw new IllegalStateException("unexpected outcome " + outcome);
            }
            return true;
        }
        return confirmed(outcome);
    }

    /** What the public event page shows: {@link RegistrationService#seatCounts}. */
    @Override
    public int read(int event) {
        return service.seatCounts(events.get(event)).seatsTaken();
    }

    /** The prefix of this run's tables (after {@link #prepare}). */
    String tablePrefix() {
        return prefix;
    }

    /** The request of attempt {@code attempt} for the event with index {@code event}. */
    RegistrationRequest request(int event, int attempt) {
        int org = attempt % ORGANISATIONS;
        return RegistrationRequest.builder(events.get(event))
                .name("Person " + attempt)
                .email("p" + attempt + "@example.org")
                .organisation("Organisasjon " + org, "")
                .sector(Sector.MUNICIPALITY)
                .role(Role.LEADER)
                // A portal with logged-in people: the address counts at once, as before address
                // confirmation existed, so the numbers stay comparable.
                .addressVerified(!confirm)
                .build();
    }

    /** True if confirmed, false if waitlisted; any other outcome stops the run. */
    static boolean confirmed(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed) {
            return true;
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted) {
            return false;
        }
        throw new IllegalStateException("unexpected outcome " + outcome);
    }

    @Override
    public void verify(int confirmed, int waitlisted) {
        int rows = 0;
        int dbConfirmed = 0;
        for (int e = 0; e < events.size(); e++) {
            EventId id = events.get(e);
            List<Registration> all = store.findRegistrations(id);
            int pre = e == 0 ? scenario.preexisting() : 0;
            rows += all.size() - pre;
            long eventConfirmed = all.stream()
                    .filter(r -> r.status() == RegistrationStatus.CONFIRMED)
                    .count();
            dbConfirmed += (int) eventConfirmed - pre;
            Invariants.check(eventConfirmed <= scenario.capacity(), "ours: " + id + " over capacity");
            Ledger ledger = store.findLedger(id).orElseThrow();
            Invariants.check(
                    ledger.taken(CounterKey.EVENT) == eventConfirmed,
                    "ours: " + id + " ledger " + ledger.taken(CounterKey.EVENT) + " != " + eventConfirmed
                            + " confirmed rows");
            Set<Long> sequences = new HashSet<>();
            all.stream()
                    .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                    .forEach(r -> sequences.add(r.waitlistSequence()));
            Invariants.check(sequences.size() == ledger.waitingCount(), "ours: " + id + " waiting count differs");
            for (long s = 1; s <= sequences.size(); s++) {
                Invariants.check(sequences.contains(s), "ours: " + id + " waiting list has a gap at " + s);
            }
        }
        Invariants.check(
                rows == scenario.attempts(), "ours: " + rows + " rows for " + scenario.attempts() + " attempts");
        Invariants.check(
                confirm || dbConfirmed == confirmed,
                "ours: " + dbConfirmed + " confirmed rows, harness saw " + confirmed);
        Invariants.check(confirmed + waitlisted == scenario.attempts(), "ours: attempts unaccounted for");
        Invariants.check(store.pendingNotifications(10).isEmpty(), "ours: undelivered notifications");
    }

    @Override
    public void close() throws SQLException {
        dropTables(ds, prefix);
    }

    /** Drops every table whose name starts with the prefix. */
    static void dropTables(DataSource ds, String prefix) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            // The views of schema version 10 first (a run that stopped early leaves them), then the tables.
            List<String> views = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE", "VIEW"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                        ("VIEW".equalsIgnoreCase(rs.getString("TABLE_TYPE")) ? views : tables).add(name);
                    }
                }
            }
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            try (Statement s = c.createStatement()) {
                if (product.contains("maria") || product.contains("mysql")) {
                    s.execute("set foreign_key_checks = 0");
                }
                for (String v : views) {
                    s.execute("drop view if exists " + v);
                }
                for (String t : tables) {
                    s.execute("drop table if exists " + t
                            + (product.contains("postgres") || product.contains("h2") ? " cascade" : ""));
                }
                if (product.contains("maria") || product.contains("mysql")) {
                    s.execute("set foreign_key_checks = 1");
                }
            }
        }
    }
}
