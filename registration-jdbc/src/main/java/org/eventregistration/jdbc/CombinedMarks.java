package org.eventregistration.jdbc;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Combines concurrent {@code markDelivered} calls into few deletes: whoever finds no delete under
 * way sends the ids of everyone who called meanwhile (up to four statements' worth at a time), so a
 * call may return while its ids travel with another caller's statement. If that fails, or the
 * process stops first, the notifications stay pending and are delivered again (at least once, as
 * always). Only for the store's own transactions.
 */
final class CombinedMarks {
    private final Outbox outbox;
    /** Notification ids waiting to be sent by whoever holds {@link #deleting}. */
    private final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();

    private final ReentrantLock deleting = new ReentrantLock();

    CombinedMarks(Outbox outbox) {
        this.outbox = outbox;
    }

    void markDelivered(Collection<String> notificationIds) {
        delivered.addAll(notificationIds);
        // Whoever holds the lock sends everything queued, and looks again after letting go: an id
        // queued by a caller who found the lock taken is then seen (it was queued before that).
        while (!delivered.isEmpty() && deleting.tryLock()) {
            try {
                LinkedHashSet<String> batch = new LinkedHashSet<>();
                String id;
                while (batch.size() < Sql.MAX_DELETE * 4 && (id = delivered.poll()) != null) {
                    batch.add(id);
                }
                if (!batch.isEmpty()) {
                    outbox.delete(List.copyOf(batch));
                }
            } finally {
                deleting.unlock();
            }
        }
    }
}
