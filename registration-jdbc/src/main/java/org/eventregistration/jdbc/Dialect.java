package org.eventregistration.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * Everything that differs between the supported databases, in one place. The statements
 * themselves are portable SQL (see {@link Sql}); what differs is how errors are classified (a
 * deadlock, a duplicate, a lost connection) and how a transaction of the store's own is set up. The
 * schema differences live in the per-database migration folders.
 */
enum Dialect {
    POSTGRESQL {
        @Override
        boolean isTransient(SQLException e) {
            // serialization_failure, deadlock_detected
            return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean endsSession(SQLException e) {
            // 57P01 admin_shutdown (pg_terminate_backend), 57P02 crash_shutdown, 57P03
            // cannot_connect_now (starting up), 57P05 idle session timeout ...
            return e.getSQLState() != null && e.getSQLState().startsWith("57P0");
        }

        @Override
        boolean needsLockingReads(Connection c) {
            // Under REPEATABLE READ or SERIALIZABLE, PostgreSQL fails the ledger lock with 40001 when
            // another transaction changed it: plain reads after the lock are never stale.
            return false;
        }
    },
    MARIADB {
        @Override
        boolean isTransient(SQLException e) {
            // 1213 deadlock (SQLState 40001); 1020 "record has changed since last read" (optimistic
            // snapshot check under REPEATABLE READ in recent MariaDB versions).
            return "40001".equals(e.getSQLState()) || e.getErrorCode() == 1213 || e.getErrorCode() == 1020;
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return e.getErrorCode() == 1062 || e.getErrorCode() == 1586;
        }

        @Override
        boolean endsSession(SQLException e) {
            // 1927 connection was killed, 1053 server shutdown in progress, 2006 server has gone
            // away, 2013 lost connection during a query
            int code = e.getErrorCode();
            return code == 1927 || code == 1053 || code == 2006 || code == 2013;
        }

        @Override
        int ownIsolation() {
            // InnoDB's default REPEATABLE READ would read registrations from a snapshot taken before
            // the ledger lock was granted, and takes gap locks that deadlock unrelated events.
            return Connection.TRANSACTION_READ_COMMITTED;
        }

        @Override
        boolean needsLockingReads(Connection c) throws SQLException {
            // A joined transaction under REPEATABLE READ reads from its snapshot, which may predate
            // the ledger lock; locking reads see the latest committed rows.
            return c.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED;
        }
    },
    H2 {
        @Override
        boolean isTransient(SQLException e) {
            // 40001 deadlock; 90131 concurrent update of the same row
            return "40001".equals(e.getSQLState()) || e.getErrorCode() == 90131;
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }

        @Override
        boolean endsSession(SQLException e) {
            // 90067 connection broken (server mode), 90098 database closed (e.g. after an out of
            // memory), 90121 database closed on VM shutdown.
            return e.getErrorCode() == 90067 || e.getErrorCode() == 90098 || e.getErrorCode() == 90121;
        }

        @Override
        boolean needsLockingReads(Connection c) throws SQLException {
            return c.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED;
        }
    };

    static Dialect of(Database database) {
        return switch (database) {
            case POSTGRESQL -> POSTGRESQL;
            case MARIADB -> MARIADB;
            case H2 -> H2;
        };
    }

    /** A deadlock or serialization failure: the whole transaction may be run again. */
    abstract boolean isTransient(SQLException e);

    /** A unique constraint was violated. */
    abstract boolean isUniqueViolation(SQLException e);

    /**
     * The connection broke, or the server ended the session: whatever was in flight may or may not
     * have run. SQLState class 08 (connection exception), the JDBC connection exceptions, an I/O
     * failure underneath, or a database's own code for a session it ended.
     */
    boolean isConnectionLost(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException s
                    && ((s.getSQLState() != null && s.getSQLState().startsWith("08")) || endsSession(s))) {
                return true;
            }
        }
        return false;
    }

    /** The database's own code for a session it ended (killed, shut down). */
    abstract boolean endsSession(SQLException e);

    /** The isolation level for the store's own transactions; -1 to keep the connection's. */
    int ownIsolation() {
        return -1;
    }

    /** True if reads inside a unit of work on this connection must lock to see the latest rows. */
    abstract boolean needsLockingReads(Connection c) throws SQLException;

    /**
     * True if a prepared statement may hold several statements, sent in one round trip (the
     * PostgreSQL driver does this in its extended protocol without any URL option).
     */
    boolean multiStatements() {
        return this == POSTGRESQL;
    }

    /** The clause that makes a select a locking read. */
    String forUpdate() {
        return " FOR UPDATE";
    }

    /** Pages a query's rows; the statement binds the limit, then the offset, as its last parameters. */
    String limitOffset() {
        return " LIMIT ? OFFSET ?";
    }

    /** Limits a query's rows; the statement binds the limit as its last parameter. */
    String limit() {
        return " LIMIT ?";
    }
}
