package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The event editor: admins create, edit and copy events (check-in staff may not); the form's
 * errors in the person's language; raising the seats fills from the waiting list, lowering them
 * bumps nobody, moving the event tells everyone.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-editor-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class EventEditorTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalDate DAY = LocalDate.now(OSLO).plusDays(40);

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    RegistrationStore store;

    private OrganiserConsole console() {
        return service.console(OrganiserId.DEFAULT, "test");
    }

    private static Map<String, String> fields(String id) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("titleNb", "Kurs i arkivering");
        f.put("titleNn", "Kurs i arkivering (nn)");
        f.put("titleEn", "Course in archiving");
        f.put("descriptionNb", "Første avsnitt.\n\nAndre avsnitt.");
        f.put("start", DAY + "T09:00");
        f.put("end", DAY + "T15:30");
        f.put("venueName", "Rådhuset");
        f.put("venueAddress", "Katrineåsveien 20, 1383 Asker");
        f.put("host", "Asker kommune");
        f.put("seats", "25");
        f.put("maxPerOrganisation", "3");
        f.put("waitlist", "OFFER");
        f.put("offerHours", "48");
        f.put("reminderDays", "2");
        return f;
    }

    private static MockHttpServletRequestBuilder form(String path, Map<String, String> fields) {
        MockHttpServletRequestBuilder request = post(path).with(csrf());
        fields.forEach(request::param);
        return request;
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private EventId event(String id, int seats) {
        EventId eventId = EventId.of(id);
        console()
                .saveEvent(Event.builder(eventId)
                        .title(LocalizedText.of("Kurs " + id))
                        .schedule(
                                ZonedDateTime.of(DAY, LocalTime.of(10, 0), OSLO),
                                ZonedDateTime.of(DAY, LocalTime.of(12, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(seats))
                        .waitlist(WaitlistPolicy.autoPromote())
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .build());
        return eventId;
    }

    private void register(EventId event, String email) {
        service.register(RegistrationRequest.builder(event)
                .name("Person " + email)
                .email(email)
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .addressVerified(true)
                .build());
    }

    private Map<String, String> editFields(EventId id, int seats) {
        Map<String, String> f = fields(id.value());
        f.remove("id");
        f.put("titleNb", "Kurs " + id.value());
        f.remove("titleNn");
        f.remove("titleEn");
        f.remove("descriptionNb");
        f.remove("venueName");
        f.remove("venueAddress");
        f.put("start", DAY + "T10:00");
        f.put("end", DAY + "T12:00");
        f.put("seats", Integer.toString(seats));
        f.remove("maxPerOrganisation");
        f.put("waitlist", "AUTO_PROMOTE");
        f.remove("offerHours");
        f.remove("reminderDays");
        return f;
    }

    @Test
    void checkInStaffCannotCreateOrEditEvents() throws Exception {
        mvc.perform(get("/organiser/events/new").with(TestLogins.checkIn())).andExpect(status().isForbidden());
        mvc.perform(form("/organiser/events/new", fields("vert-lager")).with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/organiser/events/feiltrinn/edit").with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        mvc.perform(form("/organiser/events/feiltrinn/edit", editFields(DemoEvents.FEILTRINN, 1))
                        .with(TestLogins.checkIn()))
                .andExpect(status().isForbidden());
        assertThat(service.findEvent(EventId.of("vert-lager"))).isEmpty();
        assertThat(body(get("/organiser").with(TestLogins.checkIn()))).doesNotContain("/organiser/events/new");
    }

    @Test
    void anAdminCreatesAnEventWithEveryFieldOfTheForm() throws Exception {
        assertThat(body(get("/organiser/events/new").with(TestLogins.admin())))
                .contains("name=\"titleNb\"")
                .contains("type=\"datetime-local\"");
        mvc.perform(form("/organiser/events/new", fields("arkivkurs")).with(TestLogins.admin()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organiser/events/arkivkurs"))
                .andExpect(flash().attribute("done", "Arrangementet er lagret."));
        Event e = service.findEvent(EventId.of("arkivkurs")).orElseThrow();
        assertThat(e.title().message(Locale.forLanguageTag("nn"))).isEqualTo("Kurs i arkivering (nn)");
        assertThat(e.title().message(Locale.ENGLISH)).isEqualTo("Course in archiving");
        assertThat(e.description().orElseThrow().message(Locale.forLanguageTag("nb")))
                .isEqualTo("Første avsnitt.\r\n\r\nAndre avsnitt.".replace("\r", ""));
        assertThat(e.start()).isEqualTo(ZonedDateTime.of(DAY, LocalTime.of(9, 0), OSLO));
        assertThat(e.end().toInstant())
                .isEqualTo(ZonedDateTime.of(DAY, LocalTime.of(15, 30), OSLO).toInstant());
        assertThat(e.venue().orElseThrow().address()).isEqualTo("Katrineåsveien 20, 1383 Asker");
        assertThat(e.capacity().seats()).isEqualTo(25);
        assertThat(e.capacity().maxPerOrganisation()).isEqualTo(3);
        assertThat(e.waitlist().mode()).isEqualTo(WaitlistPolicy.Mode.OFFER);
        assertThat(e.waitlist().offerValidity()).isEqualTo(Duration.ofHours(48));
        assertThat(e.addressConfirmation().required()).isFalse();
        assertThat(e.reminderBefore()).contains(Duration.ofDays(2));
        assertThat(e.registrationCloses()).isEqualTo(e.start().toInstant());
        assertThat(e.organiser()).isEqualTo(OrganiserId.DEFAULT);
        assertThat(body(get("/events/arkivkurs"))).contains("Kurs i arkivering").contains("Rådhuset");
    }

    @Test
    void theDeadlineCoHostsAndRetentionAreEditedAndCheckedInEveryLanguage() throws Exception {
        Map<String, String> f = fields("frister");
        f.put("cancellationDeadline", DAY.minusDays(2) + "T12:00");
        f.put("coHosts", "Difi\r\n  KS  \r\n\r\nDifi");
        f.put("retentionDays", "60");
        f.put("sensitiveRetentionDays", "14");
        mvc.perform(form("/organiser/events/new", f).with(TestLogins.admin())).andExpect(status().isFound());
        Event e = service.findEvent(EventId.of("frister")).orElseThrow();
        assertThat(e.cancellationDeadline())
                .isEqualTo(ZonedDateTime.of(DAY.minusDays(2), LocalTime.of(12, 0), OSLO)
                        .toInstant());
        assertThat(e.coHosts()).extracting(o -> o.name()).containsExactly("Difi", "KS");
        assertThat(e.retention().personalData()).isEqualTo(Duration.ofDays(60));
        assertThat(e.retention().sensitiveAnswers()).isEqualTo(Duration.ofDays(14));
        assertThat(body(get("/organiser/events/frister/edit").with(TestLogins.admin())))
                .contains("value=\"60\"")
                .contains("value=\"14\"")
                .contains(DAY.minusDays(2) + "T12:00");

        Map<String, String> bad = fields("frister-feil");
        bad.put("cancellationDeadline", DAY.plusDays(1) + "T12:00");
        bad.put("retentionDays", "10");
        bad.put("sensitiveRetentionDays", "30");
        assertThat(body(form("/organiser/events/new", bad).with(TestLogins.admin())))
                .contains("href=\"#cancellationDeadline\"")
                .contains("Fristen for å melde seg av kan ikke være etter at arrangementet slutter.")
                .contains("Skriv et helt tall fra 0 til antallet dager personopplysningene lagres.");
        bad.put("lang", "nn");
        assertThat(body(form("/organiser/events/new", bad).with(TestLogins.admin())))
                .contains("Fristen for å melde seg av kan ikkje vere etter at arrangementet sluttar.");
        bad.put("lang", "en");
        assertThat(body(form("/organiser/events/new", bad).with(TestLogins.admin())))
                .contains("The deadline for cancelling cannot be after the event ends.");
        assertThat(service.findEvent(EventId.of("frister-feil"))).isEmpty();
    }

    @Test
    void mistakesAreShownWithTheirFieldsInThePersonsLanguage() throws Exception {
        Map<String, String> bad = fields("Ugyldig Id");
        bad.put("titleNb", "");
        bad.put("end", DAY + "T08:00");
        bad.put("seats", "mange");
        bad.put("offerHours", "");
        bad.put("closes", "i morgen");
        String nb = body(form("/organiser/events/new", bad).with(TestLogins.admin()));
        assertThat(nb)
                .contains("id=\"error-summary\"")
                .contains("href=\"#id\"")
                .contains("Skriv en id med små bokstaver")
                .contains("Skriv en tittel på bokmål.")
                .contains("Slutten må være etter starten.")
                .contains("Skriv antall plasser som et helt tall fra 0 til 100000.")
                .contains("Skriv hvor mange timer et tilbud gjelder, fra 1 til 336.")
                .contains("Skriv dato og klokkeslett")
                .contains("value=\"mange\"")
                .contains("aria-invalid=\"true\"");
        bad.put("lang", "nn");
        assertThat(body(form("/organiser/events/new", bad).with(TestLogins.admin())))
                .contains("Skriv ein tittel på bokmål.")
                .contains("Slutten må vere etter starten.");
        bad.put("lang", "en");
        assertThat(body(form("/organiser/events/new", bad).with(TestLogins.admin())))
                .contains("Write a title in Bokmål.")
                .contains("The end must be after the start.");
        assertThat(body(form("/organiser/events/new", fields("feiltrinn")).with(TestLogins.admin())))
                .contains("Det finnes allerede et arrangement med denne id-en.");
        assertThat(service.findEvent(
                        EventId.of("Ugyldig Id".toLowerCase(Locale.ROOT).replace(' ', '-'))))
                .isEmpty();
    }

    @Test
    void raisingTheSeatsFillsFromTheWaitingListAndSaysSo() throws Exception {
        EventId id = event("flere-plasser", 1);
        register(id, "en@example.no");
        register(id, "to@example.no");
        register(id, "tre@example.no");
        assertThat(console().statistics(id).waiting()).isEqualTo(2);
        mvc.perform(form("/organiser/events/flere-plasser/edit", editFields(id, 2))
                        .with(TestLogins.admin()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/organiser/events/flere-plasser"))
                .andExpect(flash().attribute("done", "Endringene er lagret. Fra ventelisten fikk 1 plass."));
        assertThat(console().statistics(id).seatsTaken()).isEqualTo(2);
        assertThat(console().statistics(id).waiting()).isEqualTo(1);
    }

    @Test
    void loweringTheSeatsBelowThoseTakenBumpsNobodyAndSaysSo() throws Exception {
        EventId id = event("faerre-plasser", 3);
        register(id, "a@example.no");
        register(id, "b@example.no");
        register(id, "c@example.no");
        mvc.perform(form("/organiser/events/faerre-plasser/edit", editFields(id, 1))
                        .with(TestLogins.admin()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute(
                                "done",
                                "Endringene er lagret. Det er 3 opptatte plasser, flere enn de 1 plassene arrangementet nå har."
                                        + " Ingen mister plassen sin, men ingen nye får plass før det blir ledig."));
        assertThat(service.findEvent(id).orElseThrow().capacity().seats()).isEqualTo(1);
        assertThat(console().registrations(id, RegistrationStatus.CONFIRMED)).hasSize(3);
    }

    @Test
    void movingTheEventTellsEveryoneRegistered() throws Exception {
        EventId id = event("flyttes", 5);
        register(id, "flytt@example.no");
        Map<String, String> moved = editFields(id, 5);
        moved.put("start", DAY.plusDays(1) + "T10:00");
        moved.put("end", DAY.plusDays(1) + "T12:00");
        mvc.perform(form("/organiser/events/flyttes/edit", moved).with(TestLogins.admin()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute(
                                "done", "Endringene er lagret. Alle påmeldte får beskjed om endringen på e-post."));
        assertThat(store.pendingNotifications(1000).stream()
                        .filter(n -> n.eventId().equals(id) && n.kind() == Notification.Kind.EVENT_CHANGED))
                .hasSize(1);
        assertThat(service.findEvent(id).orElseThrow().start().toLocalDate()).isEqualTo(DAY.plusDays(1));
    }

    @Test
    void copyingAnEventKeepsItsWorkshopsAndQuestionsUnderANewId() throws Exception {
        Event source = service.findEvent(DemoEvents.FEILTRINN).orElseThrow();
        String page = body(get("/organiser/events/new?copy=feiltrinn").with(TestLogins.admin()));
        assertThat(page)
                .contains("value=\"feiltrinn-kopi\"")
                .contains("name=\"copyOf\" value=\"feiltrinn\"")
                .contains(source.title().message(Locale.forLanguageTag("nb")));
        Map<String, String> f = fields("feiltrinn-kopi");
        f.put("copyOf", "feiltrinn");
        f.put("seats", "120");
        mvc.perform(form("/organiser/events/new", f).with(TestLogins.admin()))
                .andExpect(redirectedUrl("/organiser/events/feiltrinn-kopi"));
        Event copy = service.findEvent(EventId.of("feiltrinn-kopi")).orElseThrow();
        assertThat(copy.sessions()).hasSameSizeAs(source.sessions()).isNotEmpty();
        assertThat(copy.questions()).hasSameSizeAs(source.questions());
        assertThat(copy.eligibility()).isEqualTo(source.eligibility());
        assertThat(console().registrations(copy.id())).isEmpty();
    }
}
