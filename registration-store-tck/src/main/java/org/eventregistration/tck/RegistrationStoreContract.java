package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RegistrationStore} must meet. Subclass it once per implementation (and
 * per database), return an empty store from {@link #newStore()}, and run it with JUnit 5.
 *
 * <p>The tests check what the service relies on: exact round trips, one atomic unit of work per
 * event (all or nothing, mutual exclusion, no lost updates), the uniqueness rules, the waiting-list
 * and offer queries, the notification outbox, the person's loop (address confirmation, link
 * tokens) and personal data; then, through the service, concurrency and hostile input. The tests
 * are grouped in the superclasses ({@link StorageContract}, {@link QueueAndPrivacyContract}, {@link EventChangesContract}); this
 * class adds the concurrency and service tests.
 */
public abstract class RegistrationStoreContract extends SelfServiceContract {
    // ------------------------------------------------------------------ concurrency

    @Test
    @DisplayName("units of work on one event exclude each other: no lost update under many threads")
    void mutualExclusion() throws Exception {
        Event event = saved("hot", 10);
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.inTransaction(event.id(), tx -> {
                            tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(threads() * perThread);
        assertThat(ledger.version()).isEqualTo(threads() * perThread);
    }

    @Test
    @DisplayName("an event and its ledger read together: the same as each read alone (without the organisation"
            + " counters), and from one state under writes")
    void eventStateIsOneConsistentRead() throws Exception {
        assertThat(store.findEventState(EventId.of("no-such-event"))).isEmpty();
        Event event = saved("state", 1000);
        CounterKey org = CounterKey.organisation("asker kommune");
        CounterKey session = CounterKey.session(new org.eventregistration.event.SessionId("s1"));
        assertThat(store.findEventState(event.id()).orElseThrow().ledger())
                .isEqualTo(store.findLedger(event.id()).orElseThrow());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            // Every unit of work takes three counters and joins the waiting list: a read from one
            // state sees the two it carries equal, and the version with them.
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 150; i++) {
                    store.inTransaction(event.id(), tx -> {
                        tx.updateLedger(tx.ledger()
                                .take(List.of(CounterKey.EVENT, session, org))
                                .joinWaitlist());
                        return null;
                    });
                }
                return null;
            });
            while (!writer.isDone()) {
                org.eventregistration.spi.EventState state =
                        store.findEventState(event.id()).orElseThrow();
                Ledger ledger = state.ledger();
                assertThat(state.event().id()).isEqualTo(event.id());
                assertThat(ledger.taken(session)).as("one snapshot").isEqualTo(ledger.taken(CounterKey.EVENT));
                assertThat(ledger.version()).as("one snapshot").isEqualTo(2L * ledger.taken(CounterKey.EVENT));
                assertThat(ledger.waitingCount()).as("one snapshot").isEqualTo(ledger.taken(CounterKey.EVENT));
                assertThat(ledger.taken()).as("no organisation counters").doesNotContainKey(org);
            }
            writer.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        org.eventregistration.spi.EventState after =
                store.findEventState(event.id()).orElseThrow();
        Ledger committed = store.findLedger(event.id()).orElseThrow();
        assertThat(committed.taken(org)).isEqualTo(150);
        assertThat(after.ledger())
                .isEqualTo(new Ledger(
                        event.id(),
                        committed.version(),
                        java.util.Map.of(CounterKey.EVENT, 150, session, 150),
                        committed.waitlistTail(),
                        committed.waitingCount()));
        assertThat(after.event()).isEqualTo(store.findEvent(event.id()).orElseThrow());
    }

    @Test
    @DisplayName("a unit of work on one event does not wait for another event's")
    void eventsAreIndependent() throws Exception {
        Event a = saved("a", 10);
        Event b = saved("b", 10);
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> store.inTransaction(a.id(), tx -> {
                tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                aHolds.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(aHolds.await(30, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            store.inTransaction(b.id(), tx -> {
                tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                return null;
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(store.findLedger(a.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
        assertThat(store.findLedger(b.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the service on this store never exceeds capacity under concurrent registrations")
    void serviceCapacityUnderLoad() throws Exception {
        int seats = 20;
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        Event event = Event.builder(EventId.of("rush"))
                .title(LocalizedText.of("Rush"))
                .schedule(start, start.plusHours(2))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(seats))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO))
                .build();
        service.console(OrganiserId.DEFAULT, "tck").saveEvent(event);
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        List<RegistrationOutcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        // Every other address is typed into a public form, unverified: it holds a place unconfirmed.
                        outcomes.add(service.register(RegistrationRequest.builder(event.id())
                                .name("Person " + thread + "-" + i)
                                .email("p" + thread + "-" + i + "@example.org")
                                .addressVerified(i % 2 == 0)
                                .build()));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int attempts = threads() * perThread;
        int verified = threads() * ((perThread + 1) / 2);
        assertThat(outcomes).hasSize(attempts);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof RegistrationOutcome.AwaitingAddressConfirmation)
                .hasSize(attempts - verified);
        List<Registration> all = store.findRegistrations(event.id());
        assertThat(all).hasSize(attempts);
        // Confirmed or not, every place held counts: never more than the seats.
        assertThat(all)
                .filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED)
                .hasSize(Math.min(seats, attempts));
        Set<Long> sequences = new HashSet<>();
        all.stream()
                .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .forEach(r -> sequences.add(r.waitlistSequence()));
        Set<Long> expected = new HashSet<>();
        for (long s = 1; s <= attempts - seats; s++) {
            expected.add(s);
        }
        assertThat(sequences).isEqualTo(expected);
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(Math.min(seats, attempts));
        assertThat(ledger.waitingCount()).isEqualTo(Math.max(0, attempts - seats));

        // Half an hour later (another node, say) the unconfirmed places run out and pass on in order.
        RegistrationService later = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(Fixtures.NOW.plus(Duration.ofMinutes(31)), Fixtures.OSLO))
                .build();
        assertThat(later.expireUnconfirmed()).isEqualTo(attempts - verified);
        all = store.findRegistrations(event.id());
        assertThat(all)
                .filteredOn(r -> r.status().isActive())
                .hasSize(verified)
                .allSatisfy(r -> assertThat(r.addressConfirmed()).isTrue());
        assertThat(all)
                .filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED)
                .hasSize(Math.min(seats, verified));
        ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(Math.min(seats, verified));
        assertThat(ledger.waitingCount()).isEqualTo(Math.max(0, verified - seats));
        assertThat(all.stream()
                        .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                        .count())
                .isEqualTo(ledger.waitingCount());
        assertThat(store.pendingNotifications(1000)).isEmpty();
    }

    // ------------------------------------------------------------------ hostile input

    private static final String[] HOSTILE = {
        "'; DROP TABLE reg_registration; --",
        "\" OR 1=1 --",
        "' OR ''='",
        "%",
        "_",
        "\\",
        "`",
        "/*",
        "*/",
        "${prefix}",
        "{0}",
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://x\")",
        "Robert'); --",
        "null",
        "\\u0000",
        "Åse",
        "Øyvind Ødegård",
        "Áilu Ŋuolla-Čuđđi",
        "O'Brien",
        "王小明",
        "Иван",
        "محمد",
        "🦐🎉",
        "e\u0301",
        "\u00a0",
        "}",
        "]",
        ":",
        ","
    };
    private static final String[] FORBIDDEN = {
        "\u0000", "\u0007", "\u001b", "\u007f", "\u202e", "\u2066", "\ufeff", "\ud800", "\u200b", "\u200e"
    };

    @Test
    @DisplayName("hostile text through the service is stored exactly or refused, and never changes anything else")
    void hostileInputThroughTheService() {
        long seed = System.nanoTime();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        Event event = Event.builder(EventId.of("hostile"))
                .title(LocalizedText.of("Hostile"))
                .schedule(start, start.plusHours(2))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(1000))
                .question(org.eventregistration.event.Question.text("diet", LocalizedText.of("Allergier?")))
                .build();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO))
                .build();
        service.console(OrganiserId.DEFAULT, "tck").saveEvent(event);
        for (int i = 0; i < 300; i++) {
            String context = "seed=" + seed + " i=" + i;
            boolean forbidden = random.nextInt(3) == 0;
            String name = hostile(random) + (forbidden ? FORBIDDEN[random.nextInt(FORBIDDEN.length)] : "") + " " + i;
            String org = hostile(random);
            String diet = hostile(random) + "\n" + hostile(random);
            String key = random.nextBoolean() ? "" : "k" + i + "-" + random.nextInt(1000);
            List<Registration> before = store.findRegistrations(event.id());
            Ledger ledgerBefore = store.findLedger(event.id()).orElseThrow();
            RegistrationOutcome outcome = service.register(RegistrationRequest.builder(event.id())
                    .name(name)
                    .email("p" + i + "." + (random.nextBoolean() ? "o'brien" : "x") + "@example.org")
                    .organisation(org, "")
                    .answer("diet", diet)
                    .idempotencyKey(key)
                    .addressVerified(true)
                    .build());
            if (forbidden) {
                assertThat(outcome).as(context).isInstanceOf(RegistrationOutcome.Invalid.class);
                assertThat(store.findRegistrations(event.id())).as(context).isEqualTo(before);
                assertThat(store.findLedger(event.id())).as(context).contains(ledgerBefore);
            } else {
                assertThat(outcome).as(context).isInstanceOf(RegistrationOutcome.Confirmed.class);
                Registration made = ((RegistrationOutcome.Confirmed) outcome).registration();
                Registration stored = store.findRegistration(made.id()).orElseThrow();
                assertThat(stored).as(context).isEqualTo(made);
                assertThat(stored.attendee().name()).as(context).isEqualTo(name.strip());
                assertThat(stored.answers().get("diet")).as(context).isEqualTo(diet.strip());
            }
        }
        assertThat(store.findRegistrations(event.id()))
                .allSatisfy(r -> assertThat(store.findRegistration(r.id())).contains(r));
    }

    private static String hostile(java.util.SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int p = 0; p < parts; p++) {
            s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
        }
        return s.toString();
    }
}
