package org.eventregistration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.event.Event;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** {@code registration.combining=false}: every registration is a unit of work (and commit) of its own. */
@DisplayName("registration.combining=false [h2]")
@SpringBootTest(
        classes = TestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:no-combining;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000",
            "registration.combining=false",
            "registration.jobs.enabled=false"
        })
class NoCombiningTest {
    @Autowired
    RegistrationService service;

    @Autowired
    RegistrationStore store;

    @Test
    void everyRegistrationCommitsOnItsOwn() throws Exception {
        assertThat(store.joinsCallerTransactions()).isTrue(); // so the service never combines
        int threads = 4;
        int perThread = 10;
        Event event = TestEvents.saveOpenEvent(service, threads * perThread);
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int commitsBefore = TestApplication.COMMITS.get();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    for (int i = 0; i < perThread; i++) {
                        assertThat(service.register(TestEvents.request(event, "n" + thread + "-" + i + "@example.org")))
                                .isInstanceOf(RegistrationOutcome.Confirmed.class);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestApplication.COMMITS.get() - commitsBefore).isGreaterThanOrEqualTo(threads * perThread);
    }
}
