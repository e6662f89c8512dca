package org.eventregistration.examples.portal;

import java.util.List;
import java.util.Objects;
import org.eventregistration.event.OrganiserId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's own settings ({@code portal.*} in {@code application.properties} or the
 * environment).
 *
 * @param organisers the organiser accounts; passwords are stored hashed ({@code {bcrypt}$2a$...})
 * @param seedDemoEvents whether to add the demo events at start-up when they are missing
 * @param organiser the organiser id every login of this portal acts for ({@code portal.organiser});
 *     {@code default} unless set. Several municipalities sharing one database each run with their own.
 */
@ConfigurationProperties("portal")
public record PortalProperties(List<Organiser> organisers, boolean seedDemoEvents, String organiser) {

    /** Copies. */
    public PortalProperties {
        organisers = organisers == null ? List.of() : List.copyOf(organisers);
        organiser = organiser == null || organiser.isBlank() ? OrganiserId.DEFAULT.value() : organiser.strip();
        OrganiserId.of(organiser); // fail at start-up on a bad id
    }

    /** The organiser this portal's logins act for. */
    public OrganiserId organiserId() {
        return OrganiserId.of(organiser);
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
