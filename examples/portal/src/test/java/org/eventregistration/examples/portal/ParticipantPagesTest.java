package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The participant list and the page per participant: 50 per page, search by name, e-mail or
 * organisation, a confirmation with a reason before an admin cancels someone, and one participant's
 * details, answers, history and audit entries.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-participants-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class ParticipantPagesTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    private OrganiserConsole console() {
        return service.console(OrganiserId.DEFAULT, "test");
    }

    private EventId event(String id, int seats) {
        LocalDate day = LocalDate.now(OSLO).plusDays(20);
        EventId eventId = EventId.of(id);
        console()
                .saveEvent(Event.builder(eventId)
                        .title(LocalizedText.of("Kurs " + id))
                        .schedule(
                                ZonedDateTime.of(day, LocalTime.of(10, 0), OSLO),
                                ZonedDateTime.of(day, LocalTime.of(12, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(seats))
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .build());
        return eventId;
    }

    private Registration register(EventId event, String name, String email, String organisation) {
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(event)
                .name(name)
                .email(email)
                .organisation(organisation)
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .addressVerified(true)
                .build());
        return ((RegistrationOutcome.Confirmed) outcome).registration();
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    private static int rows(String page) {
        Matcher m = Pattern.compile("data-registration=").matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theListShowsFiftyAPageAndSearchesNameEmailAndOrganisation() throws Exception {
        EventId id = event("mange", 200);
        for (int i = 1; i <= 120; i++) {
            register(id, "Deltaker " + i, "deltaker" + i + "@example.no", i == 77 ? "Bærum kommune" : "Asker kommune");
        }
        String path = "/organiser/events/" + id.value();
        String first = body(get(path).with(TestLogins.checkIn()));
        assertThat(rows(first)).isEqualTo(50);
        assertThat(first).contains("Viser 1–50 av 120.").contains("Side 1 av 3").contains("page=2");
        String last = body(get(path + "?page=3").with(TestLogins.checkIn()));
        assertThat(rows(last)).isEqualTo(20);
        assertThat(last).contains("Viser 101–120 av 120.").contains("Deltaker 120");
        assertThat(rows(body(get(path + "?page=99").with(TestLogins.checkIn()))))
                .isEqualTo(20);
        assertThat(rows(body(get(path + "?page=x").with(TestLogins.checkIn())))).isEqualTo(50);

        String byOrganisation = body(get(path).param("q", "bærum").with(TestLogins.checkIn()));
        assertThat(rows(byOrganisation)).isEqualTo(1);
        assertThat(byOrganisation).contains("Deltaker 77").contains("value=\"bærum\"");
        assertThat(rows(body(get(path).param("q", "deltaker11@").with(TestLogins.checkIn()))))
                .isEqualTo(1);
        assertThat(rows(body(get(path).param("q", "Deltaker 11").with(TestLogins.checkIn()))))
                .as("Deltaker 11, 110 … 119")
                .isEqualTo(11);
        assertThat(body(get(path).param("q", "ingen slik").with(TestLogins.checkIn())))
                .contains("Ingen påmeldinger å vise.");
        assertThat(body(get(path + "?page=2&lang=en").with(TestLogins.checkIn())))
                .contains("Showing 51–100 of 120.");
    }

    @Test
    void cancellingSomeoneGoesThroughAConfirmationWithAReason() throws Exception {
        EventId id = event("avmelding", 5);
        Registration kari = register(id, "Kari Avmeldt", "kari.avmeldt@example.no", "Asker kommune");
        String list = body(get("/organiser/events/" + id.value()).with(TestLogins.admin()));
        String cancelPath = "/organiser/events/" + id.value() + "/registrations/"
                + kari.id().value() + "/cancel";
        assertThat(list)
                .as("the list links to a confirmation; no form cancels at once")
                .contains("href=\"" + cancelPath)
                .doesNotContain("action=\"" + cancelPath);

        String confirm = body(get(cancelPath).with(TestLogins.admin()));
        assertThat(confirm)
                .contains("Meld av Kari Avmeldt?")
                .contains("name=\"note\"")
                .contains("maxlength=\"500\"");
        assertThat(console().findRegistration(kari.id()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
        mvc.perform(get(cancelPath).with(TestLogins.checkIn())).andExpect(status().isForbidden());

        mvc.perform(post(cancelPath).with(csrf()).with(TestLogins.admin()).param("note", "Ringte og meldte fra"))
                .andExpect(redirectedUrl("/organiser/events/" + id.value()));
        Registration after = console().findRegistration(kari.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(after.history().get(after.history().size() - 1).reason()).isEqualTo("Ringte og meldte fra");
    }

    @Test
    void aParticipantsPageShowsDetailsHistoryAndAudit() throws Exception {
        EventId id = event("en-deltaker", 5);
        Registration ola = register(id, "Ola <b>Deltaker</b>", "ola.deltaker@example.no", "Asker kommune");
        console().checkIn(ola.id());
        String path =
                "/organiser/events/" + id.value() + "/registrations/" + ola.id().value();
        for (var login : java.util.List.of(TestLogins.admin(), TestLogins.checkIn())) {
            String page = body(get(path).with(login));
            assertThat(page)
                    .contains("Ola &lt;b&gt;Deltaker&lt;/b&gt;")
                    .doesNotContain("<b>Deltaker</b>")
                    .contains("ola.deltaker@example.no")
                    .contains("Asker kommune")
                    .contains("Historikk")
                    .contains("Møtt")
                    .contains("Sjekket inn")
                    .contains("test");
        }
        assertThat(body(get("/organiser/events/" + id.value()).with(TestLogins.checkIn())))
                .contains("href=\"" + path + "\"");
        // Another event's id in the path, or an unknown registration: not found.
        mvc.perform(get("/organiser/events/feiltrinn/registrations/" + ola.id().value())
                        .with(TestLogins.admin()))
                .andExpect(status().isNotFound());
        mvc.perform(get("/organiser/events/" + id.value() + "/registrations/finnes-ikke")
                        .with(TestLogins.admin()))
                .andExpect(status().isNotFound());
    }
}
