package org.eventregistration.examples.portal;

import java.time.Clock;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.spring.RegistrationServiceCustomizer;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the portal adds to the registration starter ({@code registration-spring-boot-starter}),
 * which sets up the JDBC store on Spring Boot's data source, the {@code RegistrationService} with
 * the application's validator and every {@code RegistrationListener} bean, and the scheduled jobs
 * ({@code registration.*} in {@code application.properties}).
 *
 * <ul>
 *   <li>the {@link Clock}: the system clock unless a test defines another;
 *   <li>the in-memory store with {@code portal.store=memory} (the starter's JDBC store backs off
 *       when a {@link RegistrationStore} bean exists);
 *   <li>how long before an event's start check-in opens: {@code portal.check-in-opens-before}, set
 *       on the service's builder by a {@link RegistrationServiceCustomizer}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class RegistrationConfiguration {

    /** The clock the library reads time from. */
    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** The store with {@code portal.store=memory}: fast, but forgets everything on restart. */
    @Bean
    @ConditionalOnProperty(name = "portal.store", havingValue = "memory")
    public RegistrationStore inMemoryRegistrationStore() {
        return new InMemoryRegistrationStore();
    }

    /** Check-in opens {@code portal.check-in-opens-before} before an event starts. */
    @Bean
    public RegistrationServiceCustomizer checkInWindow(PortalProperties properties) {
        return builder -> builder.checkInOpensBefore(properties.checkInOpensBefore());
    }
}
