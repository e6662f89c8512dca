package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void flows() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        Event e = Event.builder(EventId.of("e1")).title(LocalizedText.of("Feiltrinn"))
                .schedule(ZonedDateTime.of(2099, 12, 11, 9, 0, 0, 0, oslo), ZonedDateTime.of(2099, 12, 11, 16, 0, 0, 0, oslo))
                .host(Organisation.of("Difi")).capacity(CapacityPolicy.seats(1))
                .eligibility(EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY), OutsideAudience.REQUIRE_APPROVAL)
                .build();
        RegistrationService s = RegistrationService.builder().build();
        s.saveEvent(e);
        var o1 = s.register(RegistrationRequest.builder(e.id()).name("Åse Ødegård").email("a@x.no").sector(Sector.STATE).role(Role.LEADER).build());
        var o2 = s.register(RegistrationRequest.builder(e.id()).name("B").email("b@x.no").sector(Sector.STATE).build());
        var o3 = s.register(RegistrationRequest.builder(e.id()).name("C").email("c@x.no").sector(Sector.PRIVATE).build());
        var o4 = s.register(RegistrationRequest.builder(e.id()).name("").email("nope").organisation("", "123").build());
        System.out.println(o1 + "\n" + o2 + "\n" + o3);
        assertThat(o1).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(o2).isInstanceOf(RegistrationOutcome.Waitlisted.class);
        assertThat(o3).isInstanceOf(RegistrationOutcome.PendingApproval.class);
        var inv = (RegistrationOutcome.Invalid) o4;
        inv.violations().forEach(v -> System.out.println(v.field() + " | " + v.message(Languages.BOKMAL) + " | " + v.message(Languages.NYNORSK) + " | " + v.message(Languages.ENGLISH)));
        ((RegistrationOutcome.PendingApproval) o3).reasons().forEach(r -> System.out.println(r.message(Languages.NYNORSK) + " / " + r.message(Languages.ENGLISH)));
        s.cancel(((RegistrationOutcome.Confirmed) o1).manageToken());
        assertThat(s.findRegistration(((RegistrationOutcome.Waitlisted) o2).registration().id()).orElseThrow().status().name()).isEqualTo("CONFIRMED");
    }
}
