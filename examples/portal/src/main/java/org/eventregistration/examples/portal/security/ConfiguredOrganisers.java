package org.eventregistration.examples.portal.security;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.examples.portal.PortalProperties;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The organiser accounts of {@code portal.organisers[...]}: user name, password hash, organiser
 * and roles. Every look-up returns a fresh {@link OrganiserAccount} (Spring Security erases the
 * credentials of the one it used). Thread-safe.
 */
public final class ConfiguredOrganisers implements UserDetailsService {
    private final Map<String, PortalProperties.Organiser> byName = new LinkedHashMap<>();
    private final OrganiserId portalOrganiser;

    /** The accounts of these properties. */
    public ConfiguredOrganisers(PortalProperties properties) {
        this.portalOrganiser = properties.organiserId();
        for (PortalProperties.Organiser account : properties.organisers()) {
            if (byName.putIfAbsent(account.username(), account) != null) {
                throw new IllegalArgumentException("portal.organisers: the user name is configured twice");
            }
        }
    }

    /** How many accounts there are. */
    public int size() {
        return byName.size();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        PortalProperties.Organiser account = byName.get(username);
        if (account == null) {
            throw new UsernameNotFoundException("no such organiser account");
        }
        OrganiserId organiser = account.organiser().isEmpty() ? portalOrganiser : OrganiserId.of(account.organiser());
        return new OrganiserAccount(
                account.username(), account.passwordHash(), OrganiserRoles.authorities(account.roles()), organiser);
    }
}
