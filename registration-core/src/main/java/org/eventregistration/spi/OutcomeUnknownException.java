package org.eventregistration.spi;

/**
 * A store failed in a way that leaves the outcome unknown: the connection died while the unit of
 * work was being committed, so it may or may not have been stored. Unlike its parent, it does not
 * promise that nothing was written. Retry with the same idempotency key: a registration that was
 * stored is then answered as {@link
 * org.eventregistration.registration.RegistrationOutcome.Repeated}, and its owner has the link by
 * e-mail either way.
 */
public class OutcomeUnknownException extends StoreException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public OutcomeUnknownException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
