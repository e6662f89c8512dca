package org.eventregistration.spi;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;

/**
 * A listener throws this when a notification's message can never be delivered (the mail server
 * refuses the address for good): the notification is then set aside as undeliverable at once,
 * instead of being tried again. Any other exception from a listener means "try again later".
 */
public class UndeliverableException extends RegistrationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message must not carry personal data (it is logged). */
    public UndeliverableException(String message, Throwable cause) {
        super(message, Reason.of("error.unexpected"), cause);
    }
}
