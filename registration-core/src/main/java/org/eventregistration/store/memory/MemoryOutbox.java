package org.eventregistration.store.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.OutboxBacklog;

/**
 * Keeps the in-memory store's notifications until they are delivered: in order, with the failed
 * attempts and the time of the next, and those set aside as undeliverable per event. Thread-safe.
 */
final class MemoryOutbox {
    private final ConcurrentSkipListMap<Long, Notification> outbox = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, Long> outboxIndex = new ConcurrentHashMap<>();
    /** Failed deliveries: how many, and when the next attempt is due. */
    private final ConcurrentHashMap<String, Failure> failures = new ConcurrentHashMap<>();
    /** Notifications set aside as undeliverable, per event, by outbox sequence. */
    private final ConcurrentHashMap<EventId, ConcurrentSkipListMap<Long, Notification>> undeliverable =
            new ConcurrentHashMap<>();

    private final AtomicLong outboxSequence = new AtomicLong();

    private record Failure(int attempts, Instant retryAt) {}

    /** Adds a committed notification, last in order. */
    void add(Notification n) {
        long seq = outboxSequence.incrementAndGet();
        outbox.put(seq, n);
        outboxIndex.put(n.id(), seq);
    }

    List<Notification> pending(int limit) {
        return outbox.values().stream().limit(limit).toList();
    }

    void markDelivered(Collection<String> notificationIds) {
        for (String id : notificationIds) {
            Long seq = outboxIndex.remove(id);
            failures.remove(id);
            if (seq != null) {
                outbox.remove(seq);
            }
        }
    }

    List<Notification> pending(Instant now, int limit) {
        Objects.requireNonNull(now, "now");
        return outbox.values().stream()
                .filter(n -> {
                    Failure f = failures.get(n.id());
                    return f == null || !f.retryAt().isAfter(now);
                })
                .limit(limit)
                .toList();
    }

    boolean recordFailure(String notificationId, Instant now, DeliveryRetry retry) {
        if (!outboxIndex.containsKey(notificationId)) {
            return false;
        }
        Failure f =
                failures.merge(notificationId, new Failure(1, now), (old, one) -> new Failure(old.attempts() + 1, now));
        Optional<Instant> next = retry.nextAttempt(f.attempts(), now);
        if (next.isEmpty()) {
            setAside(notificationId, now);
            return true;
        }
        failures.put(notificationId, new Failure(f.attempts(), next.get()));
        return false;
    }

    void setAside(String notificationId, Instant at) {
        Objects.requireNonNull(at, "at");
        Long seq = outboxIndex.remove(notificationId);
        if (seq == null) {
            return;
        }
        Notification n = outbox.remove(seq);
        failures.remove(notificationId);
        if (n != null) {
            undeliverable
                    .computeIfAbsent(n.eventId(), e -> new ConcurrentSkipListMap<>())
                    .put(seq, n);
        }
    }

    /** Counts what waits, without changing anything; one pass over the pending notifications. */
    OutboxBacklog backlog() {
        long pending = 0;
        long retrying = 0;
        Instant oldest = null;
        for (Notification n : outbox.values()) {
            pending++;
            if (failures.containsKey(n.id())) {
                retrying++;
            }
            if (oldest == null || n.occurredAt().isBefore(oldest)) {
                oldest = n.occurredAt();
            }
        }
        long setAside = 0;
        for (ConcurrentSkipListMap<Long, Notification> set : undeliverable.values()) {
            setAside += set.size();
        }
        return new OutboxBacklog(pending, retrying, Optional.ofNullable(oldest), setAside);
    }

    List<Notification> undeliverable(EventId eventId) {
        Objects.requireNonNull(eventId, "eventId");
        ConcurrentSkipListMap<Long, Notification> set = undeliverable.get(eventId);
        return set == null ? List.of() : List.copyOf(set.values());
    }
}
