package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** The calendar file answers exactly as the event page does, and names a reachable organizer (RFC 5545). */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-calendar-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false",
            "portal.mail.from=kurs@asker.kommune.example"
        })
@AutoConfigureMockMvc
class CalendarScopeTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    Clock clock;

    @Test
    void anotherOrganisersEventIsNotFoundAsOnItsPage() throws Exception {
        OrganiserId other = OrganiserId.of("annen-kommune");
        Event theirs = Event.builder(EventId.of("annen-kommunes-mote"))
                .title(DemoEvents.kommuneplan(LocalDate.now(clock).plusWeeks(2)).title())
                .schedule(
                        DemoEvents.kommuneplan(LocalDate.now(clock).plusWeeks(2))
                                .start(),
                        DemoEvents.kommuneplan(LocalDate.now(clock).plusWeeks(2))
                                .end())
                .host(DemoEvents.kommuneplan(LocalDate.now(clock).plusWeeks(2)).host())
                .capacity(org.eventregistration.capacity.CapacityPolicy.seats(10))
                .organiser(other)
                .build();
        service.console(other, "annen").saveEvent(theirs);

        mvc.perform(get("/events/annen-kommunes-mote")).andExpect(status().isNotFound());
        mvc.perform(get("/events/annen-kommunes-mote/calendar.ics")).andExpect(status().isNotFound());
    }

    @Test
    void theOrganizerHasAMailtoAddress() throws Exception {
        String ics = mvc.perform(get("/events/feiltrinn/calendar.ics"))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString(StandardCharsets.UTF_8)
                .replace("\r\n ", "");
        assertThat(ics).containsPattern("(?m)^ORGANIZER;CN=[^:\r\n]+:mailto:kurs@asker\\.kommune\\.example\r?$");
    }
}
