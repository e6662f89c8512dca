package org.eventregistration.spi;

import java.util.Optional;
import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;

/**
 * A store failed: the database is unreachable, a statement failed, a lock wait timed out. The
 * unit of work was rolled back; nothing of it was stored. Where that cannot be known (the
 * connection died during the commit), the subclass {@link OutcomeUnknownException} says so.
 */
public class StoreException extends RegistrationException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    /** Creates the exception. */
    public StoreException(String message, Throwable cause) {
        this(message, null, cause);
    }

    /** Creates the exception with the SQLState of the underlying failure. */
    public StoreException(String message, String sqlState, Throwable cause) {
        super(message, Reason.of("error.store"), cause);
        this.sqlState = sqlState;
    }

    /** The SQLState of the underlying database error, if there was one. */
    public Optional<String> sqlState() {
        return Optional.ofNullable(sqlState);
    }
}
