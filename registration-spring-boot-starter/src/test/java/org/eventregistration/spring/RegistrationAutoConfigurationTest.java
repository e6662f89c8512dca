package org.eventregistration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eventregistration.event.Event;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.mail.MailNotifier;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class RegistrationAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    RegistrationAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + newName() + ";DB_CLOSE_DELAY=-1");

    @Test
    void onADataSourceItGivesAMigratedJdbcStoreTheServiceAndTheJobs() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(JdbcRegistrationStore.class);
            assertThat(context).hasSingleBean(RegistrationService.class);
            assertThat(context.getBean(RegistrationJobs.class).names())
                    .containsExactly(
                            "expireOffers",
                            "expireUnconfirmed",
                            "deliverPendingNotifications",
                            "sendReminders",
                            "applyRetention");
            assertThat(context.getBean(RegistrationJobs.class).isRunning()).isTrue();
            assertThat(context).doesNotHaveBean(MailNotifier.class);
            assertThat(tableExists(context.getBean(DataSource.class), "reg_event"))
                    .isTrue();
            RegistrationProperties properties = context.getBean(RegistrationProperties.class);
            assertThat(properties.tablePrefix()).isEqualTo("reg_");
            assertThat(properties.manageLinkValidity()).isEqualTo(Duration.ofDays(30));
            assertThat(properties.jobs().deliverPending()).isEqualTo(Duration.ofMinutes(1));
        });
    }

    @Test
    void propertiesChooseThePrefixTheIntervalsAndTurnTheJobsOff() {
        runner.withPropertyValues(
                        "registration.table-prefix=app_reg_",
                        "registration.manage-link-validity=7d",
                        "registration.jobs.enabled=false",
                        "registration.jobs.retention=2h")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(RegistrationJobs.class);
                    DataSource dataSource = context.getBean(DataSource.class);
                    assertThat(tableExists(dataSource, "app_reg_event")).isTrue();
                    assertThat(tableExists(dataSource, "reg_event")).isFalse();
                    RegistrationProperties properties = context.getBean(RegistrationProperties.class);
                    assertThat(properties.manageLinkValidity()).isEqualTo(Duration.ofDays(7));
                    assertThat(properties.jobs().retention()).isEqualTo(Duration.ofHours(2));
                });
    }

    @Test
    void withoutMigrationTheTablesAreLeftToTheApplication() {
        runner.withPropertyValues("registration.migrate=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(tableExists(context.getBean(DataSource.class), "reg_event"))
                    .isFalse();
        });
    }

    @Test
    void aWrongIntervalFailsTheStartWithThePropertysName() {
        runner.withPropertyValues("registration.jobs.expire-offers=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("registration.jobs.expire-offers");
        });
    }

    @Test
    void theApplicationsOwnStoreAndServiceWin() {
        runner.withUserConfiguration(OwnStore.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(JdbcRegistrationStore.class);
            assertThat(context.getBean(RegistrationStore.class)).isSameAs(OwnStore.STORE);
            assertThat(tableExists(context.getBean(DataSource.class), "reg_event"))
                    .isFalse();
        });
        runner.withUserConfiguration(OwnService.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RegistrationService.class)).isSameAs(OwnService.SERVICE);
        });
    }

    @Test
    void customizersAdjustTheServiceBuilderLastAndInTheirOrder() {
        runner.withUserConfiguration(Customizers.class).run(context -> {
            assertThat(context).hasNotFailed();
            Customizers customizers = context.getBean(Customizers.class);
            assertThat(customizers.calls).containsExactly("first", "second");
            RegistrationService service = context.getBean(RegistrationService.class);
            Event event = TestEvents.saveOpenEvent(service, 5);
            service.register(TestEvents.request(event, "kari@asker.example"));
            // The listener a customizer added to the builder is on the service that was built.
            assertThat(customizers.heard).hasValueGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void withoutADataSourceThereIsNothing() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegistrationAutoConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(RegistrationStore.class);
                    assertThat(context).doesNotHaveBean(RegistrationService.class);
                    assertThat(context).doesNotHaveBean(RegistrationJobs.class);
                });
    }

    @Test
    void aMailHostGivesTheMailNotifierAsAListener() {
        runner.withPropertyValues(
                        "spring.mail.host=smtp.kommune.example",
                        "spring.mail.port=2525",
                        "registration.mail.base-url=https://pamelding.kommune.example",
                        "registration.mail.from=pamelding@kommune.example")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(MailNotifier.class);
                });
    }

    @Test
    void aMailHostWithoutBaseUrlFailsTheStartAndSaysWhatIsMissing() {
        runner.withPropertyValues("spring.mail.host=smtp.kommune.example").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("registration.mail.base-url");
        });
    }

    static boolean tableExists(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, table.toUpperCase(java.util.Locale.ROOT), null)) {
            if (rs.next()) {
                return true;
            }
        }
        try (Connection c = dataSource.getConnection();
                ResultSet rs = c.getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    static String newName() {
        return "auto" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnStore {
        static final RegistrationStore STORE = new InMemoryRegistrationStore();

        @Bean
        RegistrationStore myStore() {
            return STORE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final AtomicInteger heard = new AtomicInteger();

        @Bean
        @Order(2)
        RegistrationServiceCustomizer second() {
            return builder -> {
                calls.add("second");
                builder.listener(notification -> heard.incrementAndGet());
            };
        }

        @Bean
        @Order(1)
        RegistrationServiceCustomizer first() {
            return builder -> calls.add("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnService {
        static final RegistrationService SERVICE = RegistrationService.builder().build();

        @Bean
        RegistrationService myService() {
            return SERVICE;
        }
    }
}
