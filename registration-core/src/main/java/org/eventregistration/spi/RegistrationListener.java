package org.eventregistration.spi;

/**
 * Told about changes after they are committed: send the confirmation mail, the waiting-list
 * offer, the calendar invitation.
 *
 * <p>Called on the thread that made the change, after the store's unit of work has committed, or
 * by {@link org.eventregistration.service.RegistrationService#deliverPendingNotifications()} for
 * notifications left undelivered (a listener threw, or the process stopped). Delivery is at least
 * once: use {@link Notification#id()} to drop duplicates. A listener that throws is logged and
 * the notification stays pending for a later delivery. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RegistrationListener {

    /** Handles one notification. */
    void onNotification(Notification notification);

    /**
     * Handles one notification with what a message about it needs: the person, the event and a
     * fresh link ({@link Delivery}). A listener that writes to the person overrides this; the
     * default hands the notification to {@link #onNotification}.
     */
    default void onDelivery(Delivery delivery) {
        onNotification(delivery.notification());
    }

    /** A listener that does nothing. */
    static RegistrationListener noop() {
        return n -> {};
    }
}
