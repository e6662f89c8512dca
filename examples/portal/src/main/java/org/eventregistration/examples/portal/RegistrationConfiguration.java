package org.eventregistration.examples.portal;

import jakarta.validation.ValidatorFactory;
import java.time.Clock;
import java.util.List;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The integration layer: builds the one {@link RegistrationService} from Spring beans.
 *
 * <ul>
 *   <li>the {@link RegistrationStore}: the JDBC store ({@link JdbcStoreConfiguration}), or the
 *       in-memory store with {@code portal.store=memory};
 *   <li>the {@link Clock}: the system clock unless a test defines another;
 *   <li>the application's Jakarta Validation provider: Spring Boot's {@code LocalValidatorFactoryBean}
 *       is a {@link ValidatorFactory};
 *   <li>every {@link RegistrationListener} bean, told after each committed change;
 *   <li>how long manage links work after an event's end: {@code portal.manage-link-validity}.
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

    /** The facade the controllers use. */
    @Bean
    public RegistrationService registrationService(
            RegistrationStore store,
            Clock clock,
            ValidatorFactory validatorFactory,
            List<RegistrationListener> listeners,
            PortalProperties properties) {
        RegistrationService.Builder builder = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .validatorFactory(validatorFactory)
                .manageTokenValidity(properties.manageLinkValidity())
                .checkInOpensBefore(properties.checkInOpensBefore());
        listeners.forEach(builder::listener);
        return builder.build();
    }
}
