package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The manage page's change and hand-over forms and the colleague's page, through MockMvc: every
 * POST needs the CSRF token, a change that worked redirects (POST, redirect, GET), opening the
 * colleague's link changes nothing, and the page speaks the registration's own language.
 */
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:portal-handover-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class HandoverPagesTest {
    private static final String UNKNOWN_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    DemoMailbox mailbox;

    private ManageToken registered(String email, java.util.Locale language) {
        RegistrationOutcome o = service.register(RegistrationRequest.builder(DemoEvents.KOMMUNEPLAN)
                .name("Nora Nynorsk")
                .email(email)
                .language(language)
                .addressVerified(true)
                .build());
        return ((RegistrationOutcome.Confirmed) o).manageToken();
    }

    @Test
    void everyPostNeedsTheCsrfTokenAndAChangeRedirects() throws Exception {
        ManageToken t = registered("nora.csrf@asker.kommune.no", Languages.BOKMAL);
        String page = "/manage/" + t.value();

        mvc.perform(post(page + "/handover")
                        .param("colleague-name", "Ola")
                        .param("colleague-email", "ola.csrf@asker.kommune.no"))
                .andExpect(status().isForbidden());
        mvc.perform(post(page + "/change")).andExpect(status().isForbidden());
        assertThat(service.findByManageToken(t).orElseThrow().handover()).isEmpty();

        mvc.perform(post(page + "/handover")
                        .with(csrf())
                        .param("colleague-name", "Ola")
                        .param("colleague-email", "ola.csrf@asker.kommune.no"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl(page));
        assertThat(service.findByManageToken(t).orElseThrow().handover()).isPresent();

        String link = MailLinks.newest(mailbox, "ola.csrf@asker.kommune.no", "/handover/");
        // Opening the link (a mail scanner does) changes nothing.
        String shown = mvc.perform(get(link))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(shown).contains("Nora Nynorsk").contains("id=\"take-over\"");
        assertThat(service.findByManageToken(t).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        mvc.perform(post(link)).andExpect(status().isForbidden());

        String colleaguePage = mvc.perform(post(link).with(csrf()))
                .andExpect(status().isFound())
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(colleaguePage).startsWith("/manage/");
        assertThat(service.findByManageToken(t)).isEmpty();
        assertThat(service.findHandedOver(t)).map(Registration::handedOver).contains(true);
        mvc.perform(get(page)).andExpect(status().isOk());
        mvc.perform(post(link).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void unknownHandoverLinksGetTheInvalidLinkPage() throws Exception {
        mvc.perform(get("/handover/" + UNKNOWN_TOKEN)).andExpect(status().isNotFound());
        mvc.perform(post("/handover/" + UNKNOWN_TOKEN).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/handover/short")).andExpect(status().isNotFound());
    }

    @Test
    void theFormsSpeakTheRegistrationsLanguageAndShowErrorsInIt() throws Exception {
        ManageToken t = registered("nora.nn@asker.kommune.no", Languages.NYNORSK);
        String page = "/manage/" + t.value();
        String html = mvc.perform(get(page))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(html).contains("Gi plassen til ein kollega");

        String errors = mvc.perform(post(page + "/handover")
                        .with(csrf())
                        .param("lang", "nn")
                        .param("colleague-name", "Ola")
                        .param("colleague-email", "ola@bergen.kommune.no"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(errors)
                .contains("id=\"error-summary\"")
                .contains("må vere i same organisasjon som di (@asker.kommune.no)");
        assertThat(service.findByManageToken(t).orElseThrow().handover()).isEmpty();
    }
}
