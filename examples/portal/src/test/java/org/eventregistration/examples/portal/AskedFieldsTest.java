package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The form asks for what the event needs: the citizens' meeting has no "about your workplace". */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:portal-asked-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class AskedFieldsTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    RegistrationService service;

    private String form(String event) throws Exception {
        return mvc.perform(get("/events/" + event + "/register"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theCitizensMeetingAsksForNoWorkplaceAndRegistersWithoutOne() throws Exception {
        assertThat(form("innbyggermote-kommuneplan"))
                .doesNotContain("id=\"sector\"")
                .doesNotContain("id=\"role\"")
                .doesNotContain("id=\"organisationName\"")
                .doesNotContain("id=\"phone\"");
        assertThat(form("feiltrinn")).contains("id=\"sector\"").contains("id=\"role\"");

        mvc.perform(post("/events/innbyggermote-kommuneplan/register")
                        .with(csrf())
                        .with(org.eventregistration.examples.portal.web.TestForms.stamped(context))
                        .param("name", "Borghild Borger")
                        .param("email", "borghild@example.no")
                        .param("sector", "STATE") // sent anyway: not kept
                        .param("consent", "true"))
                .andExpect(redirectedUrl("/receipt"));
        assertThat(service.console(OrganiserId.DEFAULT, "t")
                        .exportPersonalData("borghild@example.no")
                        .registrations())
                .singleElement()
                .satisfies(i -> assertThat(i.registration().attendee().sector()).isEqualTo(Sector.OTHER));
    }
}
