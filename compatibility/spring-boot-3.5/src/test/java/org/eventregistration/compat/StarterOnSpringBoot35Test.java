package org.eventregistration.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ThreadLocalRandom;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.spring.RegistrationAutoConfiguration;
import org.eventregistration.spring.RegistrationJobs;
import org.eventregistration.spring.RegistrationMetricsAutoConfiguration;
import org.hibernate.validator.HibernateValidator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The starter's jar, built against Spring Boot 4.0, in a Spring Boot 3.5 application: Boot 3.5's
 * own auto-configurations (data source, transactions, validation, Actuator's metrics and health)
 * beside the starter's four, by name as an application gets them from the imports file.
 */
class StarterOnSpringBoot35Test {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(classes(
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
                    "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
                    "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
                    "org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration",
                    "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration",
                    "org.eventregistration.spring.RegistrationAutoConfiguration",
                    "org.eventregistration.spring.RegistrationHealthAutoConfiguration",
                    "org.eventregistration.spring.RegistrationBoot35HealthAutoConfiguration",
                    "org.eventregistration.spring.RegistrationMetricsAutoConfiguration")))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:boot35" + newId() + ";DB_CLOSE_DELAY=-1",
                    "registration.jobs.initial-delay=1h");

    @Test
    void theTestRunsOnSpringBoot35WithHibernateValidator8AndNoExpressionLanguage() {
        assertThat(SpringBootVersion.getVersion()).startsWith("3.5.");
        assertThat(HibernateValidator.class.getPackage().getImplementationVersion())
                .startsWith("8.0.");
        assertThatThrownBy(() -> Class.forName("jakarta.el.ExpressionFactory"))
                .isInstanceOf(ClassNotFoundException.class);
        // The auto-configuration classes the starter's imports file names.
        assertThat(RegistrationAutoConfiguration.class).isNotNull();
        assertThat(RegistrationMetricsAutoConfiguration.class).isNotNull();
    }

    @Test
    void storeServiceJobsAndMetrics() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(JdbcRegistrationStore.class);
            assertThat(context.getBean(RegistrationJobs.class).isRunning()).isTrue();

            RegistrationService service = context.getBean(RegistrationService.class);
            Event event = saveOpenEvent(service);
            assertThat(service.register(request(event, "a@example.org")))
                    .isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(service.register(request(event, "b@example.org")))
                    .isInstanceOf(RegistrationOutcome.Waitlisted.class);

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("registration.outcomes")
                            .tag("outcome", "confirmed")
                            .counter()
                            .count())
                    .isEqualTo(1.0);
            assertThat(meters.get("registration.register")
                            .tag("outcome", "waitlisted")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("registration.outbox.pending").gauge().value())
                    .isZero();
        });
    }

    @Test
    void theHealthIndicatorIsBoot35sOwnTypeAndActuatorFindsIt() {
        runner.withBean(RegistrationListener.class, () -> n -> {
                    throw new IllegalStateException("the mail server is down");
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    RegistrationService service = context.getBean(RegistrationService.class);
                    Event event = saveOpenEvent(service);
                    service.register(request(event, "a@example.org")); // stays pending: the listener failed

                    HealthContributor contributor =
                            context.getBean(HealthContributorRegistry.class).getContributor("registration");
                    assertThat(contributor).isInstanceOf(HealthIndicator.class);
                    Health health = ((HealthIndicator) contributor).health();
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails())
                            .containsEntry("pending", 1L)
                            .containsEntry("retrying", 1L)
                            .containsEntry("setAside", 0L)
                            .containsKey("oldestPendingAge");
                    assertThat(((HealthIndicator) contributor).getHealth(false).getDetails())
                            .isEmpty();
                });
        runner.withPropertyValues("management.health.registration.enabled=false")
                .run(context -> assertThat(
                                context.getBean(HealthContributorRegistry.class).getContributor("registration"))
                        .isNull());
    }

    @Test
    void aRegistrationJoinsABoot35TransactionAndRollsBackWithIt() {
        runner.run(context -> {
            RegistrationService service = context.getBean(RegistrationService.class);
            RegistrationStore store = context.getBean(RegistrationStore.class);
            TransactionTemplate transaction = context.getBean(TransactionTemplate.class);
            Event event = saveOpenEvent(service);

            transaction.executeWithoutResult(status -> {
                assertThat(store.joinsCallerTransactions()).isTrue();
                assertThat(service.register(request(event, "a@example.org")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
                status.setRollbackOnly();
            });
            assertThat(store.countByStatus(event.id())).isEmpty();

            assertThat(store.joinsCallerTransactions()).isFalse();
            assertThat(service.register(request(event, "a@example.org")))
                    .isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(store.countByStatus(event.id())).hasSize(1);
        });
    }

    @Test
    void boot35sValidatorFactoryWithoutElGivesTheMessagesInEveryLanguage() {
        runner.run(context -> {
            RegistrationService service = context.getBean(RegistrationService.class);
            Event event = saveOpenEvent(service);
            RegistrationOutcome outcome = service.register(RegistrationRequest.builder(event.id())
                    .name("\u2003")
                    .email("not-an-address")
                    .organisation("Asker kommune", "944382038")
                    .sector(Sector.MUNICIPALITY)
                    .role(Role.MIDDLE_MANAGER)
                    .build());

            assertThat(outcome).isInstanceOf(RegistrationOutcome.Invalid.class);
            var violations = ((RegistrationOutcome.Invalid) outcome).violations();
            assertThat(violations).extracting(v -> v.field()).contains("name", "email");
            var email = violations.stream()
                    .filter(v -> v.field().equals("email"))
                    .findFirst()
                    .orElseThrow();
            assertThat(email.messages())
                    .containsEntry("nb", "må være en gyldig e-postadresse, som kari@eksempel.no")
                    .containsEntry("en", "must be a valid e-mail address, such as kari@example.no");
            assertThat(email.messages().get("nn")).startsWith("må vere");
        });
    }

    private static Class<?>[] classes(String... names) {
        Class<?>[] classes = new Class<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            try {
                classes[i] = Class.forName(names[i]);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("not on the class path: " + names[i], e);
            }
        }
        return classes;
    }

    private static String newId() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    private static Event saveOpenEvent(RegistrationService service) {
        ZonedDateTime start =
                ZonedDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(60).withNano(0);
        Event event = Event.builder(EventId.of("e" + newId()))
                .title(LocalizedText.of("Fagdag"))
                .schedule(start, start.plusHours(6))
                .host(Organisation.of("Asker kommune", "944382038"))
                .registrationWindow(Instant.now().minus(Duration.ofDays(1)), start.toInstant())
                .capacity(CapacityPolicy.seats(1))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        service.console(OrganiserId.DEFAULT, "ola.arrangor").saveEvent(event);
        return event;
    }

    private static RegistrationRequest request(Event event, String email) {
        return RegistrationRequest.builder(event.id())
                .name("Kari Nordmann")
                .email(email)
                .organisation("Asker kommune", "944382038")
                .sector(Sector.MUNICIPALITY)
                .role(Role.MIDDLE_MANAGER)
                .addressVerified(true)
                .build();
    }
}
