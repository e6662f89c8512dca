package org.eventregistration.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an application on the starter relies on, run against each database by a subclass: a
 * registration inside the application's transaction commits or rolls back with it, listeners
 * hear of it only after the commit, and registrations outside any transaction are combined.
 */
abstract class SpringTransactionsContract {
    static final int THREADS = 8;
    static final int PER_THREAD = 25;

    @Autowired
    RegistrationService service;

    @Autowired
    RegistrationStore store;

    @Autowired
    TestApplication.Registrations registrations;

    @Autowired
    TestApplication.RecordingListener listener;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theStoreIsTheJdbcStoreAndJoinsOnlyInsideATransaction() {
        assertThat(store).isInstanceOf(JdbcRegistrationStore.class);
        assertThat(store.joinsCallerTransactions()).isFalse();
        Boolean insideATransaction = transactions.execute(status -> store.joinsCallerTransactions());
        assertThat(insideATransaction).isTrue();
        assertThat(store.joinsCallerTransactions()).isFalse();
    }

    @Test
    void aRegistrationInsideATransactionalMethodCommitsWithItAndListenersHearAfterTheCommit() {
        Event event = TestEvents.saveOpenEvent(service, 10);
        TestApplication.InTransaction result =
                registrations.register(TestEvents.request(event, "kari@asker.kommune.no"));

        assertThat(result.joined()).isTrue();
        assertThat(result.outcome()).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(result.deliveredMeanwhile()).doesNotContain("kari@asker.kommune.no");
        assertThat(listener.delivered).contains("kari@asker.kommune.no");
        assertThat(service.console(OrganiserId.DEFAULT, "ola")
                        .statistics(event.id())
                        .seatsTaken())
                .isEqualTo(1);
    }

    @Test
    void aRegistrationInsideATransactionalMethodRollsBackWithIt() {
        Event event = TestEvents.saveOpenEvent(service, 10);

        assertThatThrownBy(() -> registrations.registerThenFail(TestEvents.request(event, "per@asker.kommune.no")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the caller's own work failed");

        assertThat(service.console(OrganiserId.DEFAULT, "ola")
                        .statistics(event.id())
                        .seatsTaken())
                .isZero();
        assertThat(service.console(OrganiserId.DEFAULT, "ola").registrations(event.id()))
                .isEmpty();
        assertThat(listener.delivered).doesNotContain("per@asker.kommune.no");
        // The seat is free again: the same person gets it now, outside any transaction.
        assertThat(service.register(TestEvents.request(event, "per@asker.kommune.no")))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void concurrentRegistrationsOutsideATransactionAreCombined() throws Exception {
        Event event = TestEvents.saveOpenEvent(service, THREADS * PER_THREAD);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        int commitsBefore = TestApplication.COMMITS.get();
        try {
            List<Future<List<RegistrationOutcome>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<RegistrationOutcome> outcomes = new ArrayList<>();
                    for (int i = 0; i < PER_THREAD; i++) {
                        outcomes.add(
                                service.register(TestEvents.request(event, "p" + thread + "-" + i + "@example.org")));
                    }
                    return outcomes;
                }));
            }
            for (Future<List<RegistrationOutcome>> f : futures) {
                assertThat(f.get(120, TimeUnit.SECONDS)).allMatch(o -> o instanceof RegistrationOutcome.Confirmed);
            }
        } finally {
            pool.shutdownNow();
        }
        int commits = TestApplication.COMMITS.get() - commitsBefore;
        int registered = THREADS * PER_THREAD;
        assertThat(service.console(OrganiserId.DEFAULT, "ola")
                        .statistics(event.id())
                        .seatsTaken())
                .isEqualTo(registered);
        // One unit of work (and commit) per registration if nothing were combined.
        assertThat(commits)
                .as("commits for %d registrations from %d threads", registered, THREADS)
                .isLessThan(registered);
    }
}
