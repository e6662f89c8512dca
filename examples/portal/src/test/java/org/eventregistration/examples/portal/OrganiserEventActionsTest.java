package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
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
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The e-mail pieces of the organiser's event page: a message to participants of chosen statuses
 * (with a confirmation of how many it reaches), cancelling the event (with a confirmation and a
 * note) and how a cancelled event looks, and the messages set aside as undeliverable. Admins only
 * for the changes; check-in staff see the page. Jobs are off, so what is sent stays in the outbox.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-event-actions-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class OrganiserEventActionsTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    RegistrationStore store;

    private OrganiserConsole console() {
        return service.console(OrganiserId.DEFAULT, "test");
    }

    private EventId event(String id) {
        LocalDate day = LocalDate.now(OSLO).plusDays(30);
        EventId eventId = EventId.of(id);
        console()
                .saveEvent(Event.builder(eventId)
                        .title(LocalizedText.of("Kurs " + id, "Kurs " + id, "Course " + id))
                        .schedule(
                                ZonedDateTime.of(day, LocalTime.of(10, 0), OSLO),
                                ZonedDateTime.of(day, LocalTime.of(12, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(2))
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .build());
        return eventId;
    }

    private Registration register(EventId event, String name, String email) {
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(event)
                .name(name)
                .email(email)
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

    private static String body(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private List<Notification> pending(EventId event, Notification.Kind kind) {
        return store.pendingNotifications(1000).stream()
                .filter(n -> n.eventId().equals(event) && n.kind() == kind)
                .toList();
    }

    @Test
    void checkInStaffSeeNoneOfTheAdminActionsAndCannotUseThem() throws Exception {
        EventId event = event("handling-vert");
        String page = body(mvc.perform(get("/organiser/events/" + event.value()).with(TestLogins.checkIn()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(page)
                .doesNotContain("/message\"")
                .doesNotContain("/cancel\"")
                .doesNotContain("/edit\"")
                .contains("E-post som ikke kom fram (0)");
        mvc.perform(get("/organiser/events/" + event.value() + "/message").with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events/" + event.value() + "/message/send")
                        .with(csrf())
                        .with(TestLogins.checkIn())
                        .param("statuses", "CONFIRMED")
                        .param("subjectNb", "Hei")
                        .param("bodyNb", "Tekst"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/organiser/events/" + event.value() + "/cancel").with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/organiser/events/" + event.value() + "/cancel")
                        .with(csrf())
                        .with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        assertThat(service.findEvent(event).orElseThrow().isCancelled()).isFalse();
        assertThat(pending(event, Notification.Kind.MESSAGE)).isEmpty();
    }

    @Test
    void anAdminWritesAMessageConfirmsHowManyItReachesAndSendsItThroughTheOutbox() throws Exception {
        EventId event = event("melding");
        register(event, "Kari Plass", "kari.melding@example.no");
        register(event, "Ola Plass", "ola.melding@example.no");
        register(event, "Vera Venter", "vera.melding@example.no"); // waiting list
        String path = "/organiser/events/" + event.value() + "/message";

        String form = body(mvc.perform(get(path).with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(form).contains("Bekreftet (2)").contains("På venteliste (1)").contains("maxlength=\"200\"");

        String confirm = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("statuses", "CONFIRMED")
                        .param("subjectNb", "Parkering")
                        .param("bodyNb", "Bruk p-huset.\nVelkommen!"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(confirm).contains("Meldingen går til 2 personer").contains("Send til 2 personer");
        assertThat(pending(event, Notification.Kind.MESSAGE))
                .as("nothing sent before the confirmation")
                .isEmpty();

        mvc.perform(post(path + "/send")
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("statuses", "CONFIRMED")
                        .param("subjectNb", "Parkering")
                        .param("bodyNb", "Bruk p-huset.\nVelkommen!")
                        .param("subjectEn", "Parking")
                        .param("bodyEn", "Use the car park."))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organiser/events/" + event.value()))
                .andExpect(flash().attribute(
                                "done",
                                "Meldingen «Parkering» er sendt til 2 personer. E-postene går ut om kort tid."));
        // Read once: the starter's store claims what it reads for registration.outbox-claim.
        List<Notification> messages = pending(event, Notification.Kind.MESSAGE);
        assertThat(messages).hasSize(2);
        String messageId = messages.get(0).messageId().orElseThrow();
        var kept = store.findMessage(messageId).orElseThrow();
        assertThat(kept.subject().message(java.util.Locale.ENGLISH)).isEqualTo("Parking");
        assertThat(kept.recipients()).containsExactly(RegistrationStatus.CONFIRMED);
    }

    @Test
    void aMessageWithErrorsIsShownAgainWithTheErrorsInThePersonsLanguage() throws Exception {
        EventId event = event("melding-feil");
        String path = "/organiser/events/" + event.value() + "/message";
        String nb = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("subjectNb", "")
                        .param("bodyNb", "Tekst")
                        .param("subjectNn", "Berre emne"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(nb)
                .contains("id=\"error-summary\"")
                .contains("Velg hvem som skal få meldingen.")
                .contains("Skriv et emne på bokmål.")
                .contains("Skriv en tekst på nynorsk, eller la både emne og tekst på nynorsk stå tomme.")
                .contains("value=\"Berre emne\"");
        String en = body(mvc.perform(post(path)
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("lang", "en")
                        .param("statuses", "CONFIRMED")
                        .param("subjectNb", "x".repeat(201))
                        .param("bodyNb", "Tekst"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(en).contains("The subject can have at most 200 characters.");
        // Nobody to send to: said before anything is sent.
        String nobody = body(mvc.perform(post(path + "/send")
                        .with(csrf())
                        .with(TestLogins.admin())
                        .param("statuses", "CONFIRMED")
                        .param("subjectNb", "Hei")
                        .param("bodyNb", "Tekst"))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(nobody).contains("Ingen med de valgte statusene kan få meldingen");
        assertThat(store.pendingNotifications(1000).stream()
                        .filter(n -> n.eventId().equals(event)))
                .isEmpty();
        mvc.perform(post(path + "/send")
                        .with(TestLogins.admin())
                        .param("statuses", "CONFIRMED")
                        .param("subjectNb", "Hei")
                        .param("bodyNb", "Tekst"))
                .andExpect(status().isForbidden());
    }

    @Test
    void anAdminCancelsTheEventAfterAConfirmationAndItIsShownAsCancelledEverywhere() throws Exception {
        EventId event = event("avlyses");
        Registration kari = register(event, "Kari Avlyst", "kari.avlyst@example.no");
        register(event, "Ola Avlyst", "ola.avlyst@example.no");
        register(event, "Vera Avlyst", "vera.avlyst@example.no");
        String path = "/organiser/events/" + event.value() + "/cancel";

        String confirm = body(mvc.perform(get(path).with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(confirm).contains("Påmeldinger som blir avmeldt: 3.").contains("name=\"note\"");
        assertThat(service.findEvent(event).orElseThrow().isCancelled()).isFalse();

        mvc.perform(post(path).with(csrf()).with(TestLogins.admin()).param("note", "Foredragsholderen er syk"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organiser/events/" + event.value()))
                .andExpect(flash().attribute(
                                "done",
                                "Arrangementet er avlyst. Påmeldinger som ble avmeldt: 3. De får beskjed på e-post."));
        assertThat(service.findEvent(event).orElseThrow().isCancelled()).isTrue();
        Registration after = console().findRegistration(kari.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(after.history().get(after.history().size() - 1).reason()).isEqualTo("Foredragsholderen er syk");
        assertThat(pending(event, Notification.Kind.EVENT_CANCELLED)).hasSize(3);

        String publicPage = body(mvc.perform(get("/events/" + event.value()))
                .andExpect(status().isOk())
                .andReturn());
        assertThat(publicPage).contains("Arrangementet er avlyst.").doesNotContain("Påmeldingen er stengt.");
        assertThat(body(mvc.perform(get("/?lang=nn")).andReturn())).contains("Avlyst");
        assertThat(body(mvc.perform(get("/events/" + event.value() + "?lang=en"))
                        .andReturn()))
                .contains("This event has been cancelled.");
        String organiserPage =
                body(mvc.perform(get("/organiser/events/" + event.value()).with(TestLogins.admin()))
                        .andReturn());
        assertThat(organiserPage).contains("id=\"event-cancelled\"").doesNotContain("/cancel\"");
        assertThat(body(mvc.perform(get("/organiser").with(TestLogins.checkIn()))
                        .andReturn()))
                .contains("Avlyst");
    }

    @Test
    void messagesSetAsideAsUndeliverableAreListedAndCountedOnTheEventPage() throws Exception {
        EventId event = event("retur");
        register(event, "Rita Retur", "rita.retur@example.no");
        register(event, "Per Levert", "per.levert@example.no");
        console()
                .sendMessage(
                        event,
                        java.util.EnumSet.of(RegistrationStatus.CONFIRMED),
                        LocalizedText.of("Hei"),
                        LocalizedText.of("Tekst"));
        Notification toRita = pending(event, Notification.Kind.MESSAGE).stream()
                .filter(n -> console()
                        .findRegistration(n.registrationId())
                        .orElseThrow()
                        .attendee()
                        .name()
                        .equals("Rita Retur"))
                .findFirst()
                .orElseThrow();
        service.reportBounce(toRita.id());

        for (var login : List.of(TestLogins.admin(), TestLogins.checkIn())) {
            String page =
                    body(mvc.perform(get("/organiser/events/" + event.value()).with(login))
                            .andExpect(status().isOk())
                            .andReturn());
            String section = page.substring(page.indexOf("id=\"undeliverable\""), page.indexOf("id=\"list-heading\""));
            assertThat(section)
                    .contains("E-post som ikke kom fram (1)")
                    .contains("Melding fra arrangøren")
                    .contains("Rita Retur")
                    .doesNotContain("Per Levert");
        }
    }
}
