package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The public form against floods and bots: a rate limit per client address and per event (HTTP 429
 * with a page in the reader's language), a honeypot field, and a minimum time to fill the form in,
 * from a signed render time that cannot be forged. Nothing refused is registered.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-defences-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false",
            "portal.public-form.per-client.requests=3",
            "portal.public-form.per-client.period=10m",
            "portal.public-form.per-event.requests=6",
            "portal.public-form.per-event.period=1m",
            "portal.public-form.minimum-fill-time=3s"
        })
@AutoConfigureMockMvc
@Import(PublicFormDefencesTest.Clocks.class)
class PublicFormDefencesTest {
    private static final Pattern STAMP = Pattern.compile("name=\"formStamp\" value=\"([^\"]+)\"");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        LateConfirmationTest.MovingClock movingClock() {
            return new LateConfirmationTest.MovingClock();
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    Clock clock;

    private LateConfirmationTest.MovingClock clock() {
        return (LateConfirmationTest.MovingClock) clock;
    }

    private int registrations(String event) {
        return service.console(OrganiserId.DEFAULT, "test")
                .registrations(org.eventregistration.event.EventId.of(event))
                .size();
    }

    /** The stamp of the form as the page shows it now. */
    private String formStamp(String event) throws Exception {
        String page = mvc.perform(get("/events/" + event + "/register"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        Matcher m = STAMP.matcher(page);
        assertThat(m.find()).as("the form carries a stamp").isTrue();
        return m.group(1);
    }

    private MockHttpServletRequestBuilder send(String event, String address, String stamp, String email) {
        return post("/events/" + event + "/register")
                .with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                })
                .param("name", "Flo Od")
                .param("email", email)
                .param("organisationName", "Asker kommune")
                .param("sector", "MUNICIPALITY")
                .param("role", "ADVISER")
                .param("consent", "true")
                .param("idempotencyKey", UUID.randomUUID().toString())
                .param("formStamp", stamp);
    }

    @Test
    void oneClientAddressIsLimitedAndToldSoInItsLanguage() throws Exception {
        String event = "innbyggermote-kommuneplan";
        String stamp = formStamp(event);
        clock().advance(Duration.ofSeconds(5));
        for (int i = 0; i < 3; i++) {
            mvc.perform(send(event, "203.0.113.7", stamp, "flo" + i + "@example.no"))
                    .andExpect(status().isFound());
        }
        int before = registrations(event);
        String page = mvc.perform(
                        send(event, "203.0.113.7", stamp, "flo3@example.no").param("lang", "nn"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("for mange påmeldingar");
        assertThat(registrations(event)).isEqualTo(before);
        // Another address is not held up by this one; after the period the first may send again.
        mvc.perform(send(event, "203.0.113.8", stamp, "other@example.no")).andExpect(status().isFound());
        clock().advance(Duration.ofMinutes(10));
        mvc.perform(send(event, "203.0.113.7", stamp, "flo4@example.no")).andExpect(status().isFound());
    }

    @Test
    void oneEventIsLimitedWhateverTheAddresses() throws Exception {
        String event = "kurs-klarsprak";
        String stamp = formStamp(event);
        clock().advance(Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            mvc.perform(send(event, "198.51.100." + i, stamp, "many" + i + "@example.no"))
                    .andExpect(status().isFound());
        }
        mvc.perform(send(event, "198.51.100.99", stamp, "many99@example.no")).andExpect(status().isTooManyRequests());
    }

    @Test
    void aFilledInHoneypotRegistersNothing() throws Exception {
        String event = "feiltrinn";
        String stamp = formStamp(event);
        clock().advance(Duration.ofSeconds(5));
        int before = registrations(event);
        String page = mvc.perform(send(event, "192.0.2.10", stamp, "honey@example.no")
                        .param("website", "https://spam.example")
                        .param("deltakelse", "fysisk"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Vi kunne ikke ta imot skjemaet").contains("href=\"#submit\"");
        assertThat(registrations(event)).isEqualTo(before);
    }

    @Test
    void aFormSentFasterThanAPersonCouldOrWithAForgedStampRegistersNothing() throws Exception {
        String event = "innbyggermote-kommuneplan";
        String stamp = formStamp(event);
        int before = registrations(event);
        clock().advance(Duration.ofSeconds(1));
        mvc.perform(send(event, "192.0.2.20", stamp, "fast@example.no")).andExpect(status().isOk());
        long earlier = Long.parseLong(stamp.substring(0, stamp.indexOf('.'))) - 60_000;
        String forged = earlier + stamp.substring(stamp.indexOf('.'));
        mvc.perform(send(event, "192.0.2.20", forged, "forged@example.no")).andExpect(status().isOk());
        mvc.perform(send(event, "192.0.2.20", "", "none@example.no")).andExpect(status().isOk());
        assertThat(registrations(event)).isEqualTo(before);

        clock().advance(Duration.ofSeconds(3));
        mvc.perform(send(event, "192.0.2.21", stamp, "slow@example.no")).andExpect(status().isFound());
        assertThat(registrations(event)).isEqualTo(before + 1);
    }
}
