package org.eventregistration.spring;

import java.time.Clock;
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
    private final RegistrationHealthCheck check;

    /** A health indicator for this store; the age of the oldest notification by this clock. */
    public RegistrationHealthIndicator(RegistrationStore store, Clock clock) {
        this.check = new RegistrationHealthCheck(store, clock);
    }

    @Override
    public Health health() {
        RegistrationHealthCheck.Result result = check.check();
        return Health.status(result.status()).withDetails(result.details()).build();
    }
}
