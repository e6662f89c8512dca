package org.eventregistration.examples.portal.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Organiser login settings ({@code portal.login.*}).
 *
 * @param freeAttempts wrong passwords allowed before the delays start (3 unless set)
 * @param firstDelay the first delay; each further wrong password doubles it (1 second unless set)
 * @param maximumDelay the longest delay (30 seconds unless set): never a lockout
 * @param forgetAfter wrong passwords older than this no longer count (15 minutes unless set)
 * @param oidc how an OpenID Connect login maps to an organiser and roles
 */
@ConfigurationProperties("portal.login")
public record LoginProperties(
        int freeAttempts, Duration firstDelay, Duration maximumDelay, Duration forgetAfter, Oidc oidc) {

    /** Fills in the defaults. */
    public LoginProperties {
        freeAttempts = freeAttempts <= 0 ? 3 : freeAttempts;
        firstDelay = firstDelay == null ? Duration.ofSeconds(1) : firstDelay;
        maximumDelay = maximumDelay == null ? Duration.ofSeconds(30) : maximumDelay;
        forgetAfter = forgetAfter == null ? Duration.ofMinutes(15) : forgetAfter;
        oidc = oidc == null ? new Oidc(null, null, null, null) : oidc;
    }

    /**
     * The claims of the identity provider's ID token (or user info) that say who the user is here.
     *
     * @param organiserClaim the claim holding the organiser id; empty: every user works for
     *     {@code portal.organiser}
     * @param rolesClaim the claim holding the user's roles or groups ({@code roles} unless set)
     * @param adminRole the value of the roles claim that makes an organiser admin
     *     ({@code pamelding-admin} unless set)
     * @param checkInRole the value that makes check-in staff ({@code pamelding-checkin} unless set)
     */
    public record Oidc(String organiserClaim, String rolesClaim, String adminRole, String checkInRole) {
        /** Fills in the defaults. */
        public Oidc {
            organiserClaim = organiserClaim == null ? "" : organiserClaim.strip();
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim.strip();
            adminRole = adminRole == null || adminRole.isBlank() ? "pamelding-admin" : adminRole.strip();
            checkInRole = checkInRole == null || checkInRole.isBlank() ? "pamelding-checkin" : checkInRole.strip();
        }
    }
}
