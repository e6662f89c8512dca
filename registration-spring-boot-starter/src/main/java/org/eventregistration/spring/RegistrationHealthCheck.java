package org.eventregistration.spring;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eventregistration.spi.OutboxBacklog;
import org.eventregistration.spi.RegistrationStore;

/**
 * What the {@code registration} health says, apart from the Actuator API it is said through
 * (Spring Boot 4's or 3.5's): DOWN when the store cannot be read, UNKNOWN when it does not count
 * its outbox, otherwise UP with the backlog. Thread-safe.
 */
final class RegistrationHealthCheck {
    private final RegistrationStore store;
    private final Clock clock;

    RegistrationHealthCheck(RegistrationStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A status code of Actuator's ({@code UP}, {@code DOWN}, {@code UNKNOWN}) and its details. */
    record Result(String status, Map<String, Object> details) {}

    Result check() {
        Optional<OutboxBacklog> read;
        try {
            read = store.outboxBacklog();
        } catch (RuntimeException e) {
            // The class only: a message may carry more than ids.
            return new Result("DOWN", Map.of("error", e.getClass().getName()));
        }
        if (read.isEmpty()) {
            // A store of the application's own that does not count its outbox: nothing to check here.
            return new Result("UNKNOWN", Map.of("outbox", "not reported by this store"));
        }
        OutboxBacklog backlog = read.get();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("pending", backlog.pending());
        details.put("retrying", backlog.retrying());
        details.put(
                "oldestPendingAge", backlog.oldestPendingAge(clock.instant()).toString());
        details.put("setAside", backlog.setAside());
        return new Result("UP", details);
    }
}
