package org.eventregistration.examples.portal.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eventregistration.event.EventId;
import org.eventregistration.examples.portal.PublicFormProperties;
import org.eventregistration.examples.portal.PublicFormProperties.Limit;
import org.springframework.stereotype.Component;

/**
 * Rate limits on the public registration form (Bucket4j token buckets): one bucket per client
 * address and one per event, in this node's memory (at most 100,000 of each, forgotten when
 * unused for a while). Time comes from the portal's {@link Clock}. Thread-safe.
 */
@Component
class RegistrationLimits {
    private static final long MAX_KEYS = 100_000;

    private final Limit perClient;
    private final Limit perEvent;
    private final TimeMeter time;
    private final Cache<String, Bucket> clients;
    private final Cache<EventId, Bucket> events;

    RegistrationLimits(PublicFormProperties properties, Clock clock) {
        this.perClient = properties.perClient();
        this.perEvent = properties.perEvent();
        this.time = new ClockTimeMeter(clock);
        this.clients = cache(perClient.period());
        this.events = cache(perEvent.period());
    }

    private static <K> Cache<K, Bucket> cache(Duration period) {
        // A bucket unused for its whole period is full again: forgetting it changes nothing.
        return Caffeine.newBuilder()
                .maximumSize(MAX_KEYS)
                .expireAfterAccess(period)
                .build();
    }

    /**
     * Takes one registration from the client's and the event's buckets.
     *
     * @return zero if allowed; otherwise how long until the client may try again
     */
    Duration acquire(String clientAddress, EventId event) {
        Duration wait = take(clients.get(clientAddress, k -> bucket(perClient)));
        if (!wait.isZero()) {
            return wait;
        }
        return take(events.get(event, k -> bucket(perEvent)));
    }

    private static Duration take(Bucket bucket) {
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(Limit limit) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()))
                .withCustomTimePrecision(time)
                .build();
    }

    /** Bucket4j's time, read from the portal's clock so tests can move it. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
