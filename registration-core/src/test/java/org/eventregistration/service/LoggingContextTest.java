package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationObserver;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The ids in the logging MDC while the service works, restored afterwards; and the observers, told
 * of every answer of {@code register}.
 */
class LoggingContextTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final List<String> seenByListener = new ArrayList<>();
    private final List<String> seenByObserver = new ArrayList<>();
    private final List<RegistrationOutcome> outcomes = new ArrayList<>();
    private final List<RuntimeException> failures = new ArrayList<>();

    private final RegistrationListener listener = n -> seenByListener.add(n.kind() + " " + MDC.get("eventId") + " "
            + MDC.get("registrationId") + " " + n.registrationId().value());
    private final RegistrationObserver observer = new RegistrationObserver() {
        @Override
        public void registered(RegistrationOutcome outcome, Duration elapsed) {
            assertThat(elapsed.isNegative()).isFalse();
            outcomes.add(outcome);
            seenByObserver.add(MDC.get("eventId") + " " + MDC.get("registrationId"));
        }

        @Override
        public void failed(RuntimeException failure, Duration elapsed) {
            failures.add(failure);
        }
    };

    private final RegistrationService service = RegistrationService.builder()
            .store(new InMemoryRegistrationStore())
            .clock(clock)
            .listener(listener)
            .observer(observer)
            .observer((outcome, elapsed) -> {
                throw new IllegalStateException("a broken observer changes nothing");
            })
            .build();

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void theEventAndRegistrationIdsAreInTheMdcWhileListenersAreToldAndGoneAfterwards() {
        Event event = Fixtures.event("mdc", 1).build();
        Fixtures.console(service).saveEvent(event);
        MDC.put("requestId", "r-1"); // the application's own key stays

        RegistrationOutcome first =
                service.register(Fixtures.person(event, "a@example.no").build());
        String id = Fixtures.registration(first).id().value();

        assertThat(seenByListener).containsExactly("CONFIRMED mdc " + id + " " + id);
        assertThat(seenByObserver).containsExactly("mdc null");
        assertThat(MDC.get("eventId")).isNull();
        assertThat(MDC.get("registrationId")).isNull();
        assertThat(MDC.get("requestId")).isEqualTo("r-1");
    }

    @Test
    void anOuterContextIsRestored() {
        Event event = Fixtures.event("inner", 1).build();
        Fixtures.console(service).saveEvent(event);
        MDC.put("eventId", "outer");
        MDC.put("registrationId", "outer-registration");

        service.register(Fixtures.person(event, "a@example.no").build());
        service.register(Fixtures.person(event, "b@example.no").build()); // waitlisted

        assertThat(seenByListener)
                .hasSize(2)
                .allSatisfy(seen -> assertThat(seen).matches("(CONFIRMED|WAITLISTED) inner (\\S+) \\2"));
        assertThat(MDC.get("eventId")).isEqualTo("outer");
        assertThat(MDC.get("registrationId")).isEqualTo("outer-registration");
    }

    @Test
    void observersHearEveryAnswerAndEveryFailureAndABrokenOneChangesNothing() {
        Event event = Fixtures.event("observed", 1).build();
        Fixtures.console(service).saveEvent(event);

        service.register(Fixtures.person(event, "a@example.no").build());
        service.register(Fixtures.person(event, "b@example.no").build());
        service.register(Fixtures.person(event, "not-an-address").build());
        assertThatThrownBy(() -> service.register(
                        Fixtures.person(EventId.of("none"), "c@example.no").build()))
                .isInstanceOf(EventNotFoundException.class);

        assertThat(outcomes)
                .extracting(o -> o.getClass().getSimpleName())
                .containsExactly("Confirmed", "Waitlisted", "Invalid");
        assertThat(failures).singleElement().isInstanceOf(EventNotFoundException.class);
        assertThat(seenByObserver).containsOnly("observed null");
        assertThat(MDC.get("eventId")).isNull();
    }

    @Test
    void unitsOfWorkOfTheJobsCarryTheEventId() {
        List<String> seen = new ArrayList<>();
        RegistrationService jobs = RegistrationService.builder()
                .store(new InMemoryRegistrationStore())
                .clock(clock)
                .listener(n -> seen.add(n.kind() + " " + MDC.get("eventId")))
                .build();
        Event event = Fixtures.event("job", 1)
                .waitlist(org.eventregistration.capacity.WaitlistPolicy.offers(Duration.ofHours(1)))
                .build();
        Fixtures.console(jobs).saveEvent(event);
        RegistrationOutcome a =
                jobs.register(Fixtures.person(event, "a@example.no").build());
        jobs.register(Fixtures.person(event, "b@example.no").build());
        jobs.cancel(Fixtures.token(a));
        clock.advance(Duration.ofHours(2));
        seen.clear();

        assertThat(jobs.expireOffers()).isEqualTo(1);
        assertThat(seen).contains(Notification.Kind.OFFER_EXPIRED + " job");
        assertThat(MDC.get("eventId")).isNull();
    }
}
