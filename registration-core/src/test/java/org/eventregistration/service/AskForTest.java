package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.Event;
import org.eventregistration.event.PersonalField;
import org.eventregistration.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/** An event keeps only the personal details it asks for: a citizens' meeting has no use for an employer. */
class AskForTest {
    private final RegistrationService service = RegistrationService.builder()
            .clock(org.eventregistration.testsupport.MutableClock.at(Fixtures.T0))
            .build();

    private Attendee registered(Event event) {
        Fixtures.console(service).saveEvent(event);
        return Fixtures.registration(service.register(Fixtures.person(event, "kari@example.no")
                        .phone("+47 911 22 333")
                        .organisation("Asker kommune", "944382038")
                        .sector(Sector.MUNICIPALITY)
                        .role(Role.LEADER)
                        .build()))
                .attendee();
    }

    @Test
    void byDefaultEveryDetailIsAskedForAndKept() {
        Event event = Fixtures.event("all-details", 5).build();
        assertThat(event.askFor()).containsExactlyInAnyOrder(PersonalField.values());
        Attendee a = registered(event);
        assertThat(a.phone()).contains("+47 911 22 333");
        assertThat(a.organisationName()).contains("Asker kommune");
        assertThat(a.sector()).isEqualTo(Sector.MUNICIPALITY);
        assertThat(a.role()).isEqualTo(Role.LEADER);
    }

    @Test
    void whatTheEventDoesNotAskForIsNotKept() {
        Event event = Fixtures.event("name-and-phone", 5)
                .askFor(EnumSet.of(PersonalField.PHONE))
                .build();
        Attendee a = registered(event);
        assertThat(a.phone()).contains("+47 911 22 333");
        assertThat(a.organisationName()).isEmpty();
        assertThat(a.organisationNumber()).isEmpty();
        assertThat(a.sector()).isEqualTo(Sector.OTHER);
        assertThat(a.role()).isEqualTo(Role.OTHER);
        assertThat(event.toBuilder().build().askFor()).containsExactly(PersonalField.PHONE);
        Event nameOnly =
                event.toBuilder().askFor(EnumSet.noneOf(PersonalField.class)).build();
        assertThat(nameOnly.toBuilder().build().askFor())
                .as("an empty choice survives a copy")
                .isEmpty();
    }
}
