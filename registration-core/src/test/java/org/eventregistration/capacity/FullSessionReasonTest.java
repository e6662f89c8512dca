package org.eventregistration.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.eligibility.Applicant;
import org.eventregistration.event.Event;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Reason;
import org.eventregistration.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * A full session while the event has seats: the reason names the session by its title and says
 * that it is full, not the event; the per-organisation limit has a text of its own.
 */
class FullSessionReasonTest {
    private static final Locale NB = Locale.forLanguageTag("nb");
    private static final Locale NN = Locale.forLanguageTag("nn");

    private static final Applicant KARI = Applicant.of(Attendee.builder("Kari Nordmann", "kari@asker.kommune.no")
            .organisation("Asker kommune")
            .sector(Sector.MUNICIPALITY)
            .role(Role.LEADER)
            .build());

    @Test
    void aFullSessionIsNamedAndTheEventIsNotCalledFull() {
        Event event = Fixtures.event("full-session", 120)
                .session(Fixtures.session("a", 13, 1))
                .build();
        Ledger ledger = Ledger.empty(event.id()).take(List.of(CounterKey.EVENT, CounterKey.session(SessionId.of("a"))));

        CapacityDecision decision = CapacityCheck.check(event, ledger, KARI, Set.of(SessionId.of("a")), Fixtures.T0);

        List<Reason> reasons = ((CapacityDecision.Full) decision).reasons();
        assertThat(reasons).extracting(Reason::key).containsExactly("capacity.session.full");
        Reason reason = reasons.get(0);
        assertThat(reason.message(NB))
                .contains("«Verksted a» er full")
                .doesNotContain("Sesjonen")
                .doesNotContain("Arrangementet er fullt");
        assertThat(reason.message(NN))
                .contains("«Verkstad a» er full")
                .doesNotContain("Sesjonen")
                .doesNotContain("Arrangementet er fullt");
        assertThat(reason.message(Locale.ENGLISH))
                .contains("“Workshop a” is full")
                .doesNotContain("The session")
                .doesNotContain("The event is full");
    }

    @Test
    void theOrganisationLimitHasItsOwnText() {
        Event event = Fixtures.event("org-limit", 120)
                .capacity(CapacityPolicy.seats(120).withMaxPerOrganisation(1))
                .build();
        CounterKey asker =
                KARI.attendee().organisationKey().map(CounterKey::organisation).orElseThrow();
        Ledger ledger = Ledger.empty(event.id()).take(List.of(CounterKey.EVENT, asker));

        CapacityDecision decision = CapacityCheck.check(event, ledger, KARI, Set.of(), Fixtures.T0);

        Reason reason = ((CapacityDecision.Full) decision).reasons().get(0);
        assertThat(reason.key()).isEqualTo("capacity.organisation.full");
        for (Locale l : List.of(NB, NN, Locale.ENGLISH)) {
            assertThat(reason.message(l))
                    .isNotEqualTo(Reason.of("capacity.event.full", 120).message(l))
                    .doesNotContain("fullt")
                    .doesNotContain("is full");
        }
    }
}
