package org.eventregistration.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

class EventStateTest {
    private final Event event = Fixtures.event("state", 10).build();

    @Test
    void leavesOutOrganisationCountersAndKeepsTheRest() {
        CounterKey session = CounterKey.session(new SessionId("s1"));
        Ledger ledger = new Ledger(
                event.id(),
                7,
                Map.of(
                        CounterKey.EVENT,
                        3,
                        session,
                        2,
                        CounterKey.organisation("Asker kommune"),
                        2,
                        CounterKey.organisation("974760673"),
                        1,
                        CounterKey.reserved("q"),
                        1),
                5,
                2);
        EventState state = new EventState(event, ledger);
        assertThat(state.ledger())
                .isEqualTo(new Ledger(
                        event.id(), 7, Map.of(CounterKey.EVENT, 3, session, 2, CounterKey.reserved("q"), 1), 5, 2));
    }

    @Test
    void aLedgerWithoutOrganisationCountersIsKeptAsItIs() {
        Ledger ledger = new Ledger(event.id(), 2, Map.of(CounterKey.EVENT, 2), 0, 0);
        assertThat(new EventState(event, ledger).ledger()).isSameAs(ledger);
    }

    @Test
    void refusesAnotherEventsLedger() {
        assertThatThrownBy(() -> new EventState(event, Ledger.empty(EventId.of("another"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another");
    }
}
