package org.eventregistration.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What waits in a store's outbox at one moment, for health checks and metrics: read without
 * claiming or changing anything ({@link RegistrationStore#outboxBacklog()}). Immutable and
 * thread-safe.
 *
 * @param pending notifications not yet delivered nor set aside, including those waiting for a retry
 * @param retrying of those, the ones whose delivery failed at least once
 * @param oldestPending when the oldest pending notification happened ({@link Notification#occurredAt()});
 *     empty when none is pending
 * @param setAside notifications set aside as undeliverable, kept for their organisers to see
 */
public record OutboxBacklog(long pending, long retrying, Optional<Instant> oldestPending, long setAside) {

    /** An empty outbox. */
    public static final OutboxBacklog EMPTY = new OutboxBacklog(0, 0, Optional.empty(), 0);

    /** Validates: counts not negative, retrying within pending, an oldest time if and only if some are pending. */
    public OutboxBacklog {
        Objects.requireNonNull(oldestPending, "oldestPending");
        if (pending < 0 || retrying < 0 || setAside < 0 || retrying > pending) {
            throw new IllegalArgumentException("counts must not be negative and retrying at most pending, but were"
                    + " pending=" + pending + " retrying=" + retrying + " setAside=" + setAside);
        }
        if (oldestPending.isPresent() != (pending > 0)) {
            throw new IllegalArgumentException("an oldest pending time goes with pending notifications: pending="
                    + pending + " oldest=" + oldestPending);
        }
    }

    /**
     * How long the oldest pending notification has waited at {@code now}: zero when none is pending
     * (or when it happened after {@code now}, with clocks apart).
     */
    public Duration oldestPendingAge(Instant now) {
        Objects.requireNonNull(now, "now");
        return oldestPending
                .map(oldest -> Duration.between(oldest, now))
                .filter(age -> !age.isNegative())
                .orElse(Duration.ZERO);
    }
}
