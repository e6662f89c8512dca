package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test clock stands still, moves when told, and shares its time with its other zones. */
class MutableClockTest {
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void standsStillUntilMoved() {
        MutableClock clock = MutableClock.at(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock.millis()).isEqualTo(START.toEpochMilli());
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        clock.advance(Duration.ofHours(25));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(25)));
        clock.advance(Duration.ofHours(-1));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(24)));
        clock.setInstant(START);
        assertThat(clock.instant()).isEqualTo(START);
        assertThat(clock).hasToString("MutableClock[2026-11-20T08:00:00Z,Z]");
    }

    @Test
    void otherZonesShareTheTime() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        MutableClock utc = MutableClock.at(START);
        MutableClock inOslo = utc.withZone(oslo);
        assertThat(inOslo.getZone()).isEqualTo(oslo);
        assertThat(utc.withZone(ZoneOffset.UTC)).isSameAs(utc);
        utc.advance(Duration.ofMinutes(5));
        assertThat(inOslo.instant()).isEqualTo(START.plusSeconds(300));
        inOslo.setInstant(START);
        assertThat(utc.instant()).isEqualTo(START);
        assertThat(MutableClock.at(START, oslo).getZone()).isEqualTo(oslo);
    }

    @Test
    void refusesNulls() {
        MutableClock clock = MutableClock.at(START);
        assertThatThrownBy(() -> MutableClock.at(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MutableClock.at(START, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.setInstant(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.advance(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> clock.withZone(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void concurrentAdvancesAllCount() throws Exception {
        MutableClock clock = MutableClock.at(START);
        int threads = 8;
        int each = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                MutableClock view = t % 2 == 0 ? clock : clock.withZone(ZoneId.of("Europe/Oslo"));
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        view.advance(Duration.ofMillis(1));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(clock.instant()).isEqualTo(START.plusMillis((long) threads * each));
    }
}
