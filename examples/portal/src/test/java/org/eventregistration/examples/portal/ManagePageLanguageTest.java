package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;
import java.nio.charset.StandardCharsets;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** A person's manage link opens in the language they registered in, unless they chose another here. */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:portal-lang-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class ManagePageLanguageTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    private String manageLink(String email) {
        RegistrationOutcome outcome =
                service.register(RegistrationRequest.builder(EventId.of("innbyggermote-kommuneplan"))
                        .name("Jane Doe")
                        .email(email)
                        .language(Languages.ENGLISH)
                        .addressVerified(true)
                        .build());
        return "/manage/"
                + ((RegistrationOutcome.Confirmed) outcome).manageToken().value();
    }

    private String page(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anEnglishRegistrantsLinkOpensInEnglish() throws Exception {
        String link = manageLink("jane.doe@example.com");
        assertThat(page(get(link).header("Accept-Language", "nb-NO"))).contains("lang=\"en\"");
    }

    @Test
    void aLanguageChosenOnTheSiteWins() throws Exception {
        String link = manageLink("jane.roe@example.com");
        assertThat(page(get(link).cookie(new Cookie(WebConfiguration.LANG, "nn"))))
                .contains("lang=\"nn\"");
        assertThat(page(get(link).param("lang", "nb"))).contains("lang=\"nb\"");
    }
}
