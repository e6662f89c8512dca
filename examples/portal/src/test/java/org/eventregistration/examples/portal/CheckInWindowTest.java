package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** With the portal's default window, nobody is checked in weeks before the event by a slip of the finger. */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-window-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false",
            "portal.check-in-opens-before=1d" // the default, which the test profile widens
        })
@AutoConfigureMockMvc
class CheckInWindowTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Test
    void checkInWeeksBeforeTheEventIsRefusedWithTheTimeItOpens() throws Exception {
        Registration r = ((RegistrationOutcome.Confirmed)
                        service.register(RegistrationRequest.builder(DemoEvents.KOMMUNEPLAN)
                                .name("Tidlig Innsjekk")
                                .email("tidlig@example.no")
                                .sector(Sector.MUNICIPALITY)
                                .role(Role.ADVISER)
                                .addressVerified(true)
                                .build()))
                .registration();
        mvc.perform(post("/organiser/events/" + DemoEvents.KOMMUNEPLAN.value() + "/registrations/" + r.id().value()
                                + "/checkin")
                        .with(csrf())
                        .with(TestLogins.checkIn()))
                .andExpect(status().isFound())
                .andExpect(flash().attribute("problem", org.hamcrest.Matchers.startsWith("Innsjekkingen åpner")));
        assertThat(service.console(OrganiserId.DEFAULT, "t")
                        .findRegistration(r.id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
    }
}
