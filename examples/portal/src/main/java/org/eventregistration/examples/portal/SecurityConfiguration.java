package org.eventregistration.examples.portal;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Who may see what, and the headers every response carries.
 *
 * <ul>
 *   <li>Public pages, the registration form and the manage pages are open; {@code /organiser/**}
 *       needs a login with the role {@code ORGANISER}.
 *   <li>Organisers come from configuration ({@code portal.organisers}) with hashed passwords.
 *   <li>CSRF protection is on for every form, including the public ones.
 *   <li>Content-Security-Policy without {@code unsafe-inline}: all scripts and styles are files
 *       from this server. No framing, and no {@code Referer} header: a manage link holds a secret.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    /** The policy every page is served with. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    /** The rules. */
    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers("/organiser/**")
                        .hasRole("ORGANISER")
                        .anyRequest()
                        .permitAll())
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/organiser", false)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?loggedOut"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** Hashes are read with their prefix: {bcrypt}, {argon2}, ... */
    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The organiser accounts from configuration. */
    @Bean
    public UserDetailsService organisers(PortalProperties properties) {
        List<UserDetails> users = properties.organisers().stream()
                .map(o -> User.withUsername(o.username())
                        .password(o.passwordHash())
                        .roles("ORGANISER")
                        .build())
                .toList();
        return new InMemoryUserDetailsManager(users);
    }
}
