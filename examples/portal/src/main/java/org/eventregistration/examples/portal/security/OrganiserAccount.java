package org.eventregistration.examples.portal.security;

import java.util.Collection;
import org.eventregistration.event.OrganiserId;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** An organiser account from configuration, with its organiser. */
public final class OrganiserAccount extends User implements OrganiserPrincipal {
    private static final long serialVersionUID = 1L;

    private final String organiser;

    /** An account; {@code passwordHash} carries its algorithm prefix. */
    public OrganiserAccount(
            String username,
            String passwordHash,
            Collection<? extends GrantedAuthority> authorities,
            OrganiserId organiser) {
        super(username, passwordHash, authorities);
        this.organiser = organiser.value();
    }

    @Override
    public OrganiserId organiser() {
        return OrganiserId.of(organiser);
    }

    @Override
    public String userId() {
        return getUsername();
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
