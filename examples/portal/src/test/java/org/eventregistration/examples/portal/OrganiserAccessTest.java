package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.examples.portal.security.LoginProperties;
import org.eventregistration.examples.portal.security.OidcOrganisers;
import org.eventregistration.examples.portal.security.Sleeper;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Organiser logins: two roles enforced on the endpoints (check-in staff and organiser admin), an
 * OpenID Connect login mapped from claims, growing delays after wrong passwords per user and per
 * client address (recorded, not slept), and absolute links from {@code portal.base-url}, never
 * from the {@code Host} header.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-access-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false",
            "portal.base-url=https://pamelding.kommune.example"
        })
@AutoConfigureMockMvc
@Import(OrganiserAccessTest.Waits.class)
class OrganiserAccessTest {

    /** Records the login throttle's waits instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    @TestConfiguration
    static class Waits {
        @Bean
        @org.springframework.context.annotation.Primary
        RecordingSleeper recordingSleeper() {
            return new RecordingSleeper();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    RecordingSleeper sleeper;

    private Registration confirmed(String email) {
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(DemoEvents.KOMMUNEPLAN)
                .name("Rolle Test")
                .email(email)
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .addressVerified(true)
                .build());
        return ((RegistrationOutcome.Confirmed) outcome).registration();
    }

    private String action(Registration r, String action) {
        return "/organiser/events/" + DemoEvents.KOMMUNEPLAN.value() + "/registrations/" + r.id().value() + "/"
                + action;
    }

    @Test
    void checkInStaffSeeListsAndCheckInButCannotEditExportOrErase() throws Exception {
        Registration r = confirmed("rolle.checkin@example.no");
        String list = mvc.perform(
                        get("/organiser/events/innbyggermote-kommuneplan").with(TestLogins.checkIn()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(list).contains("/checkin").doesNotContain("/cancel").doesNotContain("participants.csv");
        mvc.perform(post(action(r, "cancel")).with(csrf()).with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/organiser/events/innbyggermote-kommuneplan/participants.csv")
                        .with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/personal-data/export")
                        .with(csrf())
                        .with(TestLogins.checkIn())
                        .param("email", "rolle.checkin@example.no"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/personal-data/erase")
                        .with(csrf())
                        .with(TestLogins.checkIn())
                        .param("email", "rolle.checkin@example.no"))
                .andExpect(status().isForbidden());
        mvc.perform(post(action(r, "checkin")).with(csrf()).with(TestLogins.checkIn()))
                .andExpect(status().isFound());
        assertThat(service.console(OrganiserId.DEFAULT, "t")
                        .findRegistration(r.id())
                        .orElseThrow()
                        .status()
                        .name())
                .isEqualTo("CHECKED_IN");
        // A check-in by mistake: the same staff may undo it, and the seat is kept.
        String checkedIn = mvc.perform(
                        get("/organiser/events/innbyggermote-kommuneplan").with(TestLogins.checkIn()))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(checkedIn).contains(action(r, "undo-checkin"));
        mvc.perform(post(action(r, "undo-checkin")).with(csrf()).with(TestLogins.checkIn()))
                .andExpect(status().isFound());
        assertThat(service.console(OrganiserId.DEFAULT, "t")
                        .findRegistration(r.id())
                        .orElseThrow()
                        .status()
                        .name())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void organiserAdminsMayEditAndExport() throws Exception {
        Registration r = confirmed("rolle.admin@example.no");
        mvc.perform(get("/organiser/events/innbyggermote-kommuneplan/participants.csv")
                        .with(TestLogins.admin()))
                .andExpect(status().isOk());
        mvc.perform(post(action(r, "cancel")).with(csrf()).with(TestLogins.admin()))
                .andExpect(status().isFound());
        assertThat(service.console(OrganiserId.DEFAULT, "t")
                        .findRegistration(r.id())
                        .orElseThrow()
                        .status()
                        .name())
                .isEqualTo("CANCELLED");
    }

    private static DefaultOidcUser providerUser(Map<String, Object> claims) {
        OidcIdToken token = OidcIdToken.withTokenValue("id-token")
                .subject("sub-4711")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300))
                .claims(c -> c.putAll(claims))
                .build();
        return new DefaultOidcUser(List.of(), token);
    }

    private static RequestPostProcessor oidc(OidcOrganisers mapper, Map<String, Object> claims) {
        return oidcLogin().oidcUser(mapper.map(providerUser(claims)));
    }

    @Test
    void anOpenIdConnectLoginGetsItsOrganiserAndRoleFromTheClaims() throws Exception {
        OidcOrganisers mapper =
                new OidcOrganisers(new LoginProperties.Oidc("kommune", "groups", null, null), OrganiserId.of("annen"));
        var admin = mapper.map(providerUser(Map.of("kommune", "default", "groups", List.of("pamelding-admin"))));
        assertThat(admin.organiser()).isEqualTo(OrganiserId.DEFAULT);
        assertThat(admin.userId()).isEqualTo("sub-4711");
        assertThatThrownBy(() -> mapper.map(providerUser(Map.of("kommune", "default", "groups", List.of("annet")))))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThatThrownBy(() -> mapper.map(providerUser(Map.of("groups", List.of("pamelding-admin")))))
                .isInstanceOf(OAuth2AuthenticationException.class);

        String csv = "/organiser/events/innbyggermote-kommuneplan/participants.csv";
        mvc.perform(get(csv).with(oidc(mapper, Map.of("kommune", "default", "groups", List.of("pamelding-admin")))))
                .andExpect(status().isOk());
        mvc.perform(get(csv).with(oidc(mapper, Map.of("kommune", "default", "groups", List.of("pamelding-checkin")))))
                .andExpect(status().isForbidden());
        // Another organiser's user does not see this organiser's event.
        mvc.perform(get("/organiser/events/innbyggermote-kommuneplan")
                        .with(oidc(mapper, Map.of("kommune", "annen", "groups", List.of("pamelding-admin")))))
                .andExpect(status().isNotFound());
    }

    private void login(String user, String password, String address, String expectedRedirect) throws Exception {
        mvc.perform(post("/login")
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr(address);
                            return request;
                        })
                        .param("username", user)
                        .param("password", password))
                .andExpect(redirectedUrl(expectedRedirect));
    }

    @Test
    void wrongPasswordsMakeTheNextAttemptsWaitLongerPerUserAndPerAddressWithoutLockingOut() throws Exception {
        synchronized (sleeper) {
            sleeper.waits.clear();
        }
        for (int i = 0; i < 5; i++) {
            login("vert", "feil-" + i, "10.9.9.1", "/login?error");
        }
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        // The same user from another address waits too (per user) ...
        login("vert", "feil", "10.9.9.2", "/login?error");
        // ... and another user from the first address (per address).
        login("arrangor", "feil", "10.9.9.1", "/login?error");
        assertThat(sleeper.waits).hasSize(4);
        assertThat(sleeper.waits.get(2)).isEqualTo(Duration.ofSeconds(4)); // vert: 5 wrong so far
        assertThat(sleeper.waits.get(3)).isEqualTo(Duration.ofSeconds(4)); // 10.9.9.1: 5 wrong so far
        // Not a lockout: the right password still works, after the wait, and the user's count starts over.
        login("vert", "demo-passord-123", "10.9.9.3", "/organiser");
        assertThat(sleeper.waits).hasSize(5);
        assertThat(sleeper.waits.get(4)).isEqualTo(Duration.ofSeconds(8)); // vert: 6 wrong
        login("vert", "feil", "10.9.9.4", "/login?error");
        assertThat(sleeper.waits).hasSize(5);
        // An unrelated user from an unrelated address is not slowed down.
        login("arrangor", "demo-passord-123", "10.9.9.5", "/organiser");
        assertThat(sleeper.waits).hasSize(5);
    }

    @Test
    void absoluteLinksComeFromTheBaseUrlNeverFromTheHostHeader() throws Exception {
        String ics = mvc.perform(get("/events/feiltrinn/calendar.ics").header("Host", "evil.example"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(ics.replace("\r\n ", ""))
                .contains("URL:https://pamelding.kommune.example/events/feiltrinn")
                .doesNotContain("evil.example");
    }
}
