package org.eventregistration.examples.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Set;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.examples.portal.PortalProperties.OrganiserRole;
import org.eventregistration.examples.portal.security.OrganiserAccount;
import org.eventregistration.examples.portal.security.OrganiserRoles;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Logged-in organiser users for MockMvc tests, as the login would make them. */
final class TestLogins {
    private TestLogins() {}

    /** An organiser admin of the default organiser. */
    static RequestPostProcessor admin() {
        return as("arrangor", OrganiserId.DEFAULT, OrganiserRole.ADMIN);
    }

    /** Check-in staff of the default organiser. */
    static RequestPostProcessor checkIn() {
        return as("vert", OrganiserId.DEFAULT, OrganiserRole.CHECK_IN);
    }

    static RequestPostProcessor as(String name, OrganiserId organiser, OrganiserRole role) {
        return user(new OrganiserAccount(name, "{noop}unused", OrganiserRoles.authorities(Set.of(role)), organiser));
    }
}
