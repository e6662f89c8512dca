package org.eventregistration.spring;

import java.time.Clock;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code registration} health indicator ({@link RegistrationHealthIndicator}) when Spring Boot
 * 4's Actuator health API ({@code spring-boot-health}, which {@code spring-boot-starter-actuator}
 * brings) is on the class path and there is a store; off with {@code
 * management.health.registration.enabled=false}, replaced by a bean of the application's own named
 * {@code registrationHealthIndicator}. The class is named, not referenced: Spring Boot 3.5 keeps
 * that API in other packages ({@code org.springframework.boot.actuate.health}), where this does
 * not match and {@link RegistrationBoot35HealthAutoConfiguration} does instead.
 */
@AutoConfiguration(after = RegistrationAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBooleanProperty(name = "management.health.registration.enabled", matchIfMissing = true)
public class RegistrationHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public RegistrationHealthAutoConfiguration() {}

    /** The health indicator of the store: its database and its outbox. */
    @Bean
    @ConditionalOnMissingBean(name = "registrationHealthIndicator")
    @ConditionalOnBean(RegistrationStore.class)
    public RegistrationHealthIndicator registrationHealthIndicator(
            RegistrationStore store, ObjectProvider<Clock> clock) {
        return new RegistrationHealthIndicator(store, clock.getIfAvailable(Clock::systemUTC));
    }
}
