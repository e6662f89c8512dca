package org.eventregistration.examples.portal;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/** Manage links stop working {@code portal.manage-link-validity} (30 days) after the event's end. */
@ActiveProfiles({"demo", "webtest"})
@SpringBootTest(
        properties = {
            "spring.datasource.url=jdbc:h2:mem:portal-validity-${random.uuid};DB_CLOSE_DELAY=-1",
            "portal.jobs.enabled=false"
        })
@AutoConfigureMockMvc
@Import(PublicFormDefencesTest.Clocks.class)
class ManageLinkValidityTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    RegistrationService service;

    @Autowired
    Clock clock;

    @Test
    void aManageLinkWorksUntilThirtyDaysAfterTheEventAndNotAfter() throws Exception {
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(DemoEvents.KOMMUNEPLAN)
                .name("Gyldig Lenke")
                .email("gyldig.lenke@example.no")
                .sector(Sector.MUNICIPALITY)
                .role(Role.ADVISER)
                .addressVerified(true)
                .build());
        String path = "/manage/"
                + ((RegistrationOutcome.Confirmed) outcome).manageToken().value();
        mvc.perform(get(path)).andExpect(status().isOk());

        var end = service.findEvent(DemoEvents.KOMMUNEPLAN).orElseThrow().end().toInstant();
        LateConfirmationTest.MovingClock moving = (LateConfirmationTest.MovingClock) clock;
        moving.advance(Duration.between(clock.instant(), end.plus(Duration.ofDays(29))));
        mvc.perform(get(path)).andExpect(status().isOk());
        moving.advance(Duration.ofDays(1).plusMinutes(1));
        mvc.perform(get(path)).andExpect(status().isNotFound());
    }
}
