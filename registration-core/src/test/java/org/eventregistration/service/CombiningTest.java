package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.ForwardingEventTransaction;
import org.eventregistration.spi.ForwardingRegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Concurrent registrations for one event are combined into one unit of work, each with its own outcome. */
class CombiningTest {

    /** Counts units of work; the first one waits until the others are queued behind it. */
    static final class GatedStore extends ForwardingRegistrationStore {
        final InMemoryRegistrationStore memory;
        final AtomicInteger units = new AtomicInteger();
        final CountDownLatch othersQueued = new CountDownLatch(1);
        final AtomicBoolean first = new AtomicBoolean(true);
        volatile String failInsertOf = "";
        volatile boolean joins;

        GatedStore() {
            this(new InMemoryRegistrationStore());
        }

        private GatedStore(InMemoryRegistrationStore memory) {
            super(memory);
            this.memory = memory;
        }

        @Override
        public boolean joinsCallerTransactions() {
            return joins;
        }

        @Override
        public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
            units.incrementAndGet();
            return super.inTransaction(eventId, tx -> {
                if (first.compareAndSet(true, false)) {
                    try {
                        othersQueued.await(30, TimeUnit.SECONDS);
                        Thread.sleep(300); // let the other callers reach the queue
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return work.apply(new ForwardingEventTransaction(tx) {
                    @Override
                    public void insert(Registration registration) {
                        if (registration.attendee().normalizedEmail().equals(failInsertOf)) {
                            throw new DuplicateRegistrationException(
                                    "simulated: another node registered this address first");
                        }
                        super.insert(registration);
                    }
                });
            });
        }
    }

    private static List<RegistrationOutcome> registerConcurrently(
            RegistrationService service, GatedStore store, Event event, int people) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(people);
        AtomicInteger started = new AtomicInteger();
        List<Future<RegistrationOutcome>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < people; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    if (started.incrementAndGet() == people) {
                        store.othersQueued.countDown();
                    }
                    if (n > 0) {
                        Thread.sleep(50); // person 0 goes first and leads
                    }
                    return service.register(
                            Fixtures.person(event, "p" + n + "@example.no").build());
                }));
            }
            List<RegistrationOutcome> outcomes = new ArrayList<>();
            for (Future<RegistrationOutcome> f : futures) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRegistrationsShareUnitsOfWorkAndKeepCapacityExact() throws Exception {
        GatedStore store = new GatedStore();
        List<org.eventregistration.spi.Notification> told = java.util.Collections.synchronizedList(new ArrayList<>());
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .listener(told::add)
                .build();
        Event event = Fixtures.event("hot", 5).build();
        Fixtures.console(service).saveEvent(event);
        int before = store.units.get();

        List<RegistrationOutcome> outcomes = registerConcurrently(service, store, event, 16);

        assertThat(outcomes)
                .filteredOn(o -> o instanceof RegistrationOutcome.Confirmed)
                .hasSize(5);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof RegistrationOutcome.Waitlisted)
                .hasSize(11);
        assertThat(outcomes)
                .extracting(o -> Fixtures.registration(o).attendee().email())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 16)
                        .mapToObj(i -> "p" + i + "@example.no")
                        .toList());
        // Without combining this would be 16 units of work; the 15 who queued behind the first share a few.
        assertThat(store.units.get() - before).isLessThanOrEqualTo(4);
        assertThat(store.memory.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(5);
        assertThat(store.memory.findLedger(event.id()).orElseThrow().waitingCount())
                .isEqualTo(11);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof RegistrationOutcome.Waitlisted)
                .extracting(o -> ((RegistrationOutcome.Waitlisted) o).position())
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 11).boxed().toList());
        // Every registration's notification is told once, whichever caller of its batch tells it,
        // and all are told by the time every caller has returned.
        assertThat(told).hasSize(16);
        assertThat(told)
                .extracting(org.eventregistration.spi.Notification::registrationId)
                .containsExactlyInAnyOrderElementsOf(outcomes.stream()
                        .map(o -> Fixtures.registration(o).id())
                        .toList());
        assertThat(store.memory.pendingNotifications(100)).isEmpty();
    }

    @Test
    void aStoreThatJoinsCallersTransactionsGetsOneUnitOfWorkPerCaller() throws Exception {
        GatedStore store = new GatedStore();
        store.joins = true;
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Event event = Fixtures.event("joined", 5).build();
        Fixtures.console(service).saveEvent(event);
        int before = store.units.get();

        List<RegistrationOutcome> outcomes = registerConcurrently(service, store, event, 8);

        assertThat(store.units.get() - before).isEqualTo(8);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof RegistrationOutcome.Confirmed)
                .hasSize(5);
    }

    @Test
    void oneFailingRegistrationFailsAloneAndTheRestOfItsBatchSucceeds() throws Exception {
        GatedStore store = new GatedStore();
        store.failInsertOf = "p7@example.no";
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Event event = Fixtures.event("hot", 100).build();
        Fixtures.console(service).saveEvent(event);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger started = new AtomicInteger();
        List<Future<RegistrationOutcome>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    if (started.incrementAndGet() == 8) {
                        store.othersQueued.countDown();
                    }
                    if (n > 0) {
                        Thread.sleep(50);
                    }
                    return service.register(
                            Fixtures.person(event, "p" + n + "@example.no").build());
                }));
            }
            int confirmed = 0;
            int failed = 0;
            for (int i = 0; i < 8; i++) {
                try {
                    assertThat(futures.get(i).get(60, TimeUnit.SECONDS))
                            .isInstanceOf(RegistrationOutcome.Confirmed.class);
                    confirmed++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(i).isEqualTo(7);
                    assertThat(e.getCause()).isInstanceOf(DuplicateRegistrationException.class);
                    failed++;
                }
            }
            assertThat(confirmed).isEqualTo(7);
            assertThat(failed).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.memory.findRegistrations(event.id())).hasSize(7);
        assertThat(store.memory.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(7);
    }
}
