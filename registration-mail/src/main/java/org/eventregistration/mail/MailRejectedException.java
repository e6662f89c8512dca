package org.eventregistration.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.UndeliverableException;

/**
 * The SMTP server refused the recipient for good (a 5xx reply to RCPT TO: no such mailbox, address
 * rejected): the notification is set aside as undeliverable at once, not tried again. The message
 * names the notification, the exception's class and the reply code only, never the address.
 */
public final class MailRejectedException extends UndeliverableException {
    private static final long serialVersionUID = 1L;

    MailRejectedException(Notification notification, MessagingException failure) {
        // Not the cause: an SMTP reply often quotes the address, and the cause would reach the logs.
        super(
                "the mail server refused the recipient of notification " + notification.id() + " ("
                        + notification.kind() + ") for good (" + SmtpReplies.describe(failure)
                        + "); it is set aside as undeliverable",
                null);
    }

    /** True if {@code e} is a permanent refusal of the recipient: an SMTP 5xx reply to RCPT TO. */
    static boolean permanent(MessagingException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SendFailedException s && s.getNextException() != null && s.getNextException() != t) {
                if (s.getNextException() instanceof MessagingException next && permanent(next)) {
                    return true;
                }
            }
        }
        return false;
    }
}
