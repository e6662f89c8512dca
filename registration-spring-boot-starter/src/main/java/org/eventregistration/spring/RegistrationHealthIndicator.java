package org.eventregistration.spring;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.eventregistration.spi.OutboxBacklog;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code registration} health of Spring Boot 4's Actuator: DOWN when the store cannot be read
 * (its database unreachable), otherwise UP with the outbox's backlog: {@code pending}
 * notifications, how many of them are {@code retrying} after a failed delivery, the age of the
 * oldest pending one ({@code oldestPendingAge}, ISO-8601) and how many were {@code setAside} as
 * undeliverable. A backlog is reported, not judged: alert on the metrics' values.
 *
 * <p>Reads the backlog with {@link RegistrationStore#outboxBacklog()}, which claims nothing, so it
 * is safe on every node and at any interval. Thread-safe. A failure is reported by its exception's
 * class only, since a message may carry more than ids.
 */
public final class RegistrationHealthIndicator implements HealthIndicator {
    private final RegistrationStore store;
    private final Clock clock;

    /** A health indicator for this store; the age of the oldest notification by this clock. */
    public RegistrationHealthIndicator(RegistrationStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        Optional<OutboxBacklog> read;
        try {
            read = store.outboxBacklog();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e.getClass().getName()).build();
        }
        if (read.isEmpty()) {
            // A store of the application's own that does not count its outbox: nothing to check here.
            return Health.unknown()
                    .withDetail("outbox", "not reported by this store")
                    .build();
        }
        OutboxBacklog backlog = read.get();
        return Health.up()
                .withDetail("pending", backlog.pending())
                .withDetail("retrying", backlog.retrying())
                .withDetail(
                        "oldestPendingAge",
                        backlog.oldestPendingAge(clock.instant()).toString())
                .withDetail("setAside", backlog.setAside())
                .build();
    }
}
