package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The pages the e-mails link to (confirm, my data) and the "lost your link?" forms, through
 * MockMvc, with the mail read from the in-process demo mailbox: opening a link changes nothing,
 * every POST needs the CSRF token, wrong links get a clear 404 page in the reader's language.
 */
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:portal-web-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class SelfServicePagesTest {
    @Autowired
    org.springframework.context.ApplicationContext context;

    private org.springframework.test.web.servlet.request.RequestPostProcessor stamped() {
        return org.eventregistration.examples.portal.web.TestForms.stamped(context);
    }

    private static final String EVENT = "innbyggermote-kommuneplan";
    private static final String UNKNOWN_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    DemoMailbox mailbox;

    private void register(String name, String email) throws Exception {
        mvc.perform(post("/events/" + EVENT + "/register")
                        .with(stamped())
                        .with(csrf())
                        .param("name", name)
                        .param("email", email)
                        .param("organisationName", "Asker kommune")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "ADVISER")
                        .param("consent", "true")
                        .param("idempotencyKey", java.util.UUID.randomUUID().toString()))
                .andExpect(status().isFound());
    }

    private Registration registrationOf(String email) {
        return service.console(OrganiserId.DEFAULT, "arrangor").registrations(DemoEvents.KOMMUNEPLAN).stream()
                .filter(r -> r.attendee().email().equalsIgnoreCase(email))
                .findFirst()
                .orElseThrow();
    }

    private long mailsTo(String email) {
        return mailbox.messages().stream()
                .filter(m -> m.to().toLowerCase(Locale.ROOT).contains(email))
                .count();
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void openingTheConfirmationLinkChangesNothingAndOnlyAPostWithTheCsrfTokenConfirms() throws Exception {
        register("Gina Gran", "gina@example.no");
        assertThat(registrationOf("gina@example.no").addressConfirmed()).isFalse();
        String confirm = MailLinks.newest(mailbox, "gina@example.no", "/confirm/");
        assertThat(mailsTo("gina@example.no")).isEqualTo(1);

        String page = body(mvc.perform(get(confirm)).andExpect(status().isOk()).andReturn());
        assertThat(page)
                .contains("Bekreft e-postadressen din")
                .contains("id=\"confirm\"")
                .contains("name=\"_csrf\"");
        mvc.perform(get(confirm)).andExpect(status().isOk());
        assertThat(registrationOf("gina@example.no").addressConfirmed()).isFalse();

        mvc.perform(post(confirm)).andExpect(status().isForbidden());
        assertThat(registrationOf("gina@example.no").addressConfirmed()).isFalse();

        MockHttpSession session = new MockHttpSession();
        mvc.perform(post(confirm).with(csrf()).session(session)).andExpect(redirectedUrl(confirm));
        String done = body(mvc.perform(get(confirm).session(session))
                .andExpect(status().isOk())
                .andReturn());
        // A reload shows the same result (POST-redirect-GET): no error page, nothing sent again.
        assertThat(body(mvc.perform(get(confirm).session(session)).andReturn())).contains("data-status=\"CONFIRMED\"");
        assertThat(done)
                .contains("Adressen din er bekreftet")
                .contains("data-status=\"CONFIRMED\"")
                .contains("Vi sender deg en e-post med din personlige lenke");
        assertThat(registrationOf("gina@example.no").addressConfirmed()).isTrue();
        String manage = MailLinks.newest(mailbox, "gina@example.no", "/manage/");
        assertThat(body(mvc.perform(get(manage)).andExpect(status().isOk()).andReturn()))
                .contains("data-status=\"CONFIRMED\"");
    }

    @Test
    void aWrongConfirmationLinkGetsAClearNotFoundPageInTheReadersLanguage() throws Exception {
        assertThat(body(mvc.perform(get("/confirm/kort"))
                        .andExpect(status().isNotFound())
                        .andReturn()))
                .contains("Lenken virker ikke");
        assertThat(body(mvc.perform(
                                post("/confirm/" + UNKNOWN_TOKEN).with(csrf()).cookie(new Cookie("lang", "en")))
                        .andExpect(status().isNotFound())
                        .andReturn()))
                .contains("<html lang=\"en\"")
                .contains("This link does not work");
        assertThat(body(mvc.perform(
                                post("/confirm/" + UNKNOWN_TOKEN).with(csrf()).param("lang", "nn"))
                        .andExpect(status().isNotFound())
                        .andReturn()))
                .contains("Lenkja verkar ikkje");
    }

    @Test
    void theLostLinkFormAnswersTheSameWhetherOrNotTheAddressIsRegistered() throws Exception {
        register("Hans Hansen", "hans@example.no");
        mvc.perform(post(MailLinks.newest(mailbox, "hans@example.no", "/confirm/"))
                        .with(csrf()))
                .andExpect(status().isFound());
        assertThat(body(mvc.perform(get("/events/" + EVENT)).andReturn())).contains("/events/" + EVENT + "/link");

        String form = body(mvc.perform(get("/events/" + EVENT + "/link"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(form).contains("Mistet lenken?").contains("autocomplete=\"email\"");
        mvc.perform(post("/events/" + EVENT + "/link").param("email", "hans@example.no"))
                .andExpect(status().isForbidden());

        long before = mailsTo("hans@example.no");
        // POST-redirect-GET, to the same page whether the address is registered or not.
        String sentPage = "/events/" + EVENT + "/link?sent=1";
        mvc.perform(post("/events/" + EVENT + "/link").with(csrf()).param("email", "hans@example.no"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(sentPage));
        mvc.perform(post("/events/" + EVENT + "/link").with(csrf()).param("email", "ukjent@example.no"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(sentPage));
        String known =
                body(mvc.perform(get(sentPage)).andExpect(status().isOk()).andReturn());
        assertThat(known)
                .contains("id=\"sent\"")
                .contains("Hvis adressen er påmeldt til arrangementet, har vi sendt en ny lenke");
        assertThat(mailsTo("hans@example.no"))
                .as("a reload of the answer sends nothing")
                .isEqualTo(before + 1);
        assertThat(mailsTo("hans@example.no")).isEqualTo(before + 1);
        assertThat(mailsTo("ukjent@example.no")).isZero();
        assertThat(body(mvc.perform(get(MailLinks.newest(mailbox, "hans@example.no", "/manage/")))
                        .andExpect(status().isOk())
                        .andReturn()))
                .contains("Hans Hansen");

        String bad =
                body(mvc.perform(post("/events/" + EVENT + "/link").with(csrf()).param("email", "ikke-en-adresse"))
                        .andExpect(status().isOk())
                        .andReturn());
        assertThat(bad)
                .contains("id=\"error-summary\"")
                .contains("aria-invalid=\"true\"")
                .doesNotContain("id=\"sent\"");
        mvc.perform(get("/events/finnes-ikke/link")).andExpect(status().isNotFound());
    }

    @Test
    void theDataPageDownloadsAndErasesOnlyByPostAfterAConfirmationStep() throws Exception {
        register("Ida Innsyn", "ida@example.no");
        mvc.perform(post(MailLinks.newest(mailbox, "ida@example.no", "/confirm/"))
                        .with(csrf()))
                .andExpect(status().isFound());
        String manage = MailLinks.newest(mailbox, "ida@example.no", "/manage/");
        mvc.perform(post("/events/" + EVENT + "/my-data").with(csrf()).param("email", "ida@example.no"))
                .andExpect(redirectedUrl("/events/" + EVENT + "/my-data?sent=1"));
        String data = MailLinks.newest(mailbox, "ida@example.no", "/data/");

        String page = body(mvc.perform(get(data)).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("id=\"export\"").contains("id=\"erase\"");
        mvc.perform(post(data + "/export")).andExpect(status().isForbidden());
        mvc.perform(post(data + "/erase").param("confirmed", "true")).andExpect(status().isForbidden());

        MvcResult json = mvc.perform(post(data + "/export").with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn();
        assertThat(json.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
        assertThat(body(json))
                .startsWith("{\"format\":\"eventregistration-personal-data/1\"")
                .contains("\"name\":\"Ida Innsyn\"");

        String ask = body(mvc.perform(post(data + "/erase").with(csrf()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(ask).contains("Er du sikker?").contains("id=\"erase-confirmed\"");
        mvc.perform(get(manage)).andExpect(status().isOk()); // not erased yet

        MvcResult erasing = mvc.perform(post(data + "/erase").with(csrf()).param("confirmed", "true"))
                .andExpect(redirectedUrl(data + "?erased=1"))
                .andReturn();
        String erased = body(mvc.perform(get(data + "?erased=1").flashAttrs(erasing.getFlashMap()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(erased).contains("id=\"erased\"").contains("Anonymiserte påmeldinger: 1.");
        // A reload of the result (POST-redirect-GET) says it is done, erases nothing and shows no error.
        assertThat(body(mvc.perform(get(data + "?erased=1"))
                        .andExpect(status().isOk())
                        .andReturn()))
                .contains("Personopplysningene dine er slettet.")
                .doesNotContain("id=\"erase\"");
        // The forms' addresses opened as pages lead to the page.
        mvc.perform(get(data + "/erase")).andExpect(redirectedUrl(data));
        mvc.perform(get(data + "/export")).andExpect(redirectedUrl(data));
        mvc.perform(get(manage)).andExpect(status().isNotFound());

        mvc.perform(get("/data/kort")).andExpect(status().isNotFound());
        assertThat(body(mvc.perform(post("/data/" + UNKNOWN_TOKEN + "/export").with(csrf()))
                        .andExpect(status().isNotFound())
                        .andReturn()))
                .contains("Lenken virker ikke");
    }

    @Test
    void theDemoMailboxIsLabelledAndShowsTheHtmlPartSandboxed() throws Exception {
        register("Jon Jensen", "jon@example.no");
        String page = body(
                mvc.perform(get("/demo-mailbox")).andExpect(status().isOk()).andReturn());
        assertThat(page).contains("Demo-postkasse").contains("Bare for demo").contains("jon@example.no");
        assertThat(page).containsPattern("<a href=\"http://localhost:[0-9]+/confirm/[A-Za-z0-9_-]+\"");
        java.util.regex.Matcher html = java.util.regex.Pattern.compile("href=\"(/demo-mailbox/[0-9]+/html)\"")
                .matcher(page);
        assertThat(html.find()).isTrue();
        MvcResult view = mvc.perform(get(html.group(1)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.startsWith("sandbox;")))
                .andReturn();
        assertThat(view.getResponse().getHeaders("Content-Security-Policy")).hasSize(1);
        assertThat(view.getResponse().getContentType()).startsWith("text/html");
        mvc.perform(get("/demo-mailbox/99999/html")).andExpect(status().isNotFound());
        assertThat(body(mvc.perform(get("/demo-mailbox").param("lang", "en")).andReturn()))
                .contains("Demo mailbox")
                .contains("Demo only");
    }
}
