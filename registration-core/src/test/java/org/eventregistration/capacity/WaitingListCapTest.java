package org.eventregistration.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eventregistration.event.Event;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** The waiting list of an event is capped by default; unlimited is a choice an event makes. */
class WaitingListCapTest {

    private static int register(RegistrationService service, Event event, int people, String tag) {
        int waiting = 0;
        for (int i = 0; i < people; i++) {
            RegistrationOutcome outcome = service.register(Fixtures.person(event, tag + i + "@example.no")
                    .addressVerified(true)
                    .build());
            if (outcome instanceof RegistrationOutcome.Waitlisted) {
                waiting++;
            }
        }
        return waiting;
    }

    private static RegistrationService service() {
        return RegistrationService.builder()
                .store(new InMemoryRegistrationStore())
                .clock(MutableClock.at(Fixtures.T0))
                .build();
    }

    @Test
    void byDefaultTheWaitingListHoldsTenTimesTheSeatsAndThenRejectsWithAReason() {
        RegistrationService service = service();
        Event event = Fixtures.event("capped", 2).build();
        assertThat(event.waitingListCap()).isEqualTo(WaitingListCap.DEFAULT);
        Fixtures.console(service).saveEvent(event);
        assertThat(register(service, event, 2 + 20, "p")).isEqualTo(20);

        RegistrationOutcome next = service.register(
                Fixtures.person(event, "late@example.no").addressVerified(true).build());
        assertThat(next).isInstanceOfSatisfying(RegistrationOutcome.Rejected.class, r -> {
            assertThat(r.reasons()).extracting(x -> x.key()).contains("waitlist.full");
            var full = r.reasons().stream()
                    .filter(x -> x.key().equals("waitlist.full"))
                    .findFirst()
                    .orElseThrow();
            assertThat(full.message(Languages.ENGLISH)).isEqualTo("The waiting list is full.");
            assertThat(full.message(Languages.BOKMAL)).isEqualTo("Ventelisten er full.");
            assertThat(full.message(Languages.NYNORSK)).isEqualTo("Ventelista er full.");
        });
        assertThat(Fixtures.console(service).waitingList(event.id())).hasSize(20);
    }

    @Test
    void anEventSetsItsOwnCapOrNone() {
        RegistrationService service = service();
        Event fixed = Fixtures.event("fixed", 1)
                .waitingListCap(WaitingListCap.atMost(3))
                .build();
        Event unlimited = Fixtures.event("unlimited", 1)
                .waitingListCap(WaitingListCap.unlimited())
                .build();
        Event shorter = Fixtures.event("policy", 1)
                .waitlist(WaitlistPolicy.autoPromote().withMaxLength(2))
                .waitingListCap(WaitingListCap.timesSeats(50))
                .build();
        for (Event e : new Event[] {fixed, unlimited, shorter}) {
            Fixtures.console(service).saveEvent(e);
        }
        assertThat(register(service, fixed, 10, "f")).isEqualTo(3);
        assertThat(register(service, unlimited, 40, "u")).isEqualTo(39);
        assertThat(register(service, shorter, 10, "s")).isEqualTo(2); // the shorter limit counts
    }

    @Test
    void capsAreValuesThatExplainMistakes() {
        assertThat(WaitingListCap.timesSeats(3).length(20)).isEqualTo(60);
        assertThat(WaitingListCap.timesSeats(10).length(Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
        assertThat(WaitingListCap.atMost(7).length(1000)).isEqualTo(7);
        assertThat(WaitingListCap.unlimited().length(5)).isEqualTo(Integer.MAX_VALUE);
        for (WaitingListCap cap : new WaitingListCap[] {
            WaitingListCap.DEFAULT, WaitingListCap.atMost(0), WaitingListCap.unlimited(), WaitingListCap.timesSeats(2)
        }) {
            assertThat(WaitingListCap.parse(cap.toString())).isEqualTo(cap);
        }
        assertThatThrownBy(() -> WaitingListCap.timesSeats(0)).hasMessageContaining("0");
        assertThatThrownBy(() -> WaitingListCap.atMost(-1)).hasMessageContaining("-1");
        assertThatThrownBy(() -> WaitingListCap.parse("lots")).hasMessageContaining("lots");
    }
}
