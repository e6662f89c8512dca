package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.junit.jupiter.api.Test;

/**
 * Many threads on one hot event: the per-event unit of work must hold every quota exactly. Without
 * the store's lock (or with a ledger read outside it) these counts drift.
 */
class ConcurrencyTest {
    private static final int THREADS = 16;
    private static final int ATTEMPTS = 20_000;
    private static final int SEATS = 500;
    private static final int ORGANISATIONS = 100;
    private static final int PER_ORGANISATION = 10;
    private static final int CANCELLATIONS = 120;

    @Test
    void sixteenThreadsFillExactlyTheSeatsThenCancellationsPromoteExactlyAsManyAsTheyFree() throws Exception {
        InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(java.time.Clock.fixed(Fixtures.T0, Fixtures.OSLO))
                .build();
        List<String> orgs = Fixtures.organisationNumbers(ORGANISATIONS);
        Event event = Fixtures.event("hot-event", SEATS)
                .capacity(CapacityPolicy.seats(SEATS).withMaxPerOrganisation(PER_ORGANISATION))
                .waitlist(WaitlistPolicy.autoPromote())
                .registrationWindow(Fixtures.T0.minusSeconds(3600), Fixtures.DAY.toInstant())
                .waitingListCap(org.eventregistration.capacity.WaitingListCap.unlimited()) // every attempt waits
                .build();
        Fixtures.console(service).saveEvent(event);

        // ---- phase 1: 20,000 registrations from 16 threads
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<RegistrationOutcome.Confirmed> confirmed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<RegistrationOutcome.Waitlisted> waitlisted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<RegistrationOutcome> other = new ConcurrentLinkedQueue<>();
        runInParallel(THREADS, () -> {
            for (int i = next.getAndIncrement(); i < ATTEMPTS; i = next.getAndIncrement()) {
                RegistrationOutcome o = service.register(Fixtures.person(event, "person" + i + "@example.no")
                        .organisation("Org " + (i % ORGANISATIONS), orgs.get(i % ORGANISATIONS))
                        .build());
                if (o instanceof RegistrationOutcome.Confirmed c) {
                    confirmed.add(c);
                } else if (o instanceof RegistrationOutcome.Waitlisted w) {
                    waitlisted.add(w);
                } else {
                    other.add(o);
                }
            }
        });

        assertThat(other.size())
                .as(
                        "neither rejected nor invalid, first: %s",
                        other.stream().limit(3).toList())
                .isZero();
        assertThat(confirmed).hasSize(SEATS);
        assertThat(waitlisted).hasSize(ATTEMPTS - SEATS);
        assertThat(Fixtures.console(service).registrations(event.id(), RegistrationStatus.CONFIRMED))
                .hasSize(SEATS);
        assertQuotasHeld(service, event);
        Invariants.check(store, event, "after registering");
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(SEATS);
        assertThat(ledger.waitingCount()).isEqualTo(ATTEMPTS - SEATS);
        assertThat(ledger.waitlistTail()).isEqualTo(ATTEMPTS - SEATS);

        // Nobody has left the list yet: sequences and the positions handed out are exactly 1..n.
        Set<Long> expected =
                LongStream.rangeClosed(1, ATTEMPTS - SEATS).boxed().collect(Collectors.toCollection(TreeSet::new));
        Set<Long> sequences = Fixtures.console(service).waitingList(event.id()).stream()
                .map(Registration::waitlistSequence)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(sequences).isEqualTo(expected);
        Set<Long> positions =
                waitlisted.stream().map(w -> (long) w.position()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(positions).as("positions handed out").isEqualTo(expected);
        Invariants.checkPositions(service, event, "after registering");

        // ---- phase 2: concurrent cancellations, by the person's token and by an organiser
        List<RegistrationOutcome.Confirmed> toCancel = new ArrayList<>(confirmed);
        Collections.shuffle(toCancel, new java.util.Random(42));
        ConcurrentLinkedQueue<RegistrationOutcome.Confirmed> queue =
                new ConcurrentLinkedQueue<>(toCancel.subList(0, CANCELLATIONS));
        AtomicInteger byOrganiser = new AtomicInteger();
        runInParallel(6, () -> {
            for (RegistrationOutcome.Confirmed c = queue.poll(); c != null; c = queue.poll()) {
                Registration cancelled = byOrganiser.incrementAndGet() % 3 == 0
                        ? Fixtures.console(service, Actor.organiser("ola"))
                                .cancel(c.registration().id(), "")
                        : service.cancel(c.manageToken());
                assertThat(cancelled.status()).isEqualTo(RegistrationStatus.CANCELLED);
            }
        });

        List<Registration> all = Fixtures.console(service).registrations(event.id());
        long promoted = all.stream()
                .filter(r -> lastChange(r).reason().equals("history.promoted"))
                .count();
        assertThat(promoted).as("promoted exactly as many as were freed").isEqualTo(CANCELLATIONS);
        assertThat(all.stream().filter(r -> r.status() == RegistrationStatus.CANCELLED))
                .hasSize(CANCELLATIONS);
        assertThat(Fixtures.console(service).registrations(event.id(), RegistrationStatus.CONFIRMED))
                .hasSize(SEATS);
        assertQuotasHeld(service, event);
        Invariants.check(store, event, "after cancelling");
        assertThat(store.findLedger(event.id()).orElseThrow().waitingCount())
                .isEqualTo(ATTEMPTS - SEATS - CANCELLATIONS);
        Invariants.checkPositions(service, event, "after cancelling");

        EventStatistics stats = Fixtures.console(service).statistics(event.id());
        assertThat(stats.seatsTaken()).isEqualTo(SEATS);
        assertThat(stats.seatsLeft()).isZero();
        assertThat(stats.waiting()).isEqualTo(ATTEMPTS - SEATS - CANCELLATIONS);
        assertThat(stats.byStatus().get(RegistrationStatus.CANCELLED)).isEqualTo(CANCELLATIONS);
    }

    private static StatusChange lastChange(Registration r) {
        return r.history().get(r.history().size() - 1);
    }

    private static void assertQuotasHeld(RegistrationService service, Event event) {
        Map<String, Integer> perOrg = new HashMap<>();
        for (Registration r : Fixtures.console(service).registrations(event.id())) {
            if (r.status().holdsSeat()) {
                perOrg.merge(r.attendee().organisationKey().orElseThrow(), 1, Integer::sum);
            }
        }
        assertThat(perOrg.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(PER_ORGANISATION));
        assertThat(perOrg.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(SEATS);
    }

    /** Runs the task on n threads started together; rethrows the first failure. */
    private static void runInParallel(int threads, ThrowingRunnable task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run();
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
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
