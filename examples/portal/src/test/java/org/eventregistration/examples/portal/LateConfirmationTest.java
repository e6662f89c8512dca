package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A confirmation that comes after the hold (30 minutes for the demo events): the link has expired
 * with the hold, and the page says so in the reader's language. Never a confirmed registration.
 */
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-late-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
@Import(LateConfirmationTest.Clocks.class)
class LateConfirmationTest {
    @Autowired
    org.springframework.context.ApplicationContext context;

    private org.springframework.test.web.servlet.request.RequestPostProcessor stamped() {
        return org.eventregistration.examples.portal.web.TestForms.stamped(context);
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MovingClock movingClock() {
            return new MovingClock();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MovingClock clock;

    @Autowired
    DemoMailbox mailbox;

    @Test
    void aLateConfirmationIsRefusedAndConfirmsNothing() throws Exception {
        mvc.perform(post("/events/innbyggermote-kommuneplan/register")
                        .with(stamped())
                        .with(csrf())
                        .param("name", "Sigrid Sein")
                        .param("email", "sigrid.sein@example.no")
                        .param("organisationName", "Asker kommune")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "ADVISER")
                        .param("consent", "true")
                        .param("idempotencyKey", java.util.UUID.randomUUID().toString()))
                .andExpect(status().isFound());
        String confirm = MailLinks.newest(mailbox, "sigrid.sein@example.no", "/confirm/");
        clock.advance(Duration.ofMinutes(31));
        var response = mvc.perform(post(confirm).with(csrf()).param("lang", "en"))
                .andReturn()
                .getResponse();
        String page = response.getContentAsString(StandardCharsets.UTF_8);
        // The confirmation link lives exactly as long as the hold: after it, the link has expired.
        // (The refusal page, "could not be confirmed", is for a confirmation that loses a race with the deadline.)
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(page).contains("This link does not work").doesNotContain("data-status=\"CONFIRMED\"");
    }
}
