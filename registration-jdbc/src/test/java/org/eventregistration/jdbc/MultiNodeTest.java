package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several application nodes (each its own connection pool, store and service) hammer one event
 * with a per-organisation quota, a workshop and a waiting list. Every request is sent by all nodes
 * at once (a double click that reaches different nodes) and some people cancel, which promotes
 * from the waiting list. At the end the database must agree with itself and with the rules.
 */
class MultiNodeTest {
    private static final int NODES = 3;
    private static final int THREADS_PER_NODE = 8;
    private static final int PEOPLE_PER_THREAD = 10;
    private static final int SEATS = 30;
    private static final int PER_ORGANISATION = 4;
    private static final int WORKSHOP_SEATS = 10;
    private static final int ORGANISATIONS = 12;

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(
            name = "[{0}] 3 nodes x 8 threads on one event: capacity, quota, workshop, waiting list, ledger = rows")
    @MethodSource("databases")
    void nodesShareOneEvent(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            List<RegistrationService> nodes = new ArrayList<>();
            List<JdbcRegistrationStore> stores = new ArrayList<>();
            for (int n = 0; n < NODES; n++) {
                HikariDataSource pool = db.pool(db.name() + "-node" + n, THREADS_PER_NODE);
                pools.add(pool);
                if (n == 0) {
                    JdbcRegistrationStore.migrate(pool, prefix);
                }
                JdbcRegistrationStore store =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                stores.add(store);
                nodes.add(RegistrationService.builder()
                        .store(store)
                        .clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO))
                        .build());
            }
            ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
            Event event = Event.builder(EventId.of("hot-event"))
                    .title(LocalizedText.of("Fullt hus"))
                    .schedule(start, start.plusHours(6))
                    .host(Organisation.of("Digitaliseringsdirektoratet"))
                    .session(Session.of(
                            "workshop",
                            LocalizedText.of("Verksted"),
                            start.plusHours(1),
                            start.plusHours(2),
                            WORKSHOP_SEATS))
                    .capacity(CapacityPolicy.seats(SEATS).withMaxPerOrganisation(PER_ORGANISATION))
                    .waitlist(WaitlistPolicy.autoPromote())
                    .build();
            nodes.get(0)
                    .console(org.eventregistration.event.OrganiserId.DEFAULT, "ola")
                    .saveEvent(event);

            // The same people, in the same order, on every node: each request reaches all nodes.
            List<List<RegistrationRequest>> perThread = new ArrayList<>();
            for (int t = 0; t < THREADS_PER_NODE; t++) {
                List<RegistrationRequest> requests = new ArrayList<>();
                for (int i = 0; i < PEOPLE_PER_THREAD; i++) {
                    int person = t * PEOPLE_PER_THREAD + i;
                    RegistrationRequest.Builder b = RegistrationRequest.builder(event.id())
                            .name("Person " + person)
                            .email("person" + person + "@example.org")
                            .organisation("Organisasjon " + (person % ORGANISATIONS), "")
                            .idempotencyKey("click-" + person);
                    if (person % 3 == 0) {
                        b.session("workshop");
                    }
                    requests.add(b.build());
                }
                perThread.add(requests);
            }
            Map<String, List<RegistrationOutcome>> outcomes = new ConcurrentHashMap<>();
            ExecutorService executor = Executors.newFixedThreadPool(NODES * THREADS_PER_NODE);
            long started = System.nanoTime();
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int n = 0; n < NODES; n++) {
                    RegistrationService node = nodes.get(n);
                    for (int t = 0; t < THREADS_PER_NODE; t++) {
                        List<RegistrationRequest> requests = perThread.get(t);
                        futures.add(executor.submit(() -> {
                            go.await();
                            for (int i = 0; i < requests.size(); i++) {
                                RegistrationRequest request = requests.get(i);
                                RegistrationOutcome outcome = node.register(request);
                                outcomes.computeIfAbsent(
                                                request.idempotencyKey(),
                                                k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                        .add(outcome);
                                // Every seventh person who got a seat changes their mind: frees a seat
                                // and promotes from the waiting list.
                                if (i % 7 == 3 && outcome instanceof RegistrationOutcome.Confirmed c) {
                                    node.cancel(c.manageToken());
                                }
                            }
                            return null;
                        }));
                    }
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(150, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            int people = THREADS_PER_NODE * PEOPLE_PER_THREAD;
            long retries =
                    stores.stream().mapToLong(JdbcRegistrationStore::retries).sum();
            System.out.printf(
                    "[%s] multi-node: %d register calls (%d people) + cancels in %d ms, %d retries%n",
                    db.name(), people * NODES, people, millis, retries);

            // One registration per person, although each request reached every node.
            assertThat(outcomes).hasSize(people);
            outcomes.forEach((key, list) -> {
                assertThat(list).hasSize(NODES);
                assertThat(list)
                        .filteredOn(o -> !(o instanceof RegistrationOutcome.AlreadyRegistered))
                        .as(key)
                        .hasSize(1);
            });
            JdbcRegistrationStore store = stores.get(0);
            List<Registration> all = store.findRegistrations(event.id());
            assertThat(all).hasSize(people);

            // Capacity, quota and workshop respected.
            List<Registration> seated =
                    all.stream().filter(r -> r.status().holdsSeat()).toList();
            assertThat(seated.size()).isLessThanOrEqualTo(SEATS);
            Map<String, Long> perOrganisation = new TreeMap<>();
            seated.forEach(
                    r -> perOrganisation.merge(r.attendee().organisationKey().orElseThrow(), 1L, Long::sum));
            assertThat(perOrganisation.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PER_ORGANISATION));
            assertThat(seated.stream()
                            .filter(r -> r.sessions()
                                    .contains(event.sessions().get(0).id()))
                            .count())
                    .isLessThanOrEqualTo(WORKSHOP_SEATS);
            // With twelve organisations of four seats each, the 30 seats must be full.
            assertThat(seated).hasSize(SEATS);

            // Waiting list: every sequence handed out exactly once, 1..tail, no gaps.
            Ledger ledger = store.findLedger(event.id()).orElseThrow();
            List<Long> sequences = all.stream()
                    .map(Registration::waitlistSequence)
                    .filter(s -> s > 0)
                    .sorted()
                    .toList();
            assertThat(sequences).hasSize((int) ledger.waitlistTail());
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(i + 1L);
            }
            assertThat(ledger.waitingCount()).isEqualTo((int) all.stream()
                    .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                    .count());

            // Ledger counters equal to the rows, checked in SQL against the tables.
            try (Connection c = pools.get(1).getConnection()) {
                Map<String, Integer> counters = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT counter_key, taken FROM " + prefix + "ledger_counter WHERE event_id = ?")) {
                    ps.setString(1, event.id().value());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counters.put(rs.getString(1), rs.getInt(2));
                        }
                    }
                }
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT COUNT(*) FROM " + prefix + "registration WHERE event_id = ?"
                                + " AND status IN ('CONFIRMED', 'OFFERED', 'CHECKED_IN', 'NO_SHOW')")) {
                    ps.setString(1, event.id().value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(counters.get(CounterKey.EVENT.value())).isEqualTo(rs.getInt(1));
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT l.waiting_count, (SELECT COUNT(*) FROM " + prefix
                        + "registration r WHERE r.event_id = l.event_id AND r.status = 'WAITLISTED'), l.waitlist_tail, (SELECT MAX(r.waitlist_sequence) FROM "
                        + prefix + "registration r WHERE r.event_id = l.event_id) FROM " + prefix
                        + "ledger l WHERE l.event_id = ?")) {
                    ps.setString(1, event.id().value());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(rs.getInt(2));
                        assertThat(rs.getLong(3)).isEqualTo(rs.getLong(4));
                    }
                }
                // Every counter (event, workshop, organisation) against the holds stored in the rows.
                Map<String, Integer> fromRows = new HashMap<>();
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT data FROM " + prefix + "registration WHERE event_id = ?")) {
                    ps.setString(1, event.id().value());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (CounterKey k :
                                    RegistrationCodec.decode(rs.getString(1)).holds()) {
                                fromRows.merge(k.value(), 1, Integer::sum);
                            }
                        }
                    }
                }
                assertThat(counters).isEqualTo(fromRows);
                assertThat(counters.keySet()).contains("event", "session:workshop");
                assertThat(Set.copyOf(counters.keySet()).stream()
                                .filter(k -> k.startsWith("org:"))
                                .count())
                        .isEqualTo(ORGANISATIONS);
            }
        } finally {
            if (!pools.isEmpty()) {
                TestDatabases.dropTables(pools.get(0), prefix);
            }
            pools.forEach(HikariDataSource::close);
        }
    }
}
