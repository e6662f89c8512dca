package org.eventregistration.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a notification whose delivery failed is tried again: after {@code firstDelay}, doubling
 * with every failure up to {@code maxDelay}, until it has failed {@code maxAttempts} times; then
 * it is set aside as undeliverable (kept, counted and shown to the organiser, never dropped).
 * Immutable and thread-safe.
 *
 * @param maxAttempts how many failed attempts set it aside: 1 to 100
 * @param firstDelay the wait after the first failure: 1 second to {@code maxDelay}
 * @param maxDelay the longest wait between attempts: up to 7 days
 */
public record DeliveryRetry(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    /** 8 attempts, waiting 1, 2, 4 … minutes, at most 6 hours: about two hours in all. */
    public static final DeliveryRetry DEFAULT = new DeliveryRetry(8, Duration.ofMinutes(1), Duration.ofHours(6));

    /** Validates. */
    public DeliveryRetry {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 100 but was " + maxAttempts);
        }
        if (firstDelay.compareTo(Duration.ofSeconds(1)) < 0 || firstDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException(
                    "firstDelay must be 1 second to maxDelay (" + maxDelay + ") but was " + firstDelay);
        }
        if (maxDelay.compareTo(Duration.ofDays(7)) > 0) {
            throw new IllegalArgumentException("maxDelay must be at most 7 days but was " + maxDelay);
        }
    }

    /**
     * When to try again after {@code failures} failed attempts, counted from {@code now}; empty
     * once {@code failures} reaches {@link #maxAttempts()}: set it aside.
     */
    public Optional<Instant> nextAttempt(int failures, Instant now) {
        Objects.requireNonNull(now, "now");
        if (failures >= maxAttempts) {
            return Optional.empty();
        }
        Duration delay = firstDelay;
        for (int i = 1; i < failures && delay.compareTo(maxDelay) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return Optional.of(now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay));
    }
}
