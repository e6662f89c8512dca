package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.spi.ForwardingRegistrationStore;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.StoreException;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The service checks a form against the definition it saw last, without reading the store each
 * time; the unit of work decides with the definition it reads under the lock. A change by the
 * organiser in between is never missed, in either direction. And once a change is committed, a
 * store that cannot mark its notifications delivered does not turn the caller's outcome into an
 * error.
 */
class ChangedDefinitionTest {
    private final InMemoryRegistrationStore memory = new InMemoryRegistrationStore();
    private final AtomicInteger definitionReads = new AtomicInteger();
    private final AtomicInteger markFailures = new AtomicInteger();
    private final ForwardingRegistrationStore store = new ForwardingRegistrationStore(memory) {
        @Override
        public java.util.Optional<Event> findEvent(EventId id) {
            definitionReads.incrementAndGet();
            return super.findEvent(id);
        }

        @Override
        public void markDelivered(java.util.Collection<String> notificationIds) {
            if (markFailures.getAndDecrement() > 0) {
                throw new StoreException("connection lost (test)", null, null);
            }
            super.markDelivered(notificationIds);
        }
    };
    private final List<String> told = new ArrayList<>();
    private final RegistrationListener listener = n -> told.add(n.id());
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(MutableClock.at(Fixtures.T0))
            .listener(listener)
            .build();

    private static Question lunch() {
        return Question.choice(
                        "lunch",
                        LocalizedText.of("Lunsj", "Lunsj", "Lunch"),
                        List.of(
                                Question.Option.of("fish", LocalizedText.of("Fisk")),
                                Question.Option.of("veg", LocalizedText.of("Vegetar"))))
                .asRequired();
    }

    @Test
    void aQuestionAddedAfterTheLastCheckIsStillRequired() {
        Event before = Fixtures.event("changed", 10).build();
        Fixtures.console(service).saveEvent(before);
        assertThat(service.register(Fixtures.person(before, "a@example.no").build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        int reads = definitionReads.get();
        assertThat(service.register(Fixtures.person(before, "b@example.no").build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(definitionReads.get())
                .as("a valid form is checked against the definition seen last, without a read")
                .isEqualTo(reads);

        // The organiser adds a required question through the store directly (another node, say).
        memory.saveEvent(Fixtures.event("changed", 10).question(lunch()).build());
        RegistrationOutcome c =
                service.register(Fixtures.person(before, "c@example.no").build());
        assertThat(c).isInstanceOf(RegistrationOutcome.Invalid.class);
        assertThat(((RegistrationOutcome.Invalid) c).violations())
                .extracting(v -> v.field())
                .contains("answers[lunch]");
        assertThat(service.register(Fixtures.person(before, "d@example.no")
                        .answer("lunch", "veg")
                        .build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void aQuestionRemovedAfterTheLastCheckIsNoLongerRequired() {
        Event before = Fixtures.event("relaxed", 10).question(lunch()).build();
        Fixtures.console(service).saveEvent(before);
        assertThat(service.register(Fixtures.person(before, "a@example.no")
                        .answer("lunch", "fish")
                        .build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        memory.saveEvent(Fixtures.event("relaxed", 10).build());
        assertThat(service.register(Fixtures.person(before, "b@example.no").build()))
                .as("not refused on the strength of the old definition")
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void aCommittedRegistrationStandsWhenItsNotificationsCannotBeMarkedDelivered() {
        Event event = Fixtures.event("unmarked", 10).build();
        Fixtures.console(service).saveEvent(event);
        markFailures.set(1);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        assertThat(a).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(told).hasSize(1);
        assertThat(memory.pendingNotifications(10))
                .as("still pending, so it is delivered again (at least once)")
                .extracting(n -> n.id())
                .containsExactlyElementsOf(told);
        assertThat(service.deliverPendingNotifications()).isEqualTo(1);
        assertThat(told).hasSize(2).containsOnly(told.get(0));
        assertThat(memory.pendingNotifications(10)).isEmpty();
    }
}
