package org.eventregistration.spring;

import java.time.Clock;
import java.time.Duration;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer metrics of the library ({@link RegistrationMetrics}) when Micrometer is on the class
 * path and there is a store. Spring Boot, 3.5 and 4.0 alike, binds them to the application's meter
 * registries, and the auto-configured {@code RegistrationService} reports its outcomes to them (as
 * a {@link org.eventregistration.spi.RegistrationObserver}). The outbox gauges read the store at
 * most every {@value #OUTBOX_GAUGE_REFRESH_SECONDS} seconds.
 */
@AutoConfiguration(after = RegistrationAutoConfiguration.class)
@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
public class RegistrationMetricsAutoConfiguration {
    /** How often the outbox gauges read the store, at most. */
    static final long OUTBOX_GAUGE_REFRESH_SECONDS = 10;

    /** Creates the auto-configuration; Spring calls it. */
    public RegistrationMetricsAutoConfiguration() {}

    /** The metrics: outcomes, the registration timer and the outbox gauges. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(RegistrationStore.class)
    public RegistrationMetrics registrationMetrics(RegistrationStore store, ObjectProvider<Clock> clock) {
        return new RegistrationMetrics(
                store, clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(OUTBOX_GAUGE_REFRESH_SECONDS));
    }
}
