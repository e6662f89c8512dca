package org.eventregistration.jdbc;

import java.sql.SQLException;

/**
 * Carries a database failure out of an {@link org.eventregistration.spi.EventTransaction} method
 * (which cannot throw {@link SQLException}) to the end of the unit of work, where {@link
 * UnitsOfWork} throws the {@link SQLException} itself again.
 */
final class SqlFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SqlFailure(SQLException cause) {
        super(cause.getMessage(), cause, false, false);
    }

    SQLException sql() {
        return (SQLException) getCause();
    }
}
