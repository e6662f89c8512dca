package org.eventregistration.spi;

import org.eventregistration.i18n.Reason;

/** A store refused a registration that would duplicate an id, an active e-mail or an idempotency key. */
public class DuplicateRegistrationException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public DuplicateRegistrationException(String message) {
        super(message, null);
    }

    /** Creates the exception with the SQLState of the failure. */
    public DuplicateRegistrationException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }

    @Override
    public Reason reason() {
        return Reason.of("error.duplicate");
    }
}
