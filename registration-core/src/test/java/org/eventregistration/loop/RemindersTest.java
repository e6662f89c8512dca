package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** Confirmed people are reminded once, from the event's reminder time until it starts. */
class RemindersTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final Mailbox mail = new Mailbox();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(mail)
            .build();

    @Test
    void confirmedPeopleAreRemindedOnceWithTheirLinkAndNobodyElse() {
        Event event = Fixtures.event("remind", 1)
                .addressConfirmation(AddressConfirmation.DEFAULT)
                .reminderBefore(Duration.ofDays(2))
                .build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome kari = service.register(
                Fixtures.person(event, "kari@example.no").addressVerified(true).build());
        service.register(
                Fixtures.person(event, "wait@example.no").addressVerified(true).build()); // waitlisted
        Fixtures.console(service).saveEvent(event);

        clock.set(event.start().toInstant().minus(Duration.ofDays(2)).minusSeconds(1));
        assertThat(service.sendReminders()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(service.sendReminders()).isEqualTo(1);
        assertThat(service.sendReminders()).isZero(); // once
        assertThat(mail.kinds("kari@example.no")).containsExactly(Kind.CONFIRMED, Kind.REMINDER);
        assertThat(mail.kinds("wait@example.no")).containsExactly(Kind.WAITLISTED);
        assertThat(service.findByManageToken(mail.lastLink("kari@example.no", LinkPurpose.MANAGE)))
                .map(Registration::id)
                .contains(Fixtures.registration(kari).id());
        assertThat(store.findRegistration(Fixtures.registration(kari).id())
                        .orElseThrow()
                        .remindedAt())
                .contains(clock.instant());

        // Someone confirmed later, still before the start, is reminded on the next run; after the start, nobody.
        service.cancel(Fixtures.token(kari)); // the waiting person gets the seat
        assertThat(service.sendReminders()).isEqualTo(1);
        assertThat(mail.kinds("wait@example.no")).endsWith(Kind.PROMOTED, Kind.REMINDER);
        clock.set(event.start().toInstant());
        service.register(
                Fixtures.person(event, "late@example.no").addressVerified(true).build());
        assertThat(service.sendReminders()).isZero();
    }

    @Test
    void anEventWithoutAReminderRemindsNobodyAndTheBuilderChecksTheTime() {
        Event event = Fixtures.event("no-remind", 5).build();
        Fixtures.console(service).saveEvent(event);
        service.register(Fixtures.person(event, "kari@example.no").build());
        clock.set(event.start().toInstant().minusSeconds(60));
        assertThat(service.sendReminders()).isZero();
        assertThat(event.reminderBefore()).isEmpty();
        assertThatThrownBy(() -> Fixtures.event("x", 1).reminderBefore(Duration.ofMinutes(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT5M");
    }
}
