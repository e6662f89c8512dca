/**
 * The {@link org.eventregistration.spi.RegistrationStore} on plain JDBC: {@link
 * org.eventregistration.jdbc.JdbcRegistrationStore} for PostgreSQL, MariaDB (and MySQL) and H2,
 * with its schema as Flyway migrations under {@code org/eventregistration/jdbc/migration/<database>}
 * and a {@link org.eventregistration.jdbc.ConnectionFactory} for applications that manage their own
 * transactions.
 */
package org.eventregistration.jdbc;
