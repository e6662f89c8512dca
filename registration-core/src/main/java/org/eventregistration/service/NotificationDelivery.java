package org.eventregistration.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.spi.UndeliverableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when a notification counts as delivered: once every listener took it without throwing;
 * until then it stays pending in the store and is delivered again (at least once), after a wait
 * that grows with every failure ({@link DeliveryRetry}), until it is set aside as undeliverable.
 */
final class NotificationDelivery {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    private static final int PAGE = 100;

    private final RegistrationStore store;
    private final List<RegistrationListener> listeners;
    private final Lookups lookups;
    private final Links links;
    private final Clock clock;
    private final DeliveryRetry retry;

    NotificationDelivery(
            RegistrationStore store,
            List<RegistrationListener> listeners,
            Lookups lookups,
            Links links,
            Clock clock,
            DeliveryRetry retry) {
        this.store = store;
        this.listeners = List.copyOf(listeners);
        this.lookups = lookups;
        this.links = links;
        this.clock = clock;
        this.retry = retry;
    }

    /** Delivers the notifications of a change once the store says it is committed. */
    void afterCommit(List<Notification> notifications) {
        store.afterCommit(() -> deliverCommitted(notifications));
    }

    /**
     * Delivers the notifications of a committed change. The change stands whatever happens here:
     * if the store cannot mark them delivered, they stay pending and {@link #deliverPending}
     * delivers them again (at least once), so the caller still gets its outcome.
     */
    void deliverCommitted(List<Notification> notifications) {
        try {
            deliver(notifications);
        } catch (RuntimeException e) {
            log.warn(
                    "notifications delivered but not marked delivered; they stay pending: notifications={}",
                    notifications.stream().map(Notification::id).toList(),
                    e);
        }
    }

    /** Delivers what was left pending, page by page, until none is left or a listener keeps failing. */
    int deliverPending() {
        int delivered = 0;
        for (int round = 0; round < 100; round++) {
            List<Notification> pending = store.pendingNotifications(clock.instant(), PAGE);
            if (pending.isEmpty()) {
                break;
            }
            int ok = deliver(pending);
            delivered += ok;
            if (ok < pending.size()) {
                break; // some listener keeps failing; try again later
            }
        }
        return delivered;
    }

    private int deliver(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return 0;
        }
        List<String> delivered = new ArrayList<>();
        for (Notification n : notifications) {
            LogContext context = LogContext.registration(n.eventId(), n.registrationId());
            try {
                if (deliverOne(n)) {
                    delivered.add(n.id());
                }
            } finally {
                context.close();
            }
        }
        if (!delivered.isEmpty()) {
            store.markDelivered(delivered);
        }
        return delivered.size();
    }

    /** Hands one notification to every listener; true if all took it, else records why not. */
    private boolean deliverOne(Notification n) {
        boolean ok = true;
        boolean never = false;
        DeliveryContext context = new DeliveryContext(n, store, lookups, links);
        for (RegistrationListener listener : listeners) {
            try {
                listener.onDelivery(context);
            } catch (UndeliverableException e) {
                ok = false;
                never = true;
                log.warn(
                        "listener cannot deliver, set aside: notification={} kind={} registration={}",
                        n.id(),
                        n.kind(),
                        n.registrationId(),
                        e);
            } catch (RuntimeException e) {
                ok = false;
                log.warn(
                        "listener failed; notification stays pending: notification={} kind={} registration={}",
                        n.id(),
                        n.kind(),
                        n.registrationId(),
                        e);
            }
        }
        if (never) {
            setAside(n);
        } else if (!ok) {
            recordFailure(n);
        }
        return ok;
    }

    /** Counts a failed attempt: the notification waits for its next one, or is set aside. */
    private void recordFailure(Notification n) {
        try {
            if (store.recordDeliveryFailure(n.id(), clock.instant(), retry)) {
                log.warn(
                        "notification set aside as undeliverable after {} attempts: notification={} kind={} event={}"
                                + " registration={}",
                        retry.maxAttempts(),
                        n.id(),
                        n.kind(),
                        n.eventId(),
                        n.registrationId());
            }
        } catch (RuntimeException e) {
            // It stays pending as it was: delivered again on the next run, without the wait.
            log.warn("failed delivery not recorded: notification={}", n.id(), e);
        }
    }

    private void setAside(Notification n) {
        try {
            store.setAside(n.id(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("undeliverable notification not set aside: notification={}", n.id(), e);
        }
    }

    /** Sets a notification aside at once: its message bounced. */
    void reportBounce(String notificationId) {
        store.setAside(notificationId, clock.instant());
        log.info("notification set aside, bounced: notification={}", notificationId);
    }
}
