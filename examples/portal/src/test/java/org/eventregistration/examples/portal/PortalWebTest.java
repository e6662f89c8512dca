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
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The portal through MockMvc: security (login, CSRF, headers), escaping, CSV neutralization, the
 * form's accessible error handling, languages and the calendar file. Runs on the JDBC store with an
 * in-memory H2 database of its own.
 */
@org.springframework.test.context.ActiveProfiles({"demo", "webtest"})
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:portal-web-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class PortalWebTest {
    @Autowired
    org.springframework.context.ApplicationContext context;

    private org.springframework.test.web.servlet.request.RequestPostProcessor stamped() {
        return org.eventregistration.examples.portal.web.TestForms.stamped(context);
    }

    private static final String SCRIPT = "<script>alert('x')</script>";

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    DemoMailbox mailbox;

    /** A filled-in form; {@code overrides} are field/value pairs that replace or add fields ("" removes one). */
    private MockHttpServletRequestBuilder registration(String event, String name, String email, String... overrides) {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", name);
        fields.put("email", email);
        fields.put("organisationName", "Asker kommune");
        fields.put("sector", "MUNICIPALITY");
        fields.put("role", "ADVISER");
        fields.put("consent", "true");
        fields.put("idempotencyKey", java.util.UUID.randomUUID().toString());
        for (int i = 0; i < overrides.length; i += 2) {
            fields.put(overrides[i], overrides[i + 1]);
        }
        MockHttpServletRequestBuilder request =
                post("/events/" + event + "/register").with(stamped());
        fields.forEach((k, v) -> {
            if (!v.isEmpty()) {
                request.param(k, v);
            }
        });
        return request;
    }

    @Test
    void organiserPagesRedirectToLoginWithoutLogin() throws Exception {
        mvc.perform(get("/organiser")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
        mvc.perform(get("/organiser/events/feiltrinn/participants.csv"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
    }

    @Test
    void postWithoutCsrfTokenIsRefused() throws Exception {
        long before = service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                .registrations(DemoEvents.KOMMUNEPLAN)
                .size();
        mvc.perform(registration("innbyggermote-kommuneplan", "Uten Token", "uten.token@example.no"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events/feiltrinn/registrations/x/checkin").with(TestLogins.admin()))
                .andExpect(status().isForbidden());
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .registrations(DemoEvents.KOMMUNEPLAN))
                .hasSize((int) before);
    }

    @Test
    void organiserLogsInWithTheConfiguredHashedPassword() throws Exception {
        mvc.perform(post("/login").with(csrf()).param("username", "arrangor").param("password", "demo-passord-123"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organiser"));
        mvc.perform(post("/login").with(csrf()).param("username", "arrangor").param("password", "feil"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login?error"));
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() throws Exception {
        mvc.perform(get("/events/feiltrinn"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", SecurityConfiguration.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
        assertThat(SecurityConfiguration.CONTENT_SECURITY_POLICY)
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
    }

    @Test
    void aScriptInTheNameIsShownAsText() throws Exception {
        String path = manageLink("innbyggermote-kommuneplan", SCRIPT, "skript@example.no");
        String managePage =
                body(mvc.perform(get(path)).andExpect(status().isOk()).andReturn());
        assertThat(managePage)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain(SCRIPT);
        assertThat(body(mvc.perform(get("/demo-mailbox"))
                        .andExpect(status().isOk())
                        .andReturn()))
                .doesNotContain(SCRIPT);

        String list = body(
                mvc.perform(get("/organiser/events/innbyggermote-kommuneplan").with(TestLogins.admin()))
                        .andExpect(status().isOk())
                        .andReturn());
        assertThat(list)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .doesNotContain(SCRIPT);

        // And on the form shown again with errors (no consent): the value is kept, escaped.
        String form = body(
                mvc.perform(registration("innbyggermote-kommuneplan", SCRIPT, "ikke-samtykke@example.no", "consent", "")
                                .with(csrf()))
                        .andExpect(status().isOk())
                        .andReturn());
        assertThat(form)
                .contains("value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\"")
                .doesNotContain(SCRIPT);
    }

    @Test
    void csvCellsThatStartLikeFormulasAreNeutralized() throws Exception {
        mvc.perform(registration(
                                "kurs-klarsprak", // asks for the organisation, unlike the citizens' meeting
                                "=HYPERLINK(\"http://evil.example\",\"Klikk\")",
                                "formel@example.no",
                                "organisationName",
                                "@SUM(1+1)")
                        .with(csrf()))
                .andExpect(status().isFound());
        confirmByMail("formel@example.no");
        MvcResult result = mvc.perform(
                        get("/organiser/events/kurs-klarsprak/participants.csv").with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andReturn();
        String csv = body(result);
        assertThat(csv).startsWith("\uFEFFNavn;E-post;");
        assertThat(csv)
                .contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Klikk\"\")\"")
                .contains("'@SUM(1+1)");
        assertThat(csv)
                .doesNotContain(";=HYPERLINK")
                .doesNotContain("\n=HYPERLINK")
                .doesNotContain(";@SUM");
    }

    @Test
    void theFormComesBackWithErrorsLinkedToTheFieldsAndTheInputKept() throws Exception {
        String page = body(mvc.perform(post("/events/feiltrinn/register")
                        .with(stamped())
                        .with(csrf())
                        .param("name", "")
                        .param("email", "ikke-en-adresse")
                        .param("organisationName", "Asker kommune")
                        .param("organisationNumber", "123456789")
                        .param("sector", "")
                        .param("role", "LEADER")
                        .param("answers[matbehov]", "Nøtter"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(page).contains("<title>Feil: Påmelding: Feiltrinn");
        assertThat(page).contains("id=\"error-summary\"");
        assertThat(page)
                .contains("href=\"#name\"")
                .contains("href=\"#email\"")
                .contains("href=\"#organisationNumber\"")
                .contains("href=\"#sector\"")
                .contains("href=\"#answers-deltakelse-0\"")
                .contains("href=\"#consent\"");
        assertThat(page)
                .contains("Fullt navn må fylles ut")
                .contains("E-postadresse må være en gyldig e-postadresse")
                .contains("Velg sektor.")
                .contains("Svar på: Hvordan deltar du?");
        assertThat(page).containsPattern("id=\"email\"[^>]*value=\"ikke-en-adresse\"");
        assertThat(page)
                .containsPattern(
                        "id=\"email\"[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"email-hint email-error\"");
        assertThat(page).containsPattern("<option value=\"LEADER\" selected=\"selected\">");
        assertThat(page).contains(">Nøtter</textarea>");
        assertThat(page).doesNotContain("id=\"role-error\"");
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .registrations(DemoEvents.FEILTRINN))
                .isEmpty();
    }

    @Test
    void aTooLongNameSaysHowLongItMayBeInEachLanguage() throws Exception {
        String name = "K".repeat(201);
        java.util.Map<String, String> expected = java.util.Map.of(
                "nb", "Fullt navn kan ha høyst 200 tegn.",
                "nn", "Fullt namn kan ha høgst 200 teikn.",
                "en", "Full name can be at most 200 characters long.");
        for (var e : expected.entrySet()) {
            String page = body(mvc.perform(registration("feiltrinn", name, "kari@example.no")
                            .cookie(new Cookie("lang", e.getKey()))
                            .with(csrf()))
                    .andExpect(status().isOk())
                    .andReturn());
            assertThat(page).as(e.getKey()).contains(e.getValue()).doesNotContain("mellom 0 og");
        }
    }

    @Test
    void errorMessagesFollowTheLanguage() throws Exception {
        String nynorsk = body(mvc.perform(registration("feiltrinn", "", "feil", "consent", "")
                        .cookie(new Cookie("lang", "nn"))
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(nynorsk)
                .contains("<html lang=\"nn\"")
                .contains("Fullt namn må fyllast ut")
                .contains("Du må samtykkje");
        String english = body(mvc.perform(registration("feiltrinn", "", "feil", "consent", "")
                        .param("lang", "en")
                        .with(csrf()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(english)
                .contains("<html lang=\"en\"")
                .contains("Full name must be filled in.")
                .contains("You must agree");
    }

    @Test
    void theLanguageParameterSetsACookieAndTheHtmlLang() throws Exception {
        MvcResult result = mvc.perform(get("/").param("lang", "nn"))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(body(result)).contains("<html lang=\"nn\"").contains("Påmelding til arrangement");
        assertThat(result.getResponse().getCookie("lang")).isNotNull();
        assertThat(result.getResponse().getCookie("lang").getValue()).isEqualTo("nn");
        assertThat(body(mvc.perform(get("/").cookie(new Cookie("lang", "de"))).andReturn()))
                .contains("<html lang=\"en\"");
        assertThat(body(mvc.perform(get("/")).andReturn())).contains("<html lang=\"nb\"");
    }

    @Test
    void unknownEventsAndTokensAreNotFound() throws Exception {
        mvc.perform(get("/events/finnes-ikke")).andExpect(status().isNotFound());
        mvc.perform(get("/events/../etc")).andExpect(status().is4xxClientError());
        mvc.perform(get("/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).andExpect(status().isNotFound());
    }

    @Test
    void theCalendarFileDescribesTheEvent() throws Exception {
        String ics = body(mvc.perform(get("/events/feiltrinn/calendar.ics"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/calendar;charset=UTF-8"))
                .andReturn());
        assertThat(ics)
                .contains("BEGIN:VCALENDAR")
                .contains("BEGIN:VEVENT")
                .contains("SUMMARY:Feiltrinn")
                .contains("LOCATION:Asker kulturhus")
                .contains("DTSTART:")
                .contains("0800")
                .contains("UID:feiltrinn@");
    }

    @Test
    void outsideTheAudienceAwaitsApprovalAndTheOrganiserApproves() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(registration(
                                "feiltrinn",
                                "Pia Privat",
                                "pia@example.no",
                                "sector",
                                "PRIVATE",
                                "answers[deltakelse]",
                                "fysisk")
                        .with(csrf())
                        .session(session))
                .andExpect(status().isFound());
        String receipt = body(mvc.perform(get("/receipt").session(session)).andReturn());
        assertThat(receipt).contains("Sjekk e-posten din").doesNotContain("/manage/");
        assertThat(confirmByMail("pia@example.no")).contains("data-status=\"PENDING_APPROVAL\"");
        var pending = service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                .registrations(DemoEvents.FEILTRINN, RegistrationStatus.PENDING_APPROVAL);
        assertThat(pending).hasSize(1);
        mvc.perform(post("/organiser/events/feiltrinn/registrations/"
                                + pending.get(0).id().value() + "/approve")
                        .with(TestLogins.admin())
                        .with(csrf()))
                .andExpect(status().isFound());
        assertThat(service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                        .findRegistration(pending.get(0).id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void aFreedSeatIsOfferedAndAcceptedThroughTheManageLink() throws Exception {
        java.time.LocalDate day = java.time.LocalDate.now().plusWeeks(2);
        java.time.ZoneId oslo = java.time.ZoneId.of("Europe/Oslo");
        service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor")
                .saveEvent(org.eventregistration.event.Event.builder(org.eventregistration.event.EventId.of("tilbud"))
                        .addressConfirmation(org.eventregistration.event.AddressConfirmation.notRequired())
                        .title(org.eventregistration.i18n.LocalizedText.of("Kurs med tilbud om plass"))
                        .schedule(
                                day.atTime(9, 0).atZone(oslo), day.atTime(10, 0).atZone(oslo))
                        .host(org.eventregistration.event.Organisation.of("Asker kommune"))
                        .capacity(org.eventregistration.capacity.CapacityPolicy.seats(1))
                        .waitlist(org.eventregistration.capacity.WaitlistPolicy.offers(java.time.Duration.ofHours(48)))
                        .build());
        String first = manageLink("tilbud", "Først", "forst@example.no");
        String second = manageLink("tilbud", "Nummer To", "to@example.no");
        assertThat(body(mvc.perform(get(second)).andReturn())).contains("Du er nummer 1 på ventelisten.");

        // Cancelling shows the final state once; after that the link of an ended registration no longer works.
        assertThat(body(mvc.perform(post(first + "/cancel").with(csrf()))
                        .andExpect(status().isOk())
                        .andReturn()))
                .contains("data-status=\"CANCELLED\"");
        mvc.perform(get(first)).andExpect(status().isNotFound());
        String offered = body(mvc.perform(get(second)).andReturn());
        assertThat(offered)
                .contains("data-status=\"OFFERED\"")
                .contains("Du har fått tilbud om plass")
                .contains("id=\"accept\"");

        mvc.perform(post(second + "/accept").with(csrf())).andExpect(status().isFound());
        assertThat(body(mvc.perform(get(second)).andReturn())).contains("data-status=\"CONFIRMED\"");
        mvc.perform(post(second + "/decline")).andExpect(status().isForbidden());
    }

    @Test
    void anOrganiserExportsAndErasesOnePersonsDataWithAuditEntries() throws Exception {
        String link = manageLink("innbyggermote-kommuneplan", "Eva Eksport", "eva.eksport@example.no");
        String json = body(mvc.perform(post("/organiser/personal-data/export")
                        .param("email", "Eva.Eksport@example.no")
                        .with(TestLogins.admin())
                        .with(csrf()))
                .andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn());
        assertThat(json)
                .startsWith("{\"format\":\"eventregistration-personal-data/1\"")
                .contains("\"name\":\"Eva Eksport\"")
                .contains("\"eventId\":\"innbyggermote-kommuneplan\"");
        mvc.perform(post("/organiser/personal-data/export")
                        .param("email", "eva.eksport@example.no")
                        .with(csrf()))
                .andExpect(status().isFound()); // not logged in: to the login page

        mvc.perform(post("/organiser/personal-data/erase")
                        .param("email", "eva.eksport@example.no")
                        .with(TestLogins.admin())
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organiser"));
        mvc.perform(get(link)).andExpect(status().isNotFound());
        var console = service.console(org.eventregistration.event.OrganiserId.DEFAULT, "arrangor");
        assertThat(console.exportPersonalData("eva.eksport@example.no").registrations())
                .isEmpty();
        assertThat(console.auditLog(DemoEvents.KOMMUNEPLAN))
                .extracting(e -> e.action().name())
                .contains("PERSONAL_DATA_EXPORTED", "PERSONAL_DATA_ERASED");
        assertThat(console.auditLog(DemoEvents.KOMMUNEPLAN))
                .allSatisfy(e -> assertThat(e.toString()).doesNotContain("eva"));
    }

    /**
     * Registers through the form for a demo event (addresses are confirmed), confirms through the
     * link in the e-mail and returns the manage path from the next e-mail.
     */
    private String manageLink(String event, String name, String email) throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(registration(event, name, email).with(csrf()).session(session))
                .andExpect(status().isFound());
        String receipt = body(mvc.perform(get("/receipt").session(session)).andReturn());
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("href=\"(/manage/[A-Za-z0-9_-]+)\"")
                .matcher(receipt);
        if (link.find()) {
            return link.group(1); // an event of the tests' own, without address confirmation
        }
        confirmByMail(email);
        return MailLinks.newest(mailbox, email, "/manage/");
    }

    /** Follows the confirmation link in the newest e-mail to the address and presses the button. */
    private String confirmByMail(String email) throws Exception {
        String confirm = MailLinks.newest(mailbox, email, "/confirm/");
        MockHttpSession session = new MockHttpSession();
        // POST-redirect-GET: the page after the button is the link's page, showing the result.
        mvc.perform(post(confirm).with(csrf()).session(session)).andExpect(redirectedUrl(confirm));
        return body(mvc.perform(get(confirm).session(session))
                .andExpect(status().isOk())
                .andReturn());
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
