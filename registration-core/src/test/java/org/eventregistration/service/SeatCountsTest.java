package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.ForwardingRegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/** The public counts come from the event and its ledger: they never read the registrations. */
class SeatCountsTest {
    private final AtomicInteger registrationReads = new AtomicInteger();
    private final ForwardingRegistrationStore store = new ForwardingRegistrationStore(new InMemoryRegistrationStore()) {
        @Override
        public List<Registration> findRegistrations(EventId eventId) {
            registrationReads.incrementAndGet();
            return super.findRegistrations(eventId);
        }
    };
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(org.eventregistration.testsupport.MutableClock.at(Fixtures.T0))
            .build();

    @Test
    void theCountsOfAnEventWithoutReadingItsRegistrations() {
        Event event = Fixtures.event("counts", 2)
                .session(Fixtures.session("a", 10, 1))
                .build();
        Fixtures.console(service).saveEvent(event);
        for (int i = 0; i < 5; i++) {
            service.register(
                    Fixtures.person(event, "p" + i + "@example.no").session("a").build());
        }
        registrationReads.set(0);

        SeatCounts counts = service.seatCounts(event.id());

        assertThat(registrationReads).as("registrations read").hasValue(0);
        assertThat(counts.seats()).isEqualTo(2);
        assertThat(counts.seatsTaken()).isEqualTo(1); // the session has one seat
        assertThat(counts.seatsLeft()).isEqualTo(1);
        assertThat(counts.seatsLeft(SessionId.of("a"))).isZero();
        assertThat(counts.seatsLeft(SessionId.of("none"))).isZero();
        assertThat(counts.waiting()).isEqualTo(4);
        EventStatistics stats = Fixtures.console(service).statistics(event.id());
        assertThat(List.of(stats.seats(), stats.seatsTaken(), stats.waiting()))
                .containsExactly(counts.seats(), counts.seatsTaken(), counts.waiting());
        assertThat(stats.sessionSeatsTaken()).isEqualTo(counts.sessionSeatsTaken());
        assertThatThrownBy(() -> service.seatCounts(EventId.of("unknown"))).isInstanceOf(EventNotFoundException.class);
    }
}
