package org.eventregistration.mail;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;
import org.eventregistration.spi.Notification;

/**
 * An e-mail could not be handed to the SMTP server: the server is down or refused it, the
 * credentials are wrong, the connection timed out. Thrown from {@link MailNotifier#onDelivery}, so
 * the notification stays pending and {@link
 * org.eventregistration.service.RegistrationService#deliverPendingNotifications()} sends it again
 * later. The message names the notification id and kind only, never the address; the cause is the
 * Jakarta Mail exception.
 */
public final class MailDeliveryException extends RegistrationException {
    private static final long serialVersionUID = 1L;

    private final String notificationId;

    MailDeliveryException(Notification notification, Throwable cause) {
        super(
                "could not send the e-mail for notification " + notification.id() + " (" + notification.kind() + "): "
                        + cause.getClass().getSimpleName() + "; it stays pending and is sent again later",
                Reason.of("error.unexpected"),
                cause);
        this.notificationId = notification.id();
    }

    /** The id of the notification whose e-mail failed. */
    public String notificationId() {
        return notificationId;
    }
}
