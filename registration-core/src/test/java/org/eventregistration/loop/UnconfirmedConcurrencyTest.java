package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventregistration.RegistrationException;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.WaitingListCap;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Unconfirmed registrations hold places while 16 threads register, people confirm, and the
 * expiry job runs with the clock moving: the seats are never exceeded, the ledger stays equal to
 * the registrations, and at the end every seat belongs to a confirmed address.
 */
class UnconfirmedConcurrencyTest {
    private static final int THREADS = 16;
    private static final int ATTEMPTS = 4_000;
    private static final int SEATS = 100;

    @Test
    void placesHeldByUnconfirmedAddressesNeverExceedTheSeatsAndPassOnWhenTheyExpire() throws Exception {
        MutableClock clock = MutableClock.at(Fixtures.T0);
        InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        Mailbox mail = new Mailbox();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(mail)
                .build();
        Event event = Fixtures.event("hot-unconfirmed", SEATS)
                .addressConfirmation(AddressConfirmation.required(Duration.ofMinutes(5)))
                .waitlist(WaitlistPolicy.autoPromote())
                .waitingListCap(WaitingListCap.unlimited()) // every attempt holds a place
                .registrationWindow(Fixtures.T0.minusSeconds(3600), Fixtures.DAY.toInstant())
                .build();
        Fixtures.console(service).saveEvent(event);

        AtomicInteger next = new AtomicInteger();
        AtomicBoolean registering = new AtomicBoolean(true);
        AtomicInteger confirmations = new AtomicInteger();
        List<Runnable> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            tasks.add(() -> {
                for (int i = next.getAndIncrement(); i < ATTEMPTS; i = next.getAndIncrement()) {
                    RegistrationOutcome o = service.register(
                            Fixtures.person(event, "p" + i + "@example.no").build());
                    assertThat(o).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
                }
            });
        }
        // Two people confirm as the mails arrive: every third address.
        for (int t = 0; t < 2; t++) {
            int offset = t;
            tasks.add(() -> {
                for (int i = offset; i < ATTEMPTS; ) {
                    String address = "p" + i + "@example.no";
                    if (i % 3 != 0) {
                        i += 2;
                    } else if (mail.to(address).isEmpty()) {
                        if (!registering.get()) {
                            i += 2; // expired unseen? every registration sends its mail first
                        } else {
                            Thread.onSpinWait();
                        }
                    } else {
                        try {
                            // No link if the place had expired before the mail went out.
                            if (mail.findLastLink(address, LinkPurpose.CONFIRM_ADDRESS)
                                    .map(service::confirmAddress)
                                    .isPresent()) {
                                confirmations.incrementAndGet();
                            }
                        } catch (RegistrationException tooLate) {
                            // expired meanwhile: the place has moved on
                        }
                        i += 2;
                    }
                }
            });
        }
        // The clock moves and the job expires what is due.
        tasks.add(() -> {
            while (registering.get()) {
                clock.advance(Duration.ofSeconds(20));
                service.expireUnconfirmed();
                // (The invariants are checked once the writers stop: store reads are not one snapshot.)
            }
        });
        runInParallel(tasks, registering, THREADS);

        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isLessThanOrEqualTo(SEATS);
        Invariants.check(store, event, "after registering");

        // Everyone left unconfirmed runs out; the seats pass to confirmed people in line.
        clock.advance(Duration.ofMinutes(6));
        service.expireUnconfirmed();
        Invariants.check(store, event, "after expiry");
        List<Registration> all = store.findRegistrations(event.id());
        assertThat(all).hasSize(ATTEMPTS);
        assertThat(all.stream().filter(r -> r.status().isActive()))
                .allSatisfy(r -> assertThat(r.addressConfirmed()).isTrue());
        long seated = all.stream()
                .filter(r -> r.status() == RegistrationStatus.CONFIRMED)
                .count();
        long active = all.stream().filter(r -> r.status().isActive()).count();
        assertThat(seated).isEqualTo(Math.min(SEATS, active));
        assertThat(confirmations.get()).isPositive();
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo((int) seated);
    }

    /** Runs every task at once; the first {@code registrars} are the registering threads. */
    private static void runInParallel(List<Runnable> tasks, AtomicBoolean registering, int registrars)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (int i = 0; i < registrars; i++) {
                futures.get(i).get(120, TimeUnit.SECONDS);
            }
            registering.set(false);
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
