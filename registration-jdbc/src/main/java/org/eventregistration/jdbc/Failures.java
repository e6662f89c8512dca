package org.eventregistration.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.OutcomeUnknownException;
import org.eventregistration.spi.StoreException;

/**
 * Decides which exception a database failure becomes: a {@link DuplicateRegistrationException} for
 * a unique constraint violation, an {@link OutcomeUnknownException} for a commit in doubt, a {@link
 * StoreException} keeping the SQLState for anything else.
 */
final class Failures {
    private Failures() {}

    /**
     * The failure inside a failed JDBC batch: drivers report a constraint violation or deadlock in
     * a batch as a {@link BatchUpdateException} whose own SQLState or error code may be generic.
     */
    static SQLException unwrapBatch(SQLException e) {
        if (e instanceof BatchUpdateException) {
            SQLException next = e.getNextException();
            if (next != null && (next.getSQLState() != null || next.getErrorCode() != 0)) {
                return next;
            }
            if (e.getCause() instanceof SQLException cause) {
                return cause;
            }
        }
        return e;
    }

    /**
     * The exception the store throws when the connection broke while committing: the transaction
     * may or may not have been committed.
     */
    static OutcomeUnknownException inDoubt(String operation, EventId eventId, SQLException e) {
        String where = operation + (eventId != null ? " on event " + eventId : "");
        return new OutcomeUnknownException(
                "JDBC store: the connection broke while committing " + where + " (SQLState " + e.getSQLState()
                        + ", error " + e.getErrorCode() + "); it may or may not have been stored",
                e.getSQLState(),
                e);
    }

    /** The exception the store throws for a failed operation; the transaction was rolled back. */
    static StoreException translate(Dialect dialect, String operation, EventId eventId, SQLException e) {
        String where = operation + (eventId != null ? " on event " + eventId : "");
        String state = e.getSQLState();
        if (dialect.isUniqueViolation(e)) {
            return new DuplicateRegistrationException(
                    "JDBC store: " + where + " violates a unique constraint (SQLState " + state + ")", state, e);
        }
        return new StoreException(
                "JDBC store: " + where + " failed (SQLState " + state + ", error " + e.getErrorCode()
                        + "); nothing was written",
                state,
                e);
    }
}
