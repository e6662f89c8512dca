package org.eventregistration.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Which databases the tests run on, and whether a missing one skips or fails.
 *
 * <ul>
 *   <li>H2 always runs (embedded, in memory).
 *   <li>PostgreSQL: {@code REGISTRATION_TEST_POSTGRES_URL} / {@code _USER} / {@code _PASSWORD},
 *       by default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}, no password.
 *   <li>MariaDB: {@code REGISTRATION_TEST_MARIADB_URL} / {@code _USER} / {@code _PASSWORD}, by
 *       default {@code jdbc:mariadb://127.0.0.1:3306/test}, user {@code root}, no password.
 * </ul>
 *
 * A server that does not answer makes its tests <b>skip</b> with a one-line message, unless
 * {@code REGISTRATION_REQUIRE_DATABASES=true} (CI sets it): then they <b>fail</b>.
 */
final class TestDatabases {
    private static final Map<String, String> UNREACHABLE = new ConcurrentHashMap<>();

    private TestDatabases() {}

    /** One database to test on. */
    record TestDatabase(String name, Database kind, String url, String user, String password, String envPrefix) {
        /** Skips (or, when databases are required, fails) the calling test if the server does not answer. */
        TestDatabase assumeReachable() {
            String problem = UNREACHABLE.computeIfAbsent(name, n -> probe());
            if (!problem.isEmpty()) {
                if (required()) {
                    Assertions.fail(problem + " (REGISTRATION_REQUIRE_DATABASES=true)");
                }
                Assumptions.abort(problem);
            }
            return this;
        }

        private String probe() {
            if (kind == Database.H2) {
                return "";
            }
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                c.isValid(3);
                return "";
            } catch (SQLException e) {
                return displayKind() + " not reachable at " + url + " — set " + envPrefix
                        + "_URL (and _USER, _PASSWORD) or start a server";
            }
        }

        private String displayKind() {
            return kind == Database.POSTGRESQL ? "PostgreSQL" : "MariaDB";
        }

        /** A small pool on this database; close it after use. */
        HikariDataSource pool(String poolName, int size) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(0);
            config.setPoolName(poolName);
            config.setConnectionTimeout(30_000);
            config.setInitializationFailTimeout(-1);
            return new HikariDataSource(config);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("REGISTRATION_REQUIRE_DATABASES"));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** A private in-memory H2 database, alive until the JVM ends. */
    static TestDatabase h2() {
        String name = "reg" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        // LOCK_TIMEOUT: H2 waits only briefly for a row lock by default; the concurrency tests queue longer.
        return new TestDatabase(
                "h2", Database.H2, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000", "sa", "", "H2");
    }

    static TestDatabase postgres() {
        return new TestDatabase(
                "postgres",
                Database.POSTGRESQL,
                env("REGISTRATION_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                env("REGISTRATION_TEST_POSTGRES_USER", "postgres"),
                env("REGISTRATION_TEST_POSTGRES_PASSWORD", ""),
                "REGISTRATION_TEST_POSTGRES");
    }

    static TestDatabase mariadb() {
        return new TestDatabase(
                "mariadb",
                Database.MARIADB,
                env("REGISTRATION_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"),
                env("REGISTRATION_TEST_MARIADB_USER", "root"),
                env("REGISTRATION_TEST_MARIADB_PASSWORD", ""),
                "REGISTRATION_TEST_MARIADB");
    }

    /** All three, for parameterized tests; each names its database in the display name. */
    static Stream<TestDatabase> all() {
        return Stream.of(h2(), postgres(), mariadb());
    }

    /** A fresh table prefix, so that a test's tables never meet another's. */
    static String newPrefix() {
        return "t"
                + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                        .substring(0, 8) + "_";
    }

    /** Flyway's history table of a prefix, quoted as Flyway created it (lower case, also on H2). */
    static String historyTable(Connection c, String prefix) throws SQLException {
        String name = prefix + "schema_history";
        return c.getMetaData().getDatabaseProductName().equals("H2") ? "\"" + name + "\"" : name;
    }

    /** The store's tables, without prefix, in an order that foreign keys allow to empty or drop. */
    static final List<String> TABLES = List.of(
            "organiser_message", "link_token", "audit", "outbox", "registration", "ledger_counter", "ledger", "event");

    /** Deletes every row of the tables of a prefix (never on a production database). */
    static void deleteRows(DataSource dataSource, String prefix) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // The views of schema version 10 first: they depend on the registration table.
            for (String view : List.of("participant", "session_choice", "answer")) {
                s.execute("DROP VIEW IF EXISTS " + prefix + view);
            }
            if (c.getMetaData().getURL().startsWith("jdbc:h2:")) {
                for (String alias : List.of("attendee_text", "session_rows", "answer_rows")) {
                    s.execute("DROP ALIAS IF EXISTS " + prefix + alias);
                }
            }
            for (String table : TABLES) {
                s.executeUpdate("DELETE FROM " + prefix + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("emptying test tables " + prefix + "* failed", e);
        }
    }

    /** Drops the tables of a prefix. */
    static void dropTables(DataSource dataSource, String prefix) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            // The views of schema version 10 first: they depend on the registration table.
            for (String view : List.of("participant", "session_choice", "answer")) {
                s.execute("DROP VIEW IF EXISTS " + prefix + view);
            }
            if (c.getMetaData().getURL().startsWith("jdbc:h2:")) {
                for (String alias : List.of("attendee_text", "session_rows", "answer_rows")) {
                    s.execute("DROP ALIAS IF EXISTS " + prefix + alias);
                }
            }
            for (String table : TABLES) {
                s.execute("DROP TABLE IF EXISTS " + prefix + table.toLowerCase(Locale.ROOT));
            }
            s.execute("DROP TABLE IF EXISTS " + historyTable(c, prefix));
        } catch (SQLException e) {
            throw new IllegalStateException("dropping test tables " + prefix + "* failed", e);
        }
    }
}
