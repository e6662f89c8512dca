package org.eventregistration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An application that runs its own Flyway (Spring Boot's auto-configuration) beside the store's
 * migrations: each keeps its own history table, the application's Flyway runs first, and no
 * baseline skips the application's first migration.
 */
class FlywayCooperationTest {

    private static ApplicationContextRunner app(String url, String appLocation) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class,
                        RegistrationAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=" + url,
                        "spring.flyway.locations=" + appLocation,
                        "registration.jobs.enabled=false");
    }

    private static String newUrl() {
        return "jdbc:h2:mem:" + RegistrationAutoConfigurationTest.newName() + ";DB_CLOSE_DELAY=-1";
    }

    @Test
    void bothMigrateOnAFreshDatabaseAndStartAgainOnTheMigratedOne() {
        String url = newUrl();
        for (int start = 1; start <= 2; start++) {
            app(url, "classpath:db/app-migration").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(RegistrationService.class);
                DataSource dataSource = context.getBean(DataSource.class);
                assertThat(versions(dataSource, "\"flyway_schema_history\"")).isEqualTo("1");
                assertThat(versions(dataSource, "\"reg_schema_history\"")).contains("1,2,3,4,5,6,7,8,9");
                assertThat(RegistrationAutoConfigurationTest.tableExists(dataSource, "app_note"))
                        .isTrue();
            });
        }
    }

    @Test
    void anApplicationFlywayWithNoMigrationsOfItsOwnStartsAgainToo() {
        String url = newUrl();
        for (int start = 1; start <= 2; start++) {
            app(url, "classpath:db/no-migrations").run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(JdbcRegistrationStore.class);
            });
        }
    }

    @Test
    void tablesTheStoreMadeBeforeTheApplicationHadFlywayNeedABaselineAtVersionZeroOnce() {
        String url = newUrl();
        // An application that migrated the store itself before it added Flyway.
        JdbcRegistrationStore.migrate(
                new DriverManagerDataSource(url, "sa", ""), JdbcRegistrationStore.DEFAULT_TABLE_PREFIX);

        app(url, "classpath:db/app-migration").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("no schema history table");
        });
        // Version 0 marks the existing schema without skipping the application's V1.
        app(url, "classpath:db/app-migration")
                .withPropertyValues("spring.flyway.baseline-on-migrate=true", "spring.flyway.baseline-version=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(versions(dataSource, "\"flyway_schema_history\""))
                            .isEqualTo("0,1");
                    assertThat(RegistrationAutoConfigurationTest.tableExists(dataSource, "app_note"))
                            .isTrue();
                });
    }

    /** The versions a Flyway history table records as applied, in order, comma-separated. */
    private static String versions(DataSource dataSource, String historyTable) throws SQLException {
        StringBuilder versions = new StringBuilder();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\" FROM " + historyTable
                        + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.append(versions.isEmpty() ? "" : ",").append(rs.getString(1));
            }
        }
        return versions.toString();
    }
}
