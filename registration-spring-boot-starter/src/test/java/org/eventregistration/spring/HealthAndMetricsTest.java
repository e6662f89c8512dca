package org.eventregistration.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eventregistration.event.Event;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.GroupRegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.ForwardingRegistrationStore;
import org.eventregistration.spi.OutboxBacklog;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.spi.StoreException;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health indicator and the metrics, with Boot's own metrics auto-configuration binding them. */
class HealthAndMetricsTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    RegistrationAutoConfiguration.class,
                    RegistrationHealthAutoConfiguration.class,
                    RegistrationBoot35HealthAutoConfiguration.class, // must stay out on Boot 4
                    RegistrationMetricsAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:" + RegistrationAutoConfigurationTest.newName()
                            + ";DB_CLOSE_DELAY=-1",
                    "registration.jobs.enabled=false");

    @Test
    void aGroupIsTimedAsOneCallAndItsMembersCountedByOutcome() {
        runner.run(context -> {
            RegistrationService service = context.getBean(RegistrationService.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Event event = TestEvents.saveOpenEvent(service, 1);

            GroupOutcome outcome = service.registerGroup(GroupRegistrationRequest.of(
                    List.of(TestEvents.request(event, "a@example.org"), TestEvents.request(event, "b@example.org"))));
            assertThat(outcome).isInstanceOf(GroupOutcome.Registered.class);
            GroupOutcome refused = service.registerGroup(GroupRegistrationRequest.of(
                    List.of(TestEvents.request(event, "c@example.org"), TestEvents.request(event, "not-an-address"))));
            assertThat(refused).isInstanceOf(GroupOutcome.Refused.class);

            assertThat(meters.get("registration.group")
                            .tag("outcome", "registered")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("registration.group")
                            .tag("outcome", "refused")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("registration.outcomes")
                            .tag("outcome", "confirmed")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("registration.outcomes")
                            .tag("outcome", "waitlisted")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.find("registration.register").timers())
                    .allSatisfy(timer -> assertThat(timer.count()).isZero());
            assertThat(meters.get("registration.waiting").gauge().value()).isEqualTo(1.0);
        });
    }

    @Test
    void outcomesAreCountedAndTimedAndTheOutboxIsMeasuredAndReported() {
        runner.withUserConfiguration(FailingListener.class).run(context -> {
            assertThat(context).hasNotFailed();
            RegistrationService service = context.getBean(RegistrationService.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            Event event = TestEvents.saveOpenEvent(service, 1);

            service.register(TestEvents.request(event, "a@example.org"));
            service.register(TestEvents.request(event, "b@example.org"));
            service.register(TestEvents.request(event, "not-an-address"));

            assertThat(meters.get("registration.outcomes")
                            .tag("outcome", "confirmed")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("registration.outcomes")
                            .tag("outcome", "waitlisted")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("registration.outcomes")
                            .tag("outcome", "invalid")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("registration.register")
                            .tag("outcome", "confirmed")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("registration.waiting").gauge().value()).isEqualTo(1.0);

            // The listener failed for both: pending, waiting for their retry.
            assertThat(meters.get("registration.outbox.pending").gauge().value())
                    .isEqualTo(2.0);
            assertThat(meters.get("registration.outbox.retrying").gauge().value())
                    .isEqualTo(2.0);
            assertThat(meters.get("registration.outbox.set.aside").gauge().value())
                    .isZero();
            assertThat(meters.get("registration.outbox.oldest.age").timeGauge().value())
                    .isGreaterThanOrEqualTo(0.0);

            Health health = context.getBean(RegistrationHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("pending", 2L)
                    .containsEntry("retrying", 2L)
                    .containsEntry("setAside", 0L)
                    .containsKey("oldestPendingAge");
            assertThat(context.getBeanNamesForType(RegistrationHealthIndicator.class))
                    .containsExactly("registrationHealthIndicator"); // shown as "registration"
        });
    }

    @Test
    void aStoreThatCannotBeReadIsDownAndItsGaugesShowNoValue() {
        runner.withUserConfiguration(BrokenStore.class).run(context -> {
            assertThat(context).hasNotFailed();
            Health health = context.getBean(RegistrationHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).isEqualTo(Map.of("error", StoreException.class.getName()));
            assertThat(context.getBean(MeterRegistry.class)
                            .get("registration.outbox.pending")
                            .gauge()
                            .value())
                    .isNaN();
        });
    }

    @Test
    void aStoreThatDoesNotCountItsOutboxIsUnknown() {
        runner.withUserConfiguration(NotCountingStore.class).run(context -> {
            assertThat(context.getBean(RegistrationHealthIndicator.class)
                            .health()
                            .getStatus())
                    .isEqualTo(Status.UNKNOWN);
            assertThat(context.getBean(MeterRegistry.class)
                            .get("registration.outbox.pending")
                            .gauge()
                            .value())
                    .isNaN();
        });
    }

    @Test
    void withoutActuatorOrMicrometerThereIsNeitherAndTheServiceStillWorks() {
        runner.withClassLoader(
                        new FilteredClassLoader("org.springframework.boot.health.contributor", "io.micrometer.core"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(RegistrationHealthIndicator.class);
                    assertThat(context).doesNotHaveBean(RegistrationMetrics.class);
                    RegistrationService service = context.getBean(RegistrationService.class);
                    Event event = TestEvents.saveOpenEvent(service, 1);
                    assertThat(service.register(TestEvents.request(event, "a@example.org")))
                            .isInstanceOf(org.eventregistration.registration.RegistrationOutcome.Confirmed.class);
                });
    }

    @Test
    void theHealthIndicatorCanBeTurnedOff() {
        runner.withPropertyValues("management.health.registration.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(RegistrationHealthIndicator.class);
                    assertThat(context).hasSingleBean(RegistrationMetrics.class);
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class FailingListener {
        @Bean
        RegistrationListener failingListener() {
            return n -> {
                throw new IllegalStateException("the mail server is down");
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenStore {
        @Bean
        RegistrationStore brokenStore() {
            return new ForwardingRegistrationStore(new InMemoryRegistrationStore()) {
                @Override
                public Optional<OutboxBacklog> outboxBacklog() {
                    throw new StoreException("database unreachable", new java.sql.SQLException("refused"));
                }
            };
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class NotCountingStore {
        @Bean
        RegistrationStore notCountingStore() {
            return new ForwardingRegistrationStore(new InMemoryRegistrationStore()) {
                @Override
                public Optional<OutboxBacklog> outboxBacklog() {
                    return Optional.empty(); // as the SPI's default
                }
            };
        }
    }
}
