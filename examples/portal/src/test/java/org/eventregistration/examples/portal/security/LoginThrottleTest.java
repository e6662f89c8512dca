package org.eventregistration.examples.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Parallel password attempts wait in turn: sending them at once does not skip the delays. */
class LoginThrottleTest {
    private final LoginThrottle throttle = new LoginThrottle(new LoginProperties(3, null, null, null, null));

    @Test
    void attemptsSentAtTheSameTimeWaitOneAfterAnother() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Duration> waits = new ArrayList<>();
        try {
            List<Callable<Duration>> attempts = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                attempts.add(() -> throttle.admit("arrangor", "10.0.0.1"));
            }
            for (Future<Duration> f : pool.invokeAll(attempts)) {
                waits.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Three free, then 1, 2, 4, 8, 16 s and the 30 s ceiling: the order among threads does not matter.
        assertThat(waits)
                .containsExactlyInAnyOrder(
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ZERO,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(8),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
    }

    @Test
    void aRightPasswordStartsTheUserOverAndNoLongerCountsAgainstTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.admit("vert", "10.0.0.2");
        }
        throttle.succeeded("vert", "10.0.0.2");
        assertThat(throttle.admit("vert", "10.0.0.3")).isZero();
        // The address keeps its three earlier wrong attempts: the next one from it is the fourth.
        assertThat(throttle.admit("annen", "10.0.0.2")).isEqualTo(Duration.ofSeconds(1));
    }
}
