package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.ForwardingRegistrationStore;
import org.eventregistration.spi.OutcomeUnknownException;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.junit.jupiter.api.Test;

/** A connection that dies around COMMIT: the caller hears "unknown", and a retry with the same key finds the registration. */
class OutcomeUnknownTest {

    /** Commits, then loses the answer once. */
    private static final class LosesTheAnswer extends ForwardingRegistrationStore {
        final AtomicBoolean armed = new AtomicBoolean();

        LosesTheAnswer() {
            super(new InMemoryRegistrationStore());
        }

        @Override
        public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
            T result = super.inTransaction(eventId, work);
            if (armed.getAndSet(false)) {
                throw new OutcomeUnknownException("connection lost during COMMIT", "08006", null);
            }
            return result;
        }
    }

    @Test
    void anUnknownOutcomeIsSaidAsSuchAndARetryWithTheSameKeyReturnsTheSameRegistration() {
        LosesTheAnswer store = new LosesTheAnswer();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(java.time.Clock.fixed(Fixtures.T0, Fixtures.OSLO))
                .build();
        Event event = Fixtures.event("unknown", 3).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationRequest request =
                Fixtures.person(event, "kari@example.no").idempotencyKey("once").build();

        store.armed.set(true);
        assertThatThrownBy(() -> service.register(request)).isInstanceOf(OutcomeUnknownException.class);

        RegistrationOutcome retry = service.register(request);
        assertThat(retry).isInstanceOf(RegistrationOutcome.Repeated.class);
        assertThat(Fixtures.console(service).registrations(event.id())).hasSize(1);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
    }
}
