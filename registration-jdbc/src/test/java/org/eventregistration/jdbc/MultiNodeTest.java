package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.tck.Fixtures;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several application nodes (each its own connection pool, store and service) hammer one event
 * with a per-organisation quota, a workshop and a waiting list. Every request is sent by all nodes
 * at once (a double click that reaches different nodes) and some people cancel, which promotes
 * from the waiting list. At the end the database must agree with itself and with the rules. And
 * the person's loop across nodes: unconfirmed addresses hold places, some are confirmed, the rest
 * expire with both nodes running the job at once.
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
        List<JdbcRegistrationStore> stores = new ArrayList<>();
        try {
            List<RegistrationService> nodes = new ArrayList<>();
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
                            .idempotencyKey("click-" + person)
                            .addressVerified(true); // logged in: counts at once
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

            // One registration per person, although each request reached every node: the others
            // were answered as the same request again.
            assertThat(outcomes).hasSize(people);
            outcomes.forEach((key, list) -> {
                assertThat(list).hasSize(NODES);
                assertThat(list)
                        .filteredOn(o -> !(o instanceof RegistrationOutcome.Repeated))
                        .as(key)
                        .hasSize(1)
                        .allSatisfy(o -> assertThat(o)
                                .isInstanceOfAny(
                                        RegistrationOutcome.Confirmed.class, RegistrationOutcome.Waitlisted.class));
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

            Ledger ledger = store.findLedger(event.id()).orElseThrow();
            Map<String, Integer> counters = ledgerEqualsRows(pools.get(1), prefix, event, all, ledger);
            assertThat(counters.keySet()).contains("event", "session:workshop");
            assertThat(Set.copyOf(counters.keySet()).stream()
                            .filter(k -> k.startsWith("org:"))
                            .count())
                    .isEqualTo(ORGANISATIONS);
        } finally {
            stores.forEach(JdbcRegistrationStore::close); // queued delivery marks sent before the tables go
            if (!pools.isEmpty()) {
                TestDatabases.dropTables(pools.get(0), prefix);
            }
            pools.forEach(HikariDataSource::close);
        }
    }

    private static final int LOOP_THREADS_PER_NODE = 6;
    private static final int LOOP_PEOPLE = 120;
    private static final int LOOP_SEATS = 25;
    private static final Duration HOLD = Duration.ofMinutes(10);

    /** The confirmation links sent, by address; thread-safe. A mail listener would send them. */
    static final class ConfirmationLinks implements RegistrationListener {
        final Map<String, ManageToken> links = new ConcurrentHashMap<>();

        @Override
        public void onNotification(Notification notification) {}

        @Override
        public void onDelivery(Delivery delivery) {
            delivery.link()
                    .filter(l -> l.purpose() == LinkPurpose.CONFIRM_ADDRESS)
                    .ifPresent(l -> links.put(
                            delivery.registration().orElseThrow().attendee().normalizedEmail(), l.token()));
        }
    }

    @ParameterizedTest(
            name = "[{0}] 2 nodes, verified and unverified people, some confirm, expiry on both nodes at once:"
                    + " capacity exact, every seat confirmed, ledger = rows")
    @MethodSource("databases")
    void unconfirmedPlacesAcrossNodes(TestDatabases.TestDatabase db) throws Exception {
        db.assumeReachable();
        String prefix = TestDatabases.newPrefix();
        List<HikariDataSource> pools = new ArrayList<>();
        MutableClock clock = MutableClock.at(Fixtures.NOW, Fixtures.OSLO);
        ConfirmationLinks mail = new ConfirmationLinks();
        List<JdbcRegistrationStore> stores = new ArrayList<>();
        try {
            List<RegistrationService> nodes = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                HikariDataSource pool = db.pool(db.name() + "-loop" + n, LOOP_THREADS_PER_NODE + 2);
                pools.add(pool);
                if (n == 0) {
                    JdbcRegistrationStore.migrate(pool, prefix);
                }
                JdbcRegistrationStore store =
                        JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
                stores.add(store);
                nodes.add(RegistrationService.builder()
                        .store(store)
                        .clock(clock)
                        .listener(mail)
                        .build());
            }
            ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
            Event event = Event.builder(EventId.of("hot-loop"))
                    .title(LocalizedText.of("Fullt hus"))
                    .schedule(start, start.plusHours(6))
                    .host(Organisation.of("Digitaliseringsdirektoratet"))
                    .capacity(CapacityPolicy.seats(LOOP_SEATS))
                    .waitlist(WaitlistPolicy.autoPromote())
                    .addressConfirmation(AddressConfirmation.required(HOLD))
                    .build();
            nodes.get(0).console(OrganiserId.DEFAULT, "ola").saveEvent(event);

            // Person p: logged in (verified) if p % 3 == 0; otherwise typed into the public form, and
            // confirms the address from the mail if p % 3 == 1, never if p % 3 == 2. Every request
            // reaches both nodes (a double click), each node working through the people in order.
            List<RegistrationRequest> requests = new ArrayList<>();
            for (int p = 0; p < LOOP_PEOPLE; p++) {
                requests.add(RegistrationRequest.builder(event.id())
                        .name("Person " + p)
                        .email("person" + p + "@example.org")
                        .idempotencyKey("click-" + p)
                        .addressVerified(p % 3 == 0)
                        .build());
            }
            Map<String, List<RegistrationOutcome>> outcomes = new ConcurrentHashMap<>();
            Set<String> confirmed = ConcurrentHashMap.newKeySet();
            AtomicBoolean registering = new AtomicBoolean(true);
            ExecutorService executor = Executors.newFixedThreadPool(2 * LOOP_THREADS_PER_NODE + 2);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> registrations = new ArrayList<>();
                for (RegistrationService node : nodes) {
                    AtomicInteger next = new AtomicInteger();
                    for (int t = 0; t < LOOP_THREADS_PER_NODE; t++) {
                        registrations.add(executor.submit(() -> {
                            go.await();
                            for (int p = next.getAndIncrement(); p < LOOP_PEOPLE; p = next.getAndIncrement()) {
                                RegistrationRequest request = requests.get(p);
                                outcomes.computeIfAbsent(
                                                request.idempotencyKey(),
                                                k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                                        .add(node.register(request));
                            }
                            return null;
                        }));
                    }
                }
                // Two people read their mail meanwhile, one through each node, and confirm.
                List<Future<?>> confirmers = new ArrayList<>();
                for (int n = 0; n < 2; n++) {
                    RegistrationService node = nodes.get(n);
                    int first = n;
                    confirmers.add(executor.submit(() -> {
                        go.await();
                        for (int p = first; p < LOOP_PEOPLE; ) {
                            String address = "person" + p + "@example.org";
                            if (p % 3 != 1) {
                                p += 2;
                            } else if (mail.links.containsKey(address)) {
                                Registration r = node.confirmAddress(mail.links.get(address));
                                assertThat(r.addressConfirmed()).as(address).isTrue();
                                confirmed.add(address);
                                p += 2;
                            } else if (registering.get()) {
                                Thread.sleep(5);
                            } else {
                                throw new AssertionError("no confirmation link reached " + address);
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : registrations) {
                    f.get(150, TimeUnit.SECONDS);
                }
                registering.set(false); // every mail is delivered by now
                for (Future<?> f : confirmers) {
                    f.get(150, TimeUnit.SECONDS);
                }
            } finally {
                executor.shutdownNow();
            }

            // One registration per person; the second click was the same request again.
            assertThat(outcomes).hasSize(LOOP_PEOPLE);
            for (int p = 0; p < LOOP_PEOPLE; p++) {
                List<RegistrationOutcome> list = outcomes.get("click-" + p);
                assertThat(list).hasSize(2);
                assertThat(list)
                        .filteredOn(o -> !(o instanceof RegistrationOutcome.Repeated))
                        .as("click-" + p)
                        .singleElement()
                        .isInstanceOfAny(
                                p % 3 == 0
                                        ? new Class<?>[] {
                                            RegistrationOutcome.Confirmed.class, RegistrationOutcome.Waitlisted.class
                                        }
                                        : new Class<?>[] {RegistrationOutcome.AwaitingAddressConfirmation.class});
            }
            int toConfirm = (LOOP_PEOPLE + 1) / 3;
            int neverConfirmed = LOOP_PEOPLE / 3;
            int verified = LOOP_PEOPLE - toConfirm - neverConfirmed;
            assertThat(confirmed).hasSize(toConfirm);
            JdbcRegistrationStore store = stores.get(1);
            List<Registration> before = store.findRegistrations(event.id());
            assertThat(before)
                    .hasSize(LOOP_PEOPLE)
                    .allSatisfy(r -> assertThat(r.status().isActive()).isTrue());
            // Confirmed or not, every place held counts: the seats are full, never more.
            assertThat(before.stream().filter(r -> r.status().holdsSeat())).hasSize(LOOP_SEATS);
            assertThat(before.stream().filter(r -> !r.addressConfirmed())).hasSize(neverConfirmed);
            ledgerEqualsRows(
                    pools.get(0),
                    prefix,
                    event,
                    before,
                    store.findLedger(event.id()).orElseThrow());

            // Later, both nodes run the expiry job at once: each unconfirmed place is expired exactly once.
            clock.advance(HOLD.plusMinutes(1));
            assertThat(stores.get(0).findUnconfirmed(clock.instant(), 1000)).hasSize(neverConfirmed);
            ExecutorService both = Executors.newFixedThreadPool(2);
            int expired = 0;
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> runs = new ArrayList<>();
                for (RegistrationService node : nodes) {
                    runs.add(both.submit(() -> {
                        go.await();
                        return node.expireUnconfirmed();
                    }));
                }
                go.countDown();
                for (Future<Integer> f : runs) {
                    expired += f.get(150, TimeUnit.SECONDS);
                }
            } finally {
                both.shutdownNow();
            }
            assertThat(expired).isEqualTo(neverConfirmed);
            assertThat(stores.get(0).findUnconfirmed(clock.instant(), 1000)).isEmpty();

            List<Registration> all = store.findRegistrations(event.id());
            assertThat(all).hasSize(LOOP_PEOPLE);
            assertThat(all)
                    .filteredOn(r -> r.status() == RegistrationStatus.EXPIRED)
                    .hasSize(neverConfirmed)
                    .allSatisfy(r -> assertThat(
                                    Integer.parseInt(r.attendee().name().substring("Person ".length())) % 3)
                            .isEqualTo(2));
            List<Registration> active =
                    all.stream().filter(r -> r.status().isActive()).toList();
            assertThat(active)
                    .hasSize(verified + toConfirm)
                    .allSatisfy(r -> assertThat(r.addressConfirmed()).isTrue());
            // Capacity exact: the seats went on to confirmed people in line, none left empty.
            assertThat(active.stream().filter(r -> r.status().holdsSeat())).hasSize(LOOP_SEATS);
            Ledger ledger = store.findLedger(event.id()).orElseThrow();
            assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(LOOP_SEATS);
            assertThat(ledger.waitingCount()).isEqualTo(verified + toConfirm - LOOP_SEATS);
            ledgerEqualsRows(pools.get(0), prefix, event, all, ledger);
            System.out.printf(
                    "[%s] multi-node loop: %d people x 2 nodes, %d confirmed, %d expired, %d retries%n",
                    db.name(),
                    LOOP_PEOPLE,
                    toConfirm,
                    expired,
                    stores.stream().mapToLong(JdbcRegistrationStore::retries).sum());
        } finally {
            stores.forEach(JdbcRegistrationStore::close); // queued delivery marks sent before the tables go
            if (!pools.isEmpty()) {
                TestDatabases.dropTables(pools.get(0), prefix);
            }
            pools.forEach(HikariDataSource::close);
        }
    }

    /**
     * The waiting list and the ledger's counters against the rows, in SQL: every waiting-list
     * sequence handed out once (1..tail, no gaps), the waiting count equal to the waitlisted rows,
     * and every counter (event, session, organisation) equal to the holds stored in the rows.
     *
     * @return the counters as stored
     */
    static Map<String, Integer> ledgerEqualsRows(
            HikariDataSource pool, String prefix, Event event, List<Registration> all, Ledger ledger) throws Exception {
        // Waiting list: every sequence handed out exactly once, 1..tail, no gaps.
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
        try (Connection c = pool.getConnection()) {
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
            return counters;
        }
    }
}
