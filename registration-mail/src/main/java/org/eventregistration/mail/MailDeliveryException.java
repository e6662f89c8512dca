package org.eventregistration.mail;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;
import org.eventregistration.spi.Notification;

/**
 * An e-mail could not be handed to the SMTP server: the server is down or refused it, the
 * credentials are wrong, the connection timed out. Thrown from {@link MailNotifier#onDelivery}, so
 * the notification stays pending and {@link
 * org.eventregistration.service.RegistrationService#deliverPendingNotifications()} sends it again
 * later. The message names the notification id and kind, the Jakarta Mail exception's class and
 * the SMTP reply code, never the address; the Jakarta Mail exception is not kept as the cause,
 * because an SMTP server's reply often quotes the address and the cause would reach the logs.
 */
public final class MailDeliveryException extends RegistrationException {
    private static final long serialVersionUID = 1L;

    private final String notificationId;

    MailDeliveryException(Notification notification, Exception failure) {
        super(
                "could not send the e-mail for notification " + notification.id() + " (" + notification.kind() + "): "
                        + SmtpReplies.describe(failure) + "; it stays pending and is sent again later",
                Reason.of("error.unexpected"));
        this.notificationId = notification.id();
    }

    /** The id of the notification whose e-mail failed. */
    public String notificationId() {
        return notificationId;
    }
}
