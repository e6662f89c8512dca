package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.examples.portal.web.TestForms;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A full workshop, while the event has seats: the form shows it as full and does not let it be
 * chosen, and a choice of it sent anyway (it filled up after the form was shown) is refused with
 * the workshop's name instead of putting the whole registration on the waiting list.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-full-workshop-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class FullWorkshopFormTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    ApplicationContext context;

    @Test
    void aFullWorkshopIsShownAsFullAndCannotBeChosen() throws Exception {
        for (int i = 0; i < 30; i++) {
            RegistrationOutcome outcome = service.register(RegistrationRequest.builder(DemoEvents.FEILTRINN)
                    .name("Deltaker " + i)
                    .email("deltaker" + i + "@example.no")
                    .organisation("Kommune " + i)
                    .sector(Sector.MUNICIPALITY)
                    .role(Role.LEADER)
                    .session("workshop-tidstyver")
                    .answer("deltakelse", "fysisk")
                    .addressVerified(true)
                    .build());
            assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        }

        String form = mvc.perform(get("/events/feiltrinn/register"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(form)
                .containsPattern("id=\"session-workshop-tidstyver\"[^>]*disabled")
                .doesNotContainPattern("id=\"session-workshop-prov-feil\"[^>]*disabled")
                .contains("Full – kan ikke velges")
                .doesNotContain(", 0 ledige plasser");

        String refused = mvc.perform(post("/events/feiltrinn/register")
                        .with(TestForms.stamped(context))
                        .with(csrf())
                        .param("name", "Sen Søker")
                        .param("email", "sen.soker@example.no")
                        .param("organisationName", "Asker kommune")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER")
                        .param("session", "workshop-tidstyver")
                        .param("answers[deltakelse]", "fysisk")
                        .param("consent", "true")
                        .param("idempotencyKey", UUID.randomUUID().toString()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused)
                .contains("Workshopen «Workshop: Fang tidstyvene» er full")
                .contains("href=\"#session-none\"");
        assertThat(service.console(OrganiserId.DEFAULT, "arrangor").registrations(DemoEvents.FEILTRINN))
                .extracting(r -> r.attendee().name())
                .doesNotContain("Sen Søker");
    }

    @Test
    void theOrganisationLimitIsNotCalledAFullEvent() throws Exception {
        java.time.LocalDate day = java.time.LocalDate.now().plusWeeks(2);
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        service.console(OrganiserId.DEFAULT, "arrangor")
                .saveEvent(Event.builder(EventId.of("orgrense"))
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .title(LocalizedText.of("Kurs med grense per organisasjon"))
                        .schedule(
                                day.atTime(9, 0).atZone(oslo), day.atTime(10, 0).atZone(oslo))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(50).withMaxPerOrganisation(1))
                        .waitlist(WaitlistPolicy.autoPromote())
                        .build());
        RegistrationOutcome first = service.register(RegistrationRequest.builder(EventId.of("orgrense"))
                .name("Første Bæring")
                .email("forste@example.no")
                .organisation("Bærum kommune")
                .sector(Sector.MUNICIPALITY)
                .role(Role.LEADER)
                .build());
        assertThat(first).isInstanceOf(RegistrationOutcome.Confirmed.class);
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/events/orgrense/register")
                        .session(session)
                        .with(TestForms.stamped(context))
                        .with(csrf())
                        .param("name", "Ellevte Bæring")
                        .param("email", "ellevte@example.no")
                        .param("organisationName", "Bærum kommune")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER")
                        .param("consent", "true")
                        .param("idempotencyKey", UUID.randomUUID().toString()))
                .andExpect(status().is3xxRedirection());
        String receipt = mvc.perform(get("/receipt").session(session))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(receipt)
                .contains("Organisasjonen din har nådd grensen på 1 deltakere")
                .contains("Du er nummer 1 på ventelisten")
                .doesNotContain("Arrangementet er fullt");
    }
}
