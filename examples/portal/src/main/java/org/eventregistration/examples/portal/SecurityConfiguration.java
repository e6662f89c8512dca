package org.eventregistration.examples.portal;

import jakarta.servlet.http.HttpServletRequest;
import org.eventregistration.examples.portal.security.ConfiguredOrganisers;
import org.eventregistration.examples.portal.security.DemoPasswordGuard;
import org.eventregistration.examples.portal.security.LoginProperties;
import org.eventregistration.examples.portal.security.LoginThrottle;
import org.eventregistration.examples.portal.security.LoginThrottleFilter;
import org.eventregistration.examples.portal.security.OidcOrganisers;
import org.eventregistration.examples.portal.security.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may see what, and the headers every response carries.
 *
 * <ul>
 *   <li>Public pages, the registration form and the manage pages are open; {@code /organiser/**}
 *       and {@code /check-in/**} (the page a check-in QR code opens) need a login with a role: {@code CHECK_IN} (lists, check-in) or {@code ADMIN} (everything:
 *       approve, decline, cancel, export, erase), enforced on each controller method.
 *   <li>Organisers come from configuration ({@code portal.organisers}, hashed passwords), and/or
 *       from the municipality's OpenID Connect provider when a
 *       {@code spring.security.oauth2.client.registration.*} is configured. Outside the
 *       {@code demo} profile an account with the demo password stops the start.
 *   <li>Wrong passwords make the next attempts wait longer ({@link LoginThrottle}), per user and per
 *       client address; never a lockout.
 *   <li>CSRF protection is on for every form, including the public ones.
 *   <li>Content-Security-Policy without {@code unsafe-inline}: all scripts and styles are files
 *       from this server. No framing, and no {@code Referer} header: a manage link holds a secret.
 *       HSTS on every request that came over TLS (directly or, with
 *       {@code server.forward-headers-strategy}, through the proxy).
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {
    /** The policy every page is served with. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    /** The session attribute that carries the user name of a failed login back to the form. */
    public static final String LOGIN_USERNAME = "portal.login.username";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final long ONE_YEAR_SECONDS = 365L * 24 * 60 * 60;

    /** The rules. */
    @Bean
    public SecurityFilterChain securityFilterChain(
            HttpSecurity http,
            LoginThrottle throttle,
            Sleeper sleeper,
            ObjectProvider<ClientRegistrationRepository> oidcProviders,
            OidcOrganisers oidcOrganisers)
            throws Exception {
        var success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/organiser");
        // After the login the address is the page asked for (/organiser), not /organiser?continue.
        var requestCache = new org.springframework.security.web.savedrequest.HttpSessionRequestCache();
        requestCache.setMatchingRequestParameterName(null);
        success.setRequestCache(requestCache);
        http.requestCache(cache -> cache.requestCache(requestCache));
        var failure = new SimpleUrlAuthenticationFailureHandler("/login?error");
        // /check-in/** is the page a check-in QR code opens: staff only, the login page for anyone else.
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/organiser/**", "/check-in/**")
                        .hasRole("CHECK_IN")
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler((request, response, authentication) -> {
                            throttle.succeeded(request.getParameter("username"), clientAddress(request));
                            success.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            // The attempt already counts: the throttle counted it when it arrived.
                            // The form shows the user name again after the error (never the password).
                            String username = request.getParameter("username");
                            if (username != null) {
                                request.getSession()
                                        .setAttribute(
                                                LOGIN_USERNAME,
                                                username.length() > 100 ? username.substring(0, 100) : username);
                            }
                            failure.onAuthenticationFailure(request, response, exception);
                        })
                        .permitAll())
                .addFilterBefore(new LoginThrottleFilter(throttle, sleeper), UsernamePasswordAuthenticationFilter.class)
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?loggedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(
                                hsts -> hsts.maxAgeInSeconds(ONE_YEAR_SECONDS).includeSubDomains(true)));
        if (oidcProviders.getIfAvailable() != null) {
            http.oauth2Login(oidc -> oidc.loginPage("/login")
                    .userInfoEndpoint(userInfo -> userInfo.oidcUserService(oidcOrganisers))
                    .defaultSuccessUrl("/organiser", false)
                    .failureUrl("/login?error"));
        }
        return http.build();
    }

    private static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }

    /** An organiser admin may do everything check-in staff may. */
    @Bean
    public static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN")
                .implies("CHECK_IN")
                .build();
    }

    /** Hashes are read with their prefix: {bcrypt}, {argon2}, ... */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The organiser accounts from configuration; refuses the demo password outside the demo profile. */
    @Bean
    public ConfiguredOrganisers organisers(
            PortalProperties properties,
            PasswordEncoder encoder,
            Environment environment,
            ObjectProvider<ClientRegistrationRepository> oidcProviders) {
        DemoPasswordGuard.check(properties, encoder, environment);
        ConfiguredOrganisers accounts = new ConfiguredOrganisers(properties);
        if (accounts.size() == 0 && oidcProviders.getIfAvailable() == null) {
            log.warn("no organiser accounts (portal.organisers) and no OpenID Connect login: nobody can log in"
                    + " as an organiser (the demo profile has demo accounts)");
        }
        return accounts;
    }

    /** Growing delays after wrong passwords. */
    @Bean
    public LoginThrottle loginThrottle(LoginProperties properties) {
        return new LoginThrottle(properties);
    }

    /** How the login throttle waits: {@link Thread#sleep}, unless a test provides another. */
    @Bean
    @ConditionalOnMissingBean
    public Sleeper sleeper() {
        return Sleeper.threadSleep();
    }

    /** An OpenID Connect login's organiser and roles, from its claims. */
    @Bean
    public OidcOrganisers oidcOrganisers(LoginProperties login, PortalProperties properties) {
        return new OidcOrganisers(login.oidc(), properties.organiserId());
    }
}
