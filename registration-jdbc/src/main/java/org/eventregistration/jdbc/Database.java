package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.eventregistration.spi.StoreException;

/**
 * The databases the JDBC store supports. The store detects which one it talks to from the JDBC
 * metadata unless the builder is told.
 */
public enum Database {
    /** PostgreSQL 12 or later (and PostgreSQL-compatible distributed databases). */
    POSTGRESQL("postgresql"),
    /** MariaDB 10.6 or later, and MySQL 8 through the same SQL. */
    MARIADB("mariadb"),
    /** H2 2.x, embedded: for trying the library out and for tests. */
    H2("h2");

    private final String folder;

    Database(String folder) {
        this.folder = folder;
    }

    /**
     * The Flyway location of this database's migrations inside the jar, for an application that
     * runs Flyway itself, for example {@code classpath:org/eventregistration/jdbc/migration/postgresql}.
     * The scripts use the placeholder {@code prefix} for the table-name prefix (set it, possibly to
     * the empty string).
     */
    public String migrationLocation() {
        return "classpath:org/eventregistration/jdbc/migration/" + folder;
    }

    /**
     * The database of a JDBC product name ({@link java.sql.DatabaseMetaData#getDatabaseProductName()}).
     *
     * @throws IllegalArgumentException if it is not a supported database
     */
    public static Database fromProductName(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || name.contains("mysql")) {
            return MARIADB;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new IllegalArgumentException(
                "unsupported database '" + productName + "': the JDBC store supports PostgreSQL, MariaDB/MySQL and H2");
    }

    /** The database the factory's connections lead to, from the JDBC metadata of one connection. */
    static Database detect(ConnectionFactory connections) {
        try {
            Connection c = connections.openConnection();
            try {
                return fromProductName(c.getMetaData().getDatabaseProductName());
            } finally {
                connections.closeConnection(c);
            }
        } catch (SQLException e) {
            throw new StoreException(
                    "JDBC store: cannot detect the database (SQLState " + e.getSQLState() + ")", e.getSQLState(), e);
        }
    }
}
