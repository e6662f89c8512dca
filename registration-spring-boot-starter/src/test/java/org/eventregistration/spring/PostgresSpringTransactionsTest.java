package org.eventregistration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same on PostgreSQL ({@code REGISTRATION_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD};
 * by default {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}). Skipped with a
 * message when the server does not answer, failed instead with {@code
 * REGISTRATION_REQUIRE_DATABASES=true}. It runs in a schema of its own, dropped afterwards, with
 * the application's own Flyway migrating it too.
 */
@DisplayName("Spring transactions [postgres]")
@SpringBootTest(classes = TestApplication.class, properties = "registration.jobs.enabled=false")
class PostgresSpringTransactionsTest extends SpringTransactionsContract {
    @Autowired
    DataSource dataSource;

    static final String URL = env("REGISTRATION_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = env("REGISTRATION_TEST_POSTGRES_USER", "postgres");
    static final String PASSWORD = env("REGISTRATION_TEST_POSTGRES_PASSWORD", "");
    static final String SCHEMA = "starter_"
            + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36)
                    .substring(0, 8);

    @BeforeAll
    static void serverAnswers() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        } catch (SQLException e) {
            String problem = "PostgreSQL not reachable at " + URL
                    + " — set REGISTRATION_TEST_POSTGRES_URL (and _USER, _PASSWORD) or start a server";
            if ("true".equalsIgnoreCase(System.getenv("REGISTRATION_REQUIRE_DATABASES"))) {
                Assertions.fail(problem + " (REGISTRATION_REQUIRE_DATABASES=true)");
            }
            Assumptions.abort(problem);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "12");
        registry.add("spring.flyway.locations", () -> "classpath:db/app-migration");
    }

    @AfterAll
    static void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    @Test
    void theApplicationsFlywayAndTheStoresMigrationsKeepTheirOwnHistories() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT string_agg(version, ',' ORDER BY installed_rank)"
                    + " FROM flyway_schema_history WHERE success")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1");
            }
            try (ResultSet rs = s.executeQuery("SELECT max(version::int) FROM reg_schema_history"
                    + " WHERE success AND version IS NOT NULL AND version <> '0'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(10); // every version the store has
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM app_note")) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
