package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A piece of the store's SQL work on a connection, run in a transaction by {@link Transactions};
 * it may run more than once (see {@link Retrying}).
 */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
