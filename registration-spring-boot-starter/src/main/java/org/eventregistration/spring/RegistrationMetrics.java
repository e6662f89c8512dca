package org.eventregistration.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.spi.OutboxBacklog;
import org.eventregistration.spi.RegistrationObserver;
import org.eventregistration.spi.RegistrationStore;

/**
 * Micrometer metrics of the library, bound to every registry of the application:
 *
 * <ul>
 *   <li>{@code registration.outcomes} (counter) and {@code registration.register} (timer), tagged
 *       {@code outcome}: {@code confirmed}, {@code waitlisted}, {@code pending_approval}, {@code
 *       awaiting_address_confirmation}, {@code already_registered}, {@code repeated}, {@code
 *       idempotency_key_reused}, {@code rejected}, {@code invalid}, or {@code error} (the call
 *       threw); a registered group counts each member's outcome in {@code registration.outcomes};
 *   <li>{@code registration.group} (timer) tagged {@code outcome}: {@code registered} or {@code
 *       refused}, one per {@code registerGroup} call;
 *   <li>gauges of the outbox: {@code registration.outbox.pending}, {@code
 *       registration.outbox.retrying} (pending after a failed delivery), {@code
 *       registration.outbox.set.aside} (undeliverable) and {@code registration.outbox.oldest.age}
 *       (seconds), from {@link RegistrationStore#outboxBacklog()}: read-only, it claims nothing. The
 *       backlog is read at most once per {@code refresh} however many gauges and registries ask;
 *       a gauge shows NaN when the store cannot be read or does not count its outbox;
 *   <li>{@code registration.waiting} (gauge): people on the waiting lists of the events that have
 *       not started and are not cancelled, from each such event's ledger (one read per event, no
 *       registration is read), at most once per {@code refresh}; NaN when the store cannot be
 *       read.
 * </ul>
 *
 * Counts and times reach it as the service's {@link RegistrationObserver}. Thread-safe.
 */
public final class RegistrationMetrics implements MeterBinder, RegistrationObserver {
    private final RegistrationStore store;
    private final Clock clock;
    private final long refreshNanos;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    /** The counter and timer of each outcome in every registry, made once. */
    private final ConcurrentHashMap<String, List<Meters>> meters = new ConcurrentHashMap<>();
    /** The timer of each group outcome in every registry, made once. */
    private final ConcurrentHashMap<String, List<Timer>> groupTimers = new ConcurrentHashMap<>();

    private final Object lock = new Object();
    private long readAt;
    private Optional<OutboxBacklog> backlog = Optional.empty();
    private boolean read;
    private long waitingReadAt;
    private double waiting;
    private boolean waitingRead;

    /**
     * Metrics of this store's outbox, read at most once per {@code refresh}; the age of the oldest
     * notification by {@code clock}.
     */
    public RegistrationMetrics(RegistrationStore store, Clock clock, Duration refresh) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(refresh, "refresh");
        if (refresh.isNegative()) {
            throw new IllegalArgumentException("a refresh interval must not be negative but was " + refresh);
        }
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "registration.outbox.pending", "Notifications not yet delivered", b -> b.pending());
        gauge(
                registry,
                "registration.outbox.retrying",
                "Pending notifications whose delivery failed at least once",
                b -> b.retrying());
        gauge(registry, "registration.outbox.set.aside", "Notifications set aside as undeliverable", b -> b.setAside());
        TimeGauge.builder(
                        "registration.outbox.oldest.age",
                        this,
                        TimeUnit.SECONDS,
                        m -> m.backlogValue(
                                b -> b.oldestPendingAge(clock.instant()).toMillis() / 1000.0))
                .description("How long the oldest pending notification has waited")
                .register(registry);
        Gauge.builder("registration.waiting", this, RegistrationMetrics::waiting)
                .description("People on the waiting lists of the events still to come")
                .register(registry);
        registries.add(registry);
        meters.clear();
        groupTimers.clear();
    }

    @Override
    public void registered(RegistrationOutcome outcome, Duration elapsed) {
        record(kind(outcome), elapsed);
    }

    @Override
    public void registeredGroup(GroupOutcome outcome, Duration elapsed) {
        String kind = outcome instanceof GroupOutcome.Registered ? "registered" : "refused";
        for (Timer timer : groupTimers.computeIfAbsent(kind, this::groupTimers)) {
            timer.record(elapsed);
        }
        if (outcome instanceof GroupOutcome.Registered registered) {
            for (RegistrationOutcome member : registered.members()) {
                for (Meters m : meters.computeIfAbsent(kind(member), this::meters)) {
                    m.outcomes().increment();
                }
            }
        }
    }

    @Override
    public void failed(RuntimeException failure, Duration elapsed) {
        record("error", elapsed);
    }

    private void record(String outcome, Duration elapsed) {
        for (Meters m : meters.computeIfAbsent(outcome, this::meters)) {
            m.outcomes().increment();
            m.time().record(elapsed);
        }
    }

    private List<Meters> meters(String outcome) {
        return registries.stream()
                .map(registry -> new Meters(
                        Counter.builder("registration.outcomes")
                                .description("Answers to registration requests, by outcome")
                                .tag("outcome", outcome)
                                .register(registry),
                        Timer.builder("registration.register")
                                .description("Time to answer a registration request")
                                .tag("outcome", outcome)
                                .register(registry)))
                .toList();
    }

    private List<Timer> groupTimers(String outcome) {
        return registries.stream()
                .map(registry -> Timer.builder("registration.group")
                        .description("Time to answer a group registration request")
                        .tag("outcome", outcome)
                        .register(registry))
                .toList();
    }

    private record Meters(Counter outcomes, Timer time) {}

    /** {@code PendingApproval} → {@code pending_approval}. */
    static String kind(RegistrationOutcome outcome) {
        return outcome.getClass()
                .getSimpleName()
                .replaceAll("([a-z])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<OutboxBacklog> value) {
        Gauge.builder(name, this, m -> m.backlogValue(value))
                .description(description)
                .register(registry);
    }

    private double backlogValue(ToDoubleFunction<OutboxBacklog> value) {
        return backlog().map(value::applyAsDouble).orElse(Double.NaN);
    }

    /** The waiting lists' sizes summed, read again when older than the refresh interval. */
    private double waiting() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (!waitingRead || now - waitingReadAt >= refreshNanos) {
                try {
                    Instant at = clock.instant();
                    long sum = 0;
                    for (Event event : store.findEvents()) {
                        if (!event.isCancelled() && event.start().toInstant().isAfter(at)) {
                            sum += store.findLedger(event.id())
                                    .map(Ledger::waitingCount)
                                    .orElse(0);
                        }
                    }
                    waiting = sum;
                } catch (RuntimeException e) {
                    waiting = Double.NaN; // the health indicator says why
                }
                waitingReadAt = now;
                waitingRead = true;
            }
            return waiting;
        }
    }

    /** The backlog read last, read again when older than the refresh interval. */
    private Optional<OutboxBacklog> backlog() {
        synchronized (lock) {
            long now = System.nanoTime();
            if (!read || now - readAt >= refreshNanos) {
                try {
                    backlog = store.outboxBacklog();
                } catch (RuntimeException e) {
                    backlog = Optional.empty(); // shown as NaN; the health indicator says why
                }
                readAt = now;
                read = true;
            }
            return backlog;
        }
    }
}
