package org.eventregistration.examples.portal.security;

import java.util.Arrays;
import org.eventregistration.examples.portal.PortalProperties;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Refuses to start a portal outside the {@code demo} profile when an organiser account has the
 * demo password (whatever its hash: every hash is checked against the password itself).
 */
public final class DemoPasswordGuard {
    /** The demo accounts' password, published in the README. */
    public static final String DEMO_PASSWORD = "demo-passord-123";

    /** The profile that turns the demo accounts and events on. */
    public static final String DEMO_PROFILE = "demo";

    private DemoPasswordGuard() {}

    /**
     * Throws if an account has the demo password and the demo profile is off.
     *
     * @throws IllegalStateException naming the account's position in {@code portal.organisers}
     */
    public static void check(PortalProperties properties, PasswordEncoder encoder, Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(DEMO_PROFILE))) {
            return;
        }
        for (int i = 0; i < properties.organisers().size(); i++) {
            if (encoder.matches(DEMO_PASSWORD, properties.organisers().get(i).passwordHash())) {
                throw new IllegalStateException("portal.organisers[" + i + "] has the demo password, which is public;"
                        + " give it a password of its own, or run with the demo profile (active profiles: "
                        + Arrays.toString(environment.getActiveProfiles()) + ")");
            }
        }
    }
}
