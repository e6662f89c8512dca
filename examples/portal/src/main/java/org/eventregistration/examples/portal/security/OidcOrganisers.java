package org.eventregistration.examples.portal.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.examples.portal.PortalProperties.OrganiserRole;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A login through the municipality's OpenID Connect provider (Entra ID, ID-porten, Keycloak ...):
 * the organiser and the roles come from configurable claims ({@link LoginProperties.Oidc}). A user
 * with neither role, or without the organiser claim when one is configured, is refused.
 */
public final class OidcOrganisers extends OidcUserService {
    private final LoginProperties.Oidc claims;
    private final OrganiserId portalOrganiser;

    /** Maps with these claims; {@code portalOrganiser} when no organiser claim is configured. */
    public OidcOrganisers(LoginProperties.Oidc claims, OrganiserId portalOrganiser) {
        this.claims = claims;
        this.portalOrganiser = portalOrganiser;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        return map(super.loadUser(request));
    }

    /** The organiser user of this provider's user; throws if the claims give no organiser or no role. */
    public OrganiserOidcUser map(OidcUser user) {
        OrganiserId organiser = portalOrganiser;
        if (!claims.organiserClaim().isEmpty()) {
            String value = user.getClaimAsString(claims.organiserClaim());
            if (value == null || !value.matches("[a-z0-9][a-z0-9_-]{0,63}")) {
                throw refused("no_organiser");
            }
            organiser = OrganiserId.of(value);
        }
        List<String> values = user.getClaimAsStringList(claims.rolesClaim());
        Set<OrganiserRole> roles = EnumSet.noneOf(OrganiserRole.class);
        if (values != null && values.contains(claims.adminRole())) {
            roles.add(OrganiserRole.ADMIN);
        }
        if (values != null && values.contains(claims.checkInRole())) {
            roles.add(OrganiserRole.CHECK_IN);
        }
        if (roles.isEmpty()) {
            throw refused("no_role");
        }
        return new OrganiserOidcUser(OrganiserRoles.authorities(roles), user, organiser);
    }

    private static OAuth2AuthenticationException refused(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, "not an organiser of this portal", null));
    }

    /** A provider's user, as an organiser user of this portal. */
    public static final class OrganiserOidcUser extends DefaultOidcUser implements OrganiserPrincipal {
        private static final long serialVersionUID = 1L;

        private final String organiser;

        OrganiserOidcUser(List<GrantedAuthority> authorities, OidcUser user, OrganiserId organiser) {
            super(authorities, user.getIdToken(), user.getUserInfo());
            this.organiser = organiser.value();
        }

        @Override
        public OrganiserId organiser() {
            return OrganiserId.of(organiser);
        }

        @Override
        public String userId() {
            return getName();
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
}
