package org.eventregistration.examples.portal;

import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's own settings ({@code portal.*} in {@code application.properties} or the
 * environment).
 *
 * @param organisers the organiser accounts; passwords are stored hashed ({@code {bcrypt}$2a$...})
 * @param seedDemoEvents whether to add the demo events at start-up when they are missing
 */
@ConfigurationProperties("portal")
public record PortalProperties(List<Organiser> organisers, boolean seedDemoEvents) {

    /** Copies. */
    public PortalProperties {
        organisers = organisers == null ? List.of() : List.copyOf(organisers);
    }

    /**
     * One organiser account.
     *
     * @param username the login name
     * @param passwordHash the password hash with its algorithm prefix, for example {@code {bcrypt}$2a$10$...}
     */
    public record Organiser(String username, String passwordHash) {
        /** Validates. */
        public Organiser {
            Objects.requireNonNull(username, "portal.organisers[].username");
            Objects.requireNonNull(passwordHash, "portal.organisers[].password-hash");
            if (!passwordHash.startsWith("{")) {
                throw new IllegalArgumentException("portal.organisers[].password-hash of " + username
                        + " must name its algorithm, for example {bcrypt}$2a$10$...; never a plain password");
            }
        }
    }
}
