package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The event editor's parts: workshops (add, change, remove; one that people hold is not removed),
 * questions with the sensitive flag, the audience from the built-in rules (a rule from code shown
 * and kept), and the personal details the form asks for.
 */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-editor-parts-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
class EventEditorPartsTest {
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final LocalDate DAY = LocalDate.now(OSLO).plusDays(40);

    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    private static Map<String, String> fields(String id) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("titleNb", "Fagdag");
        f.put("start", DAY + "T09:00");
        f.put("end", DAY + "T15:00");
        f.put("host", "Asker kommune");
        f.put("seats", "40");
        f.put("waitlist", "AUTO_PROMOTE");
        f.put("parts", "1");
        f.put("sessionRows", "1");
        f.put("questionRows", "1");
        f.put("aud-outside", "REJECT");
        return f;
    }

    private static MockHttpServletRequestBuilder form(String path, Map<String, String> fields) {
        MockHttpServletRequestBuilder request = post(path).with(csrf()).with(TestLogins.admin());
        fields.forEach(request::param);
        return request;
    }

    private String body(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anAdminAddsAWorkshopAQuestionAnAudienceAndChoosesThePersonalDetails() throws Exception {
        Map<String, String> f = fields("fagdag-deler");
        f.put("s0-titleNb", "Workshop: Klarspråk");
        f.put("s0-titleNn", "Workshop: Klarspråk (nn)");
        f.put("s0-start", DAY + "T13:00");
        f.put("s0-end", DAY + "T14:30");
        f.put("s0-seats", "12");
        f.put("q0-labelNb", "Hvordan deltar du?");
        f.put("q0-labelNn", "Korleis deltek du?");
        f.put("q0-kind", "CHOICE");
        f.put("q0-options", "I salen | I salen | In the hall\nDigitalt");
        f.put("q0-required", "on");
        f.put("questionRows", "2");
        f.put("q1-labelNb", "Allergier?");
        f.put("q1-kind", "TEXT");
        f.put("q1-sensitive", "on");
        f.put("aud-sector-MUNICIPALITY", "on");
        f.put("aud-sector-COUNTY", "on");
        f.put("aud-domains", "kommune.no, @viken.no");
        f.put("aud-outside", "REQUIRE_APPROVAL");
        f.put("aud-textNb", "Ansatte i kommuner");
        f.put("ask-SECTOR", "on");
        f.put("ask-ORGANISATION", "on");
        mvc.perform(form("/organiser/events/new", f)).andExpect(redirectedUrl("/organiser/events/fagdag-deler"));

        Event e = service.findEvent(EventId.of("fagdag-deler")).orElseThrow();
        Session s = e.sessions().get(0);
        assertThat(s.id().value()).isEqualTo("workshop-klarsprak");
        assertThat(s.seats()).isEqualTo(12);
        assertThat(s.title().message(Locale.forLanguageTag("nn"))).isEqualTo("Workshop: Klarspråk (nn)");
        assertThat(s.start()).isEqualTo(ZonedDateTime.of(DAY, LocalTime.of(13, 0), OSLO));
        assertThat(e.questions()).hasSize(2);
        Question choice = e.questions().get(0);
        assertThat(choice.kind()).isEqualTo(Question.Kind.CHOICE);
        assertThat(choice.required()).isTrue();
        assertThat(choice.options()).containsOnlyKeys("i-salen", "digitalt");
        assertThat(choice.options().get("i-salen").message(Locale.ENGLISH)).isEqualTo("In the hall");
        assertThat(e.questions().get(1).sensitive()).isTrue();
        assertThat(e.outsideAudience()).isEqualTo(OutsideAudience.REQUIRE_APPROVAL);
        assertThat(e.eligibility())
                .isEqualTo(EligibilityRule.allOf(
                        EligibilityRule.sectorIn(Sector.MUNICIPALITY, Sector.COUNTY),
                        EligibilityRule.emailDomainIn("kommune.no", "viken.no")));
        assertThat(e.askFor()).containsExactlyInAnyOrder(PersonalField.SECTOR, PersonalField.ORGANISATION);
        assertThat(e.audienceDescription().orElseThrow().message(Locale.forLanguageTag("nb")))
                .isEqualTo("Ansatte i kommuner");

        // The editor shows it all again, with an empty row for one more of each.
        String page = body(get("/organiser/events/fagdag-deler/edit").with(TestLogins.admin()));
        assertThat(page)
                .contains("value=\"workshop-klarsprak\"")
                .contains("I salen | I salen | In the hall")
                .contains("id=\"s1-titleNb\"")
                .contains("id=\"q2-labelNb\"")
                .contains("name=\"aud-sector-COUNTY\" value=\"on\" checked");
        // The public form asks for what was chosen, and not for the rest.
        String register = body(get("/events/fagdag-deler/register"));
        assertThat(register)
                .contains("Workshop: Klarspråk")
                .contains("Allergier?")
                .doesNotContain("id=\"phone\"");
    }

    @Test
    void aWorkshopPeopleHoldIsNotRemovedAndTheReasonIsGiven() throws Exception {
        EventId id = EventId.of("fagdag-holdt");
        service.console(OrganiserId.DEFAULT, "test")
                .saveEvent(Event.builder(id)
                        .title(LocalizedText.of("Fagdag med workshoper"))
                        .schedule(
                                ZonedDateTime.of(DAY, LocalTime.of(9, 0), OSLO),
                                ZonedDateTime.of(DAY, LocalTime.of(15, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(10))
                        .waitlist(WaitlistPolicy.autoPromote())
                        .addressConfirmation(AddressConfirmation.notRequired())
                        .session(Session.of(
                                "valgt",
                                LocalizedText.of("Valgt workshop"),
                                ZonedDateTime.of(DAY, LocalTime.of(13, 0), OSLO),
                                ZonedDateTime.of(DAY, LocalTime.of(14, 0), OSLO),
                                5))
                        .session(Session.of(
                                "tom",
                                LocalizedText.of("Tom workshop"),
                                ZonedDateTime.of(DAY, LocalTime.of(13, 0), OSLO),
                                ZonedDateTime.of(DAY, LocalTime.of(14, 0), OSLO),
                                5))
                        .build());
        service.register(RegistrationRequest.builder(id)
                .name("Per Workshop")
                .email("per@example.no")
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .session("valgt")
                .addressVerified(true)
                .build());

        Map<String, String> f = fields(id.value());
        f.remove("id");
        f.put("titleNb", "Fagdag med workshoper");
        f.put("seats", "10");
        f.put("sessionRows", "3");
        String[] ids = {"valgt", "tom"};
        for (int i = 0; i < 2; i++) {
            f.put("s" + i + "-id", ids[i]);
            f.put("s" + i + "-titleNb", i == 0 ? "Valgt workshop" : "Tom workshop");
            f.put("s" + i + "-start", DAY + "T13:00");
            f.put("s" + i + "-end", DAY + "T14:00");
            f.put("s" + i + "-seats", "5");
            f.put("s" + i + "-remove", "on");
        }
        String nb = body(form("/organiser/events/fagdag-holdt/edit", f));
        assertThat(nb)
                .contains("«Valgt workshop» kan ikke fjernes: 1 påmeldte har valgt den.")
                .contains("href=\"#s0-remove\"");
        assertThat(service.findEvent(id).orElseThrow().sessions()).hasSize(2);
        String nn = body(form("/organiser/events/fagdag-holdt/edit?lang=nn", f));
        assertThat(nn).contains("«Valgt workshop» kan ikkje fjernast: 1 påmelde har valt han.");

        // Keeping the held one and lowering its seats below those taken: saved, nobody bumped, said so.
        f.remove("s0-remove");
        f.put("s0-seats", "0");
        mvc.perform(form("/organiser/events/fagdag-holdt/edit", f))
                .andExpect(redirectedUrl("/organiser/events/fagdag-holdt"))
                .andExpect(flash().attribute(
                                "done",
                                org.hamcrest.Matchers.containsString(
                                        "«Valgt workshop» har 1 opptatte plasser, flere enn de 0 den nå har.")));
        Event after = service.findEvent(id).orElseThrow();
        assertThat(after.sessions()).extracting(s -> s.id().value()).containsExactly("valgt");
        assertThat(service.console(OrganiserId.DEFAULT, "test").registrations(id))
                .singleElement()
                .satisfies(r -> assertThat(r.sessions()).containsExactly(SessionId.of("valgt")));
    }

    @Test
    void aRuleFromCodeIsShownAndKeptAndTheAudienceNeedsItsFields() throws Exception {
        EventId id = EventId.of("fagdag-kode");
        // "any of" is not one of the editor's check boxes: a rule from code (a custom rule would be
        // shown the same way, by its name).
        EligibilityRule custom =
                EligibilityRule.anyOf(EligibilityRule.sectorIn(Sector.STATE), EligibilityRule.roleIn(Role.LEADER));
        service.console(OrganiserId.DEFAULT, "test")
                .saveEvent(Event.builder(id)
                        .title(LocalizedText.of("Fagdag for Asker"))
                        .schedule(
                                ZonedDateTime.of(DAY, LocalTime.of(9, 0), OSLO),
                                ZonedDateTime.of(DAY, LocalTime.of(15, 0), OSLO))
                        .host(Organisation.of("Asker kommune"))
                        .capacity(CapacityPolicy.seats(10))
                        .eligibility(custom, OutsideAudience.REJECT)
                        .askFor(EnumSet.of(PersonalField.PHONE))
                        .build());
        String page = body(get("/organiser/events/fagdag-kode/edit").with(TestLogins.admin()));
        assertThat(page)
                .contains("id=\"audience-custom\"")
                .contains("(sektor: stat eller rolle: leder)")
                .doesNotContain("name=\"aud-sector-STATE\"");

        Map<String, String> f = fields(id.value());
        f.remove("id");
        f.put("titleNb", "Fagdag for Asker, ny tittel");
        f.put("aud-custom", "1");
        f.put("ask-PHONE", "on");
        mvc.perform(form("/organiser/events/fagdag-kode/edit", f))
                .andExpect(redirectedUrl("/organiser/events/fagdag-kode"));
        Event after = service.findEvent(id).orElseThrow();
        assertThat(after.eligibility()).isEqualTo(custom);
        assertThat(after.askFor()).containsExactly(PersonalField.PHONE);

        // A sector rule needs the form to ask for the sector.
        Map<String, String> g = fields("fagdag-uten-sektor");
        g.put("aud-sector-STATE", "on");
        String en = body(form("/organiser/events/new?lang=en", g));
        assertThat(en).contains("The form must ask for sector when the audience looks at it.");
        assertThat(service.findEvent(EventId.of("fagdag-uten-sektor"))).isEmpty();
    }

    @Test
    void theAddButtonsShowOneMoreRowAndSaveNothing() throws Exception {
        Map<String, String> f = fields("fagdag-rader");
        f.put("action", "addSession");
        String page = body(form("/organiser/events/new", f));
        assertThat(page).contains("id=\"s1-titleNb\"").doesNotContain("id=\"s2-titleNb\"");
        assertThat(service.findEvent(EventId.of("fagdag-rader"))).isEmpty();
        f.put("action", "addQuestion");
        assertThat(body(form("/organiser/events/new", f))).contains("id=\"q1-labelNb\"");
    }
}
