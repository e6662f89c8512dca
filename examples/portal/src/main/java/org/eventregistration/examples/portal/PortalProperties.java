package org.eventregistration.examples.portal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.eventregistration.event.OrganiserId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The portal's own settings ({@code portal.*} in {@code application.properties} or the
 * environment).
 *
 * @param organisers the organiser accounts; passwords are stored hashed ({@code {bcrypt}$2a$...})
 * @param seedDemoEvents whether to add the demo events at start-up when they are missing (only in
 *     the {@code demo} profile)
 * @param organiser the organiser whose events the public pages show ({@code portal.organiser}), and
 *     the one an account without its own organiser acts for; {@code default} unless set
 * @param baseUrl the portal's public address ({@code portal.base-url}): every absolute link, in
 *     e-mails and on pages, is built from it, never from the request's {@code Host} header
 * @param manageLinkValidity how long after an event's end a manage link keeps working
 *     ({@code portal.manage-link-validity}, 30 days unless set)
 * @param checkInOpensBefore how long before an event's start check-in opens
 *     ({@code portal.check-in-opens-before}, 1 day unless set)
 */
@ConfigurationProperties("portal")
public record PortalProperties(
        List<Organiser> organisers,
        boolean seedDemoEvents,
        String organiser,
        URI baseUrl,
        Duration manageLinkValidity,
        Duration checkInOpensBefore) {

    /** Copies, and fills in the defaults. */
    public PortalProperties {
        organisers = organisers == null ? List.of() : List.copyOf(organisers);
        organiser = organiser == null || organiser.isBlank() ? OrganiserId.DEFAULT.value() : organiser.strip();
        OrganiserId.of(organiser); // fail at start-up on a bad id
        baseUrl = baseUrl == null ? URI.create("http://localhost:8080") : baseUrl;
        if (baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("portal.base-url must be an absolute http(s) address: " + baseUrl);
        }
        manageLinkValidity = manageLinkValidity == null ? Duration.ofDays(30) : manageLinkValidity;
        checkInOpensBefore = checkInOpensBefore == null ? Duration.ofDays(1) : checkInOpensBefore;
        if (checkInOpensBefore.isNegative()) {
            throw new IllegalArgumentException(
                    "portal.check-in-opens-before must not be negative: " + checkInOpensBefore);
        }
        if (manageLinkValidity.isNegative() || manageLinkValidity.isZero()) {
            throw new IllegalArgumentException("portal.manage-link-validity must be positive: " + manageLinkValidity);
        }
    }

    /** The organiser whose events the public pages show. */
    public OrganiserId organiserId() {
        return OrganiserId.of(organiser);
    }

    /** The base URL as text, without a trailing slash. */
    public String baseUrlText() {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The roles an organiser account can have. */
    public enum OrganiserRole {
        /** Check-in staff: sees the events and participant lists, and checks people in. */
        CHECK_IN,
        /** Organiser admin: everything check-in staff may, and approve, decline, cancel, export and erase. */
        ADMIN
    }

    /**
     * One organiser account.
     *
     * @param username the login name
     * @param passwordHash the password hash with its algorithm prefix, for example {@code {bcrypt}$2a$10$...}
     * @param organiser the organiser whose events the account works on; the portal's
     *     {@code portal.organiser} when empty
     * @param roles what the account may do; {@code CHECK_IN} (the least) when empty
     */
    public record Organiser(String username, String passwordHash, String organiser, Set<OrganiserRole> roles) {
        /** Validates. */
        public Organiser {
            Objects.requireNonNull(username, "portal.organisers[].username");
            Objects.requireNonNull(passwordHash, "portal.organisers[].password-hash");
            if (!passwordHash.startsWith("{")) {
                throw new IllegalArgumentException("portal.organisers[].password-hash of " + username
                        + " must name its algorithm, for example {bcrypt}$2a$10$...; never a plain password");
            }
            organiser = organiser == null ? "" : organiser.strip();
            if (!organiser.isEmpty()) {
                OrganiserId.of(organiser);
            }
            roles = roles == null || roles.isEmpty() ? Set.of(OrganiserRole.CHECK_IN) : Set.copyOf(roles);
        }
    }
}
