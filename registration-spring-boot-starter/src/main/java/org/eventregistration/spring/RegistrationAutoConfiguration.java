package org.eventregistration.spring;

import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import javax.sql.DataSource;
import org.eventregistration.jdbc.JdbcRegistrationStore;
import org.eventregistration.mail.LinkFormat;
import org.eventregistration.mail.MailNotifier;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationObserver;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the event-registration library: the {@link JdbcRegistrationStore} on the
 * application's {@link DataSource}, migrated after the application's own database initialisation
 * (Flyway, Liquibase, SQL scripts); the {@link RegistrationService} with the application's
 * {@link ValidatorFactory}, {@link Clock} and every {@link RegistrationListener} bean; the {@link
 * RegistrationJobs}; and a {@link MailNotifier} when {@code registration-mail} is present and
 * {@code spring.mail.host} is set. Every bean backs off when the application declares its own.
 *
 * <p>The classes it orders itself after are named, not referenced, so that the same jar works on
 * Spring Boot 3.5 and 4.0, whose auto-configurations live in different packages.
 */
@AutoConfiguration(
        afterName = {
            // Spring Boot 4.0
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
            // Spring Boot 3.5
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
            "org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration"
        })
@ConditionalOnClass(RegistrationService.class)
@EnableConfigurationProperties(RegistrationProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class RegistrationAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public RegistrationAutoConfiguration() {}

    /**
     * The JDBC store on the application's data source, joining a Spring transaction when the
     * caller has one active and running its own otherwise. Its tables are created or upgraded
     * here (unless {@code registration.migrate=false}), after the application's own Flyway or
     * Liquibase has run: the store keeps its own history table ({@code <prefix>schema_history}),
     * so neither sees the other's migrations.
     */
    @Bean
    @ConditionalOnMissingBean(RegistrationStore.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @DependsOnDatabaseInitialization
    public JdbcRegistrationStore registrationStore(
            DataSource dataSource, RegistrationProperties properties, ObjectProvider<Clock> clock) {
        if (properties.migrate()) {
            JdbcRegistrationStore.migrate(dataSource, properties.tablePrefix());
        }
        return JdbcRegistrationStore.builder(
                        SpringTransactionConnectionFactory.of(dataSource).withCombining(properties.combining()))
                .tablePrefix(properties.tablePrefix())
                .outboxClaim(properties.outboxClaim())
                .clock(clock.getIfAvailable(Clock::systemUTC))
                .build();
    }

    /**
     * The facade the application calls; every {@link RegistrationServiceCustomizer} bean adjusts
     * its builder last.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(RegistrationStore.class)
    public RegistrationService registrationService(
            RegistrationStore store,
            RegistrationProperties properties,
            ObjectProvider<Clock> clock,
            ObjectProvider<ValidatorFactory> validatorFactory,
            ObjectProvider<RegistrationListener> listeners,
            ObjectProvider<RegistrationObserver> observers,
            ObjectProvider<RegistrationServiceCustomizer> customizers) {
        RegistrationService.Builder builder = RegistrationService.builder()
                .store(store)
                .clock(clock.getIfAvailable(Clock::systemUTC))
                .manageTokenValidity(properties.manageLinkValidity());
        validatorFactory.ifUnique(builder::validatorFactory);
        listeners.orderedStream().forEach(builder::listener);
        observers.orderedStream().forEach(builder::observer);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /** The scheduled jobs; off with {@code registration.jobs.enabled=false}. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(RegistrationService.class)
    @ConditionalOnBooleanProperty(name = "registration.jobs.enabled", matchIfMissing = true)
    public RegistrationJobs registrationJobs(RegistrationService service, RegistrationProperties properties) {
        return new RegistrationJobs(service, properties.jobs());
    }

    /**
     * The person's e-mails over the SMTP server of Spring Boot's {@code spring.mail.*} properties
     * ({@code host}, {@code port}, {@code username}, {@code password}, {@code
     * properties.mail.smtp.starttls.enable}), from {@code registration.mail.from}, with links under
     * {@code registration.mail.base-url}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MailNotifier.class)
    @ConditionalOnProperty("spring.mail.host")
    static class MailConfiguration {

        @Bean
        @ConditionalOnMissingBean
        MailNotifier registrationMailNotifier(Environment env, RegistrationProperties properties) {
            RegistrationProperties.Mail mail = properties.mail();
            if (mail.baseUrl().isBlank() || mail.from().isBlank()) {
                throw new IllegalStateException("spring.mail.host is set, so the registration e-mails need "
                        + "registration.mail.base-url (where the links point) and registration.mail.from");
            }
            MailNotifier.Builder builder = MailNotifier.builder()
                    .smtp(
                            env.getRequiredProperty("spring.mail.host").strip(),
                            env.getProperty("spring.mail.port", Integer.class, 587))
                    .startTls(env.getProperty("spring.mail.properties.mail.smtp.starttls.enable", Boolean.class, true))
                    .from(mail.from(), mail.fromName())
                    .links(LinkFormat.of(mail.baseUrl()));
            String user = env.getProperty("spring.mail.username", "");
            if (!user.isBlank()) {
                builder.credentials(user, env.getProperty("spring.mail.password", ""));
            }
            if (!mail.replyTo().isBlank()) {
                builder.replyTo(mail.replyTo());
            }
            return builder.build();
        }
    }
}
