package org.eventregistration.examples.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A municipal registration portal on the event-registration library: public event pages, the
 * registration form, a receipt with the personal manage link, and organiser pages behind a login.
 *
 * <p>Run it from the repository root with {@code mvn -q -pl examples/portal spring-boot:run}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PortalApplication {

    /** Starts the portal. */
    public static void main(String[] args) {
        SpringApplication.run(PortalApplication.class, args);
    }
}
