package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Registration;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What a Norwegian public page must have: each event's privacy notice, filled from the event, and
 * the accessibility statement linked from every footer. Also: the receipt shows the registration
 * as it stands now, the login lands on {@code /organiser} without Spring's {@code ?continue}, and
 * the demo events fall on working days.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-information-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class PublicInformationPagesTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    ApplicationContext context;

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void thePrivacyNoticeIsFilledFromTheEventAndLinkedFromTheForm() throws Exception {
        assertThat(body(get("/events/feiltrinn/register"))).contains("href=\"/events/feiltrinn/privacy\"");
        String nb = body(get("/events/feiltrinn/privacy?lang=nb"));
        assertThat(nb)
                .contains("<h1>Personvernerklæring</h1>")
                .contains("Difi – Direktoratet for forvaltning og IKT er behandlingsansvarlig")
                .contains("Asker kommune, SoCentral")
                .contains("telefonnummeret ditt")
                .contains("workshopen du velger")
                .contains("svaret ditt på «Hvordan deltar du?»")
                .contains("svaret ditt på «Allergier eller andre behov for mat»</span> <strong>(kan være sensitivt")
                .contains("slettes 90 dager etter at arrangementet er slutt")
                .contains("slettes allerede 30 dager etter arrangementet")
                .contains("href=\"/events/feiltrinn/my-data\"")
                .contains("mailto:");
        // The citizens' meeting asks for a name and an address only, and says so.
        String meeting = body(get("/events/innbyggermote-kommuneplan/privacy?lang=nb"));
        assertThat(meeting)
                .contains("navnet ditt")
                .doesNotContain("telefonnummeret ditt")
                .doesNotContain("arbeidsstedet ditt")
                .doesNotContain("sensitive");
        assertThat(body(get("/events/feiltrinn/privacy?lang=nn")))
                .contains("<html lang=\"nn\"")
                .contains("Kva vi lagrar")
                .contains("blir sletta 90 dagar etter");
        assertThat(body(get("/events/feiltrinn/privacy?lang=en")))
                .contains("Privacy notice")
                .contains("your answer to &quot;How will you take part?&quot;");
        mvc.perform(get("/events/finnes-ikke/privacy")).andExpect(status().isNotFound());
    }

    @Test
    void theAccessibilityStatementIsLinkedFromEveryFooter() throws Exception {
        for (String page : new String[] {"/", "/events/feiltrinn", "/events/feiltrinn/register", "/login"}) {
            assertThat(body(get(page))).as(page).contains("id=\"footer-accessibility\" href=\"/accessibility\"");
        }
        assertThat(body(get("/accessibility?lang=nb")))
                .contains("<h1>Tilgjengelighetserklæring</h1>")
                .contains("WCAG 2.1")
                .contains("uutilsynet.no");
        assertThat(body(get("/accessibility?lang=nn"))).contains("<h1>Tilgjengelegheitserklæring</h1>");
        assertThat(body(get("/accessibility?lang=en"))).contains("<h1>Accessibility statement</h1>");
    }

    @Test
    void afterTheLoginTheAddressIsTheOrganiserPageWithoutContinue() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/organiser").session(session)).andExpect(redirectedUrl("/login"));
        String target = mvc.perform(post("/login")
                        .session(session)
                        .with(csrf())
                        .param("username", "arrangor")
                        .param("password", "demo-passord-123"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        assertThat(target).endsWith("/organiser").doesNotContain("continue");
        mvc.perform(get("/organiser").session(session)).andExpect(status().isOk());
    }

    @Test
    void theLoginErrorSummaryNamesTheUserNameWhenItIsEmpty() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login")
                        .session(session)
                        .with(csrf())
                        .with(request -> {
                            request.setRemoteAddr("10.7.7.7");
                            return request;
                        })
                        .param("username", "")
                        .param("password", "x"))
                .andExpect(redirectedUrl("/login?error"));
        assertThat(body(get("/login?error").session(session)))
                .contains("href=\"#username\"")
                .contains("Skriv brukernavnet ditt.")
                .doesNotContain("href=\"#password\"");
    }

    @Test
    void theReceiptShowsTheRegistrationAsItStandsNow() throws Exception {
        EventId id = EventId.of("kvittering-na");
        LocalDate day = LocalDate.now(OSLO).plusDays(20);
        service.console(OrganiserId.DEFAULT, "test")
                .saveEvent(Event.builder(id)
                        .title(LocalizedText.of("Kurs med én plass"))
                        .schedule(
                                ZonedDateTime.of(day, LocalTime.of(9, 0), OSLO),
                                ZonedDateTime.of(day, LocalTime.of(10, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(1))
                        .waitlist(WaitlistPolicy.autoPromote())
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .build());
        MockHttpSession first = register(id, "Først", "forst@example.no");
        MockHttpSession second = register(id, "Andre", "andre@example.no");
        assertThat(body(get("/receipt").session(second)))
                .contains("Du står på venteliste")
                .contains("id=\"waitlist-position\">1<");

        Registration holder = service.console(OrganiserId.DEFAULT, "test").registrations(id).stream()
                .filter(r -> r.attendee().email().equals("forst@example.no"))
                .findFirst()
                .orElseThrow();
        service.console(OrganiserId.DEFAULT, "test").cancel(holder.id(), "");
        // The second person was promoted: a reload of their receipt says so.
        assertThat(body(get("/receipt").session(second)))
                .contains("Du er påmeldt")
                .doesNotContain("waitlist-position");
        // The first person's registration has ended: no manage link is offered any more.
        assertThat(body(get("/receipt").session(first)))
                .contains("Påmeldingen er ikke lenger aktiv")
                .doesNotContain("id=\"manage-link\"");
    }

    private MockHttpSession register(EventId id, String name, String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/events/" + id.value() + "/register")
                        .session(session)
                        .with(org.eventregistration.examples.portal.web.TestForms.stamped(context))
                        .with(csrf())
                        .param("name", name)
                        .param("email", email)
                        .param("organisationName", "Asker kommune")
                        .param("sector", Sector.MUNICIPALITY.name())
                        .param("role", "ADVISER")
                        .param("consent", "true")
                        .param("idempotencyKey", java.util.UUID.randomUUID().toString()))
                .andExpect(redirectedUrl("/receipt"));
        return session;
    }

    @Test
    void theDemoEventsFallOnWorkingDaysWhateverTheDate() {
        Instant start = LocalDate.of(2026, 1, 1).atStartOfDay(OSLO).toInstant();
        for (int d = 0; d < 7 * 60; d += 1) {
            java.time.Clock clock = java.time.Clock.fixed(start.plus(java.time.Duration.ofDays(d)), OSLO);
            for (Event e : DemoEvents.events(clock)) {
                DayOfWeek day = e.start().getDayOfWeek();
                assertThat(day).as(e.id() + " from " + clock.instant()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            }
        }
    }

    @Test
    void theDemoEventsTextsAreAsCompleteInNynorskAndEnglishAsInBokmaal() {
        java.time.Clock clock = java.time.Clock.system(OSLO);
        for (Event e : DemoEvents.events(clock)) {
            LocalizedText description = e.description().orElseThrow();
            int paragraphs = description.texts().get("nb").split("\n\n").length;
            for (String lang : new String[] {"nn", "en"}) {
                assertThat(description.texts().get(lang).split("\n\n"))
                        .as(e.id() + " " + lang)
                        .hasSize(paragraphs);
                assertThat(e.title().texts()).containsKey(lang);
                e.audienceDescription().ifPresent(a -> assertThat(a.texts()).containsKey(lang));
                e.sessions().forEach(s -> assertThat(s.title().texts()).containsKey(lang));
                e.questions().forEach(q -> assertThat(q.label().texts()).containsKey(lang));
            }
        }
    }
}
