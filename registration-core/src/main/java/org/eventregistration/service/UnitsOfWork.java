package org.eventregistration.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.IdGenerator;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;

/**
 * Runs work on one event as one atomic unit of work in the store, and tells the listeners of its
 * notifications only after the commit.
 */
final class UnitsOfWork {
    private final RegistrationStore store;
    private final IdGenerator ids;
    private final NotificationDelivery delivery;

    UnitsOfWork(RegistrationStore store, IdGenerator ids, NotificationDelivery delivery) {
        this.store = store;
        this.ids = ids;
        this.delivery = delivery;
    }

    /**
     * Runs a unit of work and delivers its notifications once it is committed; a store that joined
     * the caller's transaction defers this until that commits (see {@link
     * RegistrationStore#afterCommit}).
     */
    <T> T run(EventId eventId, Instant now, Function<UnitOfWork, T> work) {
        Committed<T> committed = runUndelivered(eventId, now, List.of(), work);
        delivery.afterCommit(committed.notifications());
        return committed.value();
    }

    /**
     * Runs a unit of work; the listeners are not told yet. {@code emails}: the addresses the work
     * will look up, asked for first, before anything else in the unit of work (see {@link
     * EventTransaction#findActiveByEmails}).
     */
    <T> Committed<T> runUndelivered(EventId eventId, Instant now, List<String> emails, Function<UnitOfWork, T> work) {
        List<Notification> published = new ArrayList<>();
        LogContext context = LogContext.event(eventId);
        try {
            return new Committed<>(runIn(eventId, now, emails, work, published), published);
        } finally {
            context.close();
        }
    }

    private <T> T runIn(
            EventId eventId,
            Instant now,
            List<String> emails,
            Function<UnitOfWork, T> work,
            List<Notification> published) {
        return store.inTransaction(eventId, tx -> {
            if (!emails.isEmpty()) {
                tx.findActiveByEmails(emails);
            }
            UnitOfWork fx = new UnitOfWork(tx, now, ids);
            T value = work.apply(fx);
            fx.flushLedger();
            // The callback may run again if the store retries: keep only the last attempt's notifications.
            published.clear();
            published.addAll(fx.notifications());
            return value;
        });
    }

    /** What a unit of work returned, and the notifications it published, not yet delivered. */
    record Committed<T>(T value, List<Notification> notifications) {}
}
