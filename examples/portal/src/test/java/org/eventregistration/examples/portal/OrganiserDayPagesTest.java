package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Question;
import org.eventregistration.examples.portal.PortalProperties.OrganiserRole;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The organiser's day: adding a person by hand (admins only, with the form's errors in nb/nn/en),
 * the check-in page a QR code opens (staff only; a manage token is no check-in token), the
 * check-in list, the print view, and the participant table's sorting and places in line.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-organiser-day-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class OrganiserDayPagesTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    RegistrationStore store;

    @Autowired
    DemoMailbox mailbox;

    private OrganiserConsole console() {
        return service.console(OrganiserId.DEFAULT, "test");
    }

    private Event event(String id, int seats) {
        LocalDate day = LocalDate.now(OSLO).plusDays(30);
        Event event = Event.builder(EventId.of(id))
                .title(LocalizedText.of("Kurs " + id, "Kurs " + id, "Course " + id))
                .schedule(
                        ZonedDateTime.of(day, LocalTime.of(10, 0), OSLO),
                        ZonedDateTime.of(day, LocalTime.of(12, 0), OSLO))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(seats))
                .waitlist(WaitlistPolicy.autoPromote())
                .addressConfirmation(AddressConfirmation.notRequired())
                .build();
        console().saveEvent(event);
        return event;
    }

    private Registration register(EventId event, String name, String email) {
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(event)
                .name(name)
                .email(email)
                .organisation("Asker kommune")
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .addressVerified(true)
                .build());
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        }
        if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        }
        throw new AssertionError(outcome);
    }

    /** A check-in link as the confirmation's QR code carries it. */
    private ManageToken checkInToken(Event event, Registration r) {
        ManageToken token = ManageToken.generate(new SecureRandom());
        store.saveLinkToken(
                new LinkToken(
                        token.hash(),
                        LinkPurpose.CHECK_IN,
                        r.id(),
                        r.eventId(),
                        Instant.now(),
                        event.end().toInstant()),
                5);
        return token;
    }

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void theAddByHandFormAsksTheEventsQuestionsAndKeepsTheAnswers() throws Exception {
        Event base = event("for-hand-spm", 5);
        Event event = base.toBuilder()
                .question(Question.text("allergi", LocalizedText.of("Allergier", "Allergiar", "Allergies"))
                        .asRequired())
                .build();
        console().saveEvent(event);
        String path = "/organiser/events/" + event.id().value() + "/add";
        assertThat(body(mvc.perform(get(path).with(TestLogins.admin())).andReturn()))
                .contains("name=\"answers[allergi]\"")
                .contains("Allergier");

        String refused = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "Svarlaus Siv")
                        .param("email", "siv@example.no")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(refused).contains("href=\"#answers-allergi\"").contains("aria-invalid=\"true\"");
        assertThat(console().registrations(event.id())).isEmpty();

        mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "Svarende Siv")
                        .param("email", "siv@example.no")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER")
                        .param("answers[allergi]", "Nøtter"))
                .andExpect(redirectedUrl("/organiser/events/" + event.id().value()));
        assertThat(console().registrations(event.id()).get(0).answers()).containsEntry("allergi", "Nøtter");
    }

    @Test
    void anAdminAddsAPersonByHandAndCheckInStaffMayNot() throws Exception {
        Event event = event("for-hand", 1);
        String path = "/organiser/events/" + event.id().value() + "/add";
        String form = body(mvc.perform(get(path).with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(form).contains("Legg til deltaker").contains("id=\"language\"");

        mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "Telefon Tone")
                        .param("email", "tone@example.no")
                        .param("organisationName", "Asker kommune")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER")
                        .param("language", "nn"))
                .andExpect(redirectedUrl("/organiser/events/" + event.id().value()));
        Registration tone = console().registrations(event.id()).get(0);
        assertThat(tone.attendee().name()).isEqualTo("Telefon Tone");
        assertThat(tone.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(tone.addressConfirmed()).isTrue();
        assertThat(tone.language().getLanguage()).isEqualTo("nn");
        assertThat(console().auditLog(event.id()))
                .anySatisfy(a -> assertThat(a.action()).isEqualTo(AuditAction.ADDED_BY_ORGANISER));

        // Tone's confirmation, in nynorsk, with the check-in QR code shown inline in the demo mailbox.
        DemoMailbox.Mail mail = mailbox.messages().stream()
                .filter(m -> m.to().contains("tone@example.no"))
                .findFirst()
                .orElseThrow();
        assertThat(mail.text()).contains("/manage/").contains("/check-in/").contains("Innsjekking");
        assertThat(mail.html()).contains("src=\"data:image/png;base64,").doesNotContain("cid:");

        // Full: the next one goes on the waiting list.
        mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "Neste Nils")
                        .param("email", "nils@example.no")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER"))
                .andExpect(redirectedUrl("/organiser/events/" + event.id().value()));
        assertThat(console().waitingList(event.id()))
                .extracting(r -> r.attendee().name())
                .containsExactly("Neste Nils");

        mvc.perform(get(path).with(TestLogins.checkIn())).andExpect(status().isForbidden());
        mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.checkIn())
                        .param("name", "Vert Vera")
                        .param("email", "vera@example.no"))
                .andExpect(status().isForbidden());
        assertThat(console().registrations(event.id())).hasSize(2);
    }

    @Test
    void theAddFormShowsItsErrorsInEachLanguage() throws Exception {
        Event event = event("for-hand-feil", 5);
        String path = "/organiser/events/" + event.id().value() + "/add";
        String nb = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "")
                        .param("email", "ikke-en-adresse")
                        .param("lang", "nb"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(nb).contains("id=\"error-summary\"").contains("Velg sektor.").contains("aria-invalid=\"true\"");
        String nn = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "")
                        .param("email", "ikkje")
                        .param("lang", "nn"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(nn).contains("id=\"error-summary\"").contains("Legg til deltakar");
        String en = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "")
                        .param("email", "not")
                        .param("lang", "en"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(en).contains("id=\"error-summary\"").contains("Add a participant");
        assertThat(console().registrations(event.id())).isEmpty();

        // Already registered: said so on the form.
        register(event.id(), "Kari Nordmann", "kari@example.no");
        String again = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("name", "Kari Nordmann")
                        .param("email", "kari@example.no")
                        .param("sector", "MUNICIPALITY")
                        .param("role", "LEADER")
                        .param("lang", "nb"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(again).contains("allerede påmeldt");
    }

    @Test
    void theCheckInLinkOpensThePersonForStaffOnly() throws Exception {
        Event event = event("qr-inn", 5);
        Registration kari = register(event.id(), "Kari Nordmann", "kari@example.no");
        ManageToken token = checkInToken(event, kari);
        String path = "/check-in/" + token.value();

        mvc.perform(get(path)).andExpect(redirectedUrl("/login"));
        mvc.perform(post(path).with(csrf())).andExpect(redirectedUrl("/login"));
        assertThat(console().findRegistration(kari.id()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CONFIRMED);

        String page = body(mvc.perform(get(path).with(TestLogins.checkIn()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(page).contains("Innsjekking: Kari Nordmann").contains("id=\"check-in-button\"");
        mvc.perform(post(path).with(csrf()).with(TestLogins.checkIn())).andExpect(redirectedUrl(path));
        assertThat(console().findRegistration(kari.id()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThat(body(mvc.perform(get(path).with(TestLogins.checkIn())).andReturn()))
                .contains("id=\"undo-button\"");

        // The person's manage token is no check-in token; another organiser's staff find nothing.
        Registration ola = register(event.id(), "Ola Nordmann", "ola@example.no");
        ManageToken manage = ManageToken.generate(new SecureRandom());
        store.saveLinkToken(
                new LinkToken(
                        manage.hash(),
                        LinkPurpose.MANAGE,
                        ola.id(),
                        ola.eventId(),
                        Instant.now(),
                        event.end().toInstant()),
                5);
        mvc.perform(get("/check-in/" + manage.value()).with(TestLogins.admin())).andExpect(status().isNotFound());
        mvc.perform(post("/check-in/" + manage.value()).with(csrf()).with(TestLogins.admin()))
                .andExpect(status().isNotFound());
        assertThat(console().findRegistration(ola.id()).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        mvc.perform(get(path).with(TestLogins.as("andre", OrganiserId.of("andre"), OrganiserRole.CHECK_IN)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/check-in/ikke-en-token").with(TestLogins.checkIn())).andExpect(status().isNotFound());
    }

    @Test
    void theCheckInListFindsPeopleByNameAndChecksThemIn() throws Exception {
        Event event = event("dora", 5);
        Registration kari = register(event.id(), "Kari Nordmann", "kari@example.no");
        register(event.id(), "Per Hansen", "per@example.no");
        String list = "/organiser/events/" + event.id().value() + "/check-in";
        String page = body(mvc.perform(get(list).param("q", "kari").with(TestLogins.checkIn()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(page).contains("Kari Nordmann").doesNotContain("Per Hansen").contains("0 av 2 har møtt.");

        mvc.perform(post(list + "/" + kari.id().value())
                        .param("q", "kari")
                        .with(csrf())
                        .with(TestLogins.checkIn()))
                .andExpect(redirectedUrl(list + "?q=kari"));
        assertThat(console().findRegistration(kari.id()).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThat(body(mvc.perform(get(list).with(TestLogins.checkIn())).andReturn()))
                .contains("1 av 2 har møtt.");
    }

    @Test
    void thePrintViewListsParticipantsAndBadgesWithPrintStyles() throws Exception {
        Event event = event("utskrift", 1);
        register(event.id(), "Kari Nordmann", "kari@example.no");
        register(event.id(), "Venter Vidar", "vidar@example.no");
        String page = body(mvc.perform(get("/organiser/events/" + event.id().value() + "/print")
                        .with(TestLogins.checkIn()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(page)
                .contains("id=\"print-participants\"")
                .contains("Venter Vidar")
                .contains("id=\"badges\"");
        String badges = page.substring(page.indexOf("id=\"badges\""));
        assertThat(badges).contains("Kari Nordmann").doesNotContain("Venter Vidar");
        String css = body(mvc.perform(get("/css/portal.css")).andReturn());
        assertThat(css).contains("@media print");
        assertThat(body(mvc.perform(
                                get("/organiser/events/" + event.id().value()).with(TestLogins.checkIn()))
                        .andReturn()))
                .contains("/print\"")
                .contains("/check-in\"")
                .doesNotContain("/add\"");
    }

    @Test
    void theParticipantTableSortsByColumnAndShowsPlacesInLine() throws Exception {
        Event event = event("sortering", 1);
        register(event.id(), "Berit", "berit@example.no");
        register(event.id(), "Anne", "anne@example.no");
        register(event.id(), "Cecilie", "cecilie@example.no");
        String path = "/organiser/events/" + event.id().value();
        String byName = body(mvc.perform(get(path).param("sort", "name").with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(byName.indexOf(">Anne<")).isLessThan(byName.indexOf(">Berit<"));
        assertThat(byName.indexOf(">Berit<")).isLessThan(byName.indexOf(">Cecilie<"));
        assertThat(byName).contains("aria-sort=\"ascending\"").contains("id=\"skip-table\"");
        String desc = body(
                mvc.perform(get(path).param("sort", "name").param("dir", "desc").with(TestLogins.admin()))
                        .andReturn());
        assertThat(desc.indexOf(">Cecilie<")).isLessThan(desc.indexOf(">Anne<"));
        assertThat(desc).contains("aria-sort=\"descending\"");

        // Anne is first in line, Cecilie second.
        String byPosition = body(mvc.perform(get(path).param("sort", "position").with(TestLogins.admin()))
                .andReturn());
        assertThat(byPosition.indexOf(">Anne<")).isLessThan(byPosition.indexOf(">Cecilie<"));
        assertThat(byPosition.indexOf(">Cecilie<")).isLessThan(byPosition.indexOf(">Berit<"));
        assertThat(byPosition)
                .containsPattern("class=\"position\"[^>]*>1</td>")
                .containsPattern("class=\"position\"[^>]*>2</td>");
    }
}
