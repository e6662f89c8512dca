package org.eventregistration.examples.portal.security;

import java.util.Collection;
import java.util.List;
import org.eventregistration.examples.portal.PortalProperties.OrganiserRole;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** The Spring Security authorities of the portal's roles: {@code ROLE_ADMIN} implies {@code ROLE_CHECK_IN}. */
public final class OrganiserRoles {
    /** The prefix Spring Security's {@code hasRole} expects. */
    public static final String PREFIX = "ROLE_";

    private OrganiserRoles() {}

    /** The authorities of these roles. */
    public static List<GrantedAuthority> authorities(Collection<OrganiserRole> roles) {
        return roles.stream()
                .sorted()
                .<GrantedAuthority>map(r -> new SimpleGrantedAuthority(PREFIX + r.name()))
                .toList();
    }
}
