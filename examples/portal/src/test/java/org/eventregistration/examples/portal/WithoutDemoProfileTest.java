package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.eventregistration.examples.portal.security.DemoPasswordGuard;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;

/** Without the demo profile there is no demo account and no demo event, and the demo password stops the start. */
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-nodemo-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class WithoutDemoProfileTest {
    private static final String DEMO_HASH = "{bcrypt}$2a$10$OYkNt4owUkaJ4lt.bUAVe.Vu0s3QofmNW4GYuo0xeMzijuf8GyK4q";

    @Autowired
    MockMvc mvc;

    @Test
    void theDemoOrganiserCannotLogInAndTheDemoEventsAreAbsent() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "arrangor").param("password", "demo-passord-123"))
                .andExpect(redirectedUrl("/login?error"));
        mvc.perform(get("/events/feiltrinn")).andExpect(status().isNotFound());
    }

    private static PortalProperties accounts(String hash) {
        return new PortalProperties(
                List.of(new PortalProperties.Organiser("kari", hash, "", null)), false, null, null, null, null);
    }

    @Test
    void theDemoPasswordIsRefusedOutsideTheDemoProfileWhateverItsHash() {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        MockEnvironment production = new MockEnvironment();
        assertThatThrownBy(() -> DemoPasswordGuard.check(accounts(DEMO_HASH), encoder, production))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("portal.organisers[0]");
        String rehashed = encoder.encode("demo-passord-123");
        assertThatThrownBy(() -> DemoPasswordGuard.check(accounts(rehashed), encoder, production))
                .isInstanceOf(IllegalStateException.class);
        assertThatCode(() -> DemoPasswordGuard.check(accounts(encoder.encode("et-eget-passord")), encoder, production))
                .doesNotThrowAnyException();
        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatCode(() -> DemoPasswordGuard.check(accounts(DEMO_HASH), encoder, demo))
                .doesNotThrowAnyException();
    }

    @Test
    void thePortalDoesNotStartWithTheDemoPasswordOutsideTheDemoProfile() {
        assertThatThrownBy(() -> new org.springframework.boot.builder.SpringApplicationBuilder(PortalApplication.class)
                        .properties(
                                "server.port=0",
                                "portal.store=memory",
                                "portal.jobs.enabled=false",
                                "spring.datasource.url=jdbc:h2:mem:portal-refused;DB_CLOSE_DELAY=-1",
                                "portal.organisers[0].username=kari",
                                "portal.organisers[0].password-hash=" + DEMO_HASH)
                        .run()
                        .close())
                .hasStackTraceContaining("has the demo password");
    }
}
