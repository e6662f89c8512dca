package org.eventregistration.spring;

import java.time.Clock;
import java.util.function.Supplier;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@code registration} health indicator on Spring Boot 3.5, whose Actuator keeps its health
 * API in {@code org.springframework.boot.actuate.health} (Boot 4 moved it, see {@link
 * RegistrationHealthAutoConfiguration}): the same check, through a {@link
 * Boot35HealthIndicatorFactory}. Matches only where that package has its {@code HealthIndicator},
 * which Boot 4 does not; off with {@code management.health.registration.enabled=false}.
 */
@AutoConfiguration(after = RegistrationAutoConfiguration.class)
@ConditionalOnClass(name = Boot35HealthIndicatorFactory.INDICATOR)
@ConditionalOnBooleanProperty(name = "management.health.registration.enabled", matchIfMissing = true)
public class RegistrationBoot35HealthAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public RegistrationBoot35HealthAutoConfiguration() {}

    /** The health indicator of the store, as Boot 3.5's {@code HealthIndicator}. */
    @Bean
    @ConditionalOnMissingBean(name = "registrationHealthIndicator")
    @ConditionalOnBean(RegistrationStore.class)
    Boot35HealthIndicatorFactory registrationHealthIndicator(
            ObjectProvider<RegistrationStore> store, ObjectProvider<Clock> clock) {
        // Asked for at the first health check, not when Spring makes the factory to learn its type.
        Supplier<RegistrationHealthCheck> check = SingletonSupplier.of(
                () -> new RegistrationHealthCheck(store.getObject(), clock.getIfAvailable(Clock::systemUTC)));
        return new Boot35HealthIndicatorFactory(
                check, RegistrationBoot35HealthAutoConfiguration.class.getClassLoader());
    }
}
