package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An address typed into a public form counts only once its owner confirms it through a link sent to it. */
class AddressConfirmationTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final Mailbox mail = new Mailbox();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(mail)
            .build();
    private Event event;

    @BeforeEach
    void setUp() {
        event = Fixtures.event("confirm", 2)
                .addressConfirmation(AddressConfirmation.DEFAULT)
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        Fixtures.console(service).saveEvent(event);
    }

    @Test
    void newEventsRequireConfirmationWithAThirtyMinuteHold() {
        Event plain = Event.builder(event.id())
                .title(event.title())
                .schedule(event.start(), event.end())
                .host(event.host())
                .capacity(event.capacity())
                .build();
        assertThat(plain.addressConfirmation()).isEqualTo(new AddressConfirmation(true, Duration.ofMinutes(30)));
    }

    @Test
    void anUnverifiedAddressHoldsItsSeatUntilConfirmedAndThenGetsTheConfirmation() {
        RegistrationOutcome outcome =
                service.register(Fixtures.person(event, "kari@example.no").build());

        assertThat(outcome)
                .isEqualTo(new RegistrationOutcome.AwaitingAddressConfirmation(
                        event.id(), Fixtures.T0.plus(Duration.ofMinutes(30))));
        Registration held = Fixtures.console(service).registrations(event.id()).get(0);
        assertThat(held.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(held.addressConfirmed()).isFalse();
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
        assertThat(mail.kinds("kari@example.no")).containsExactly(Kind.ADDRESS_CONFIRMATION);

        clock.advance(Duration.ofMinutes(10));
        ManageToken confirmLink = mail.lastLink("kari@example.no", LinkPurpose.CONFIRM_ADDRESS);
        Registration confirmed = service.confirmAddress(confirmLink);

        assertThat(confirmed.addressConfirmed()).isTrue();
        assertThat(confirmed.history().get(confirmed.history().size() - 1).reason())
                .isEqualTo(Registration.ADDRESS_CONFIRMED);
        assertThat(mail.kinds("kari@example.no")).containsExactly(Kind.ADDRESS_CONFIRMATION, Kind.CONFIRMED);
        // The confirmation carries a manage link that works; confirming twice is harmless.
        ManageToken manage = mail.lastLink("kari@example.no", LinkPurpose.MANAGE);
        assertThat(service.findByManageToken(manage)).map(Registration::id).contains(confirmed.id());
        assertThat(service.confirmAddress(confirmLink)).isEqualTo(confirmed);
        assertThat(mail.kinds("kari@example.no")).hasSize(2);
        // A confirmation link is not a manage link.
        assertThat(service.findByManageToken(confirmLink)).isEmpty();
        Invariants.check(store, event, "confirmed");
    }

    @Test
    void aKnownAddressGetsTheSameAnswerAsANewOneAndItsOwnerAnEmail() {
        service.register(Fixtures.person(event, "kari@example.no").build());
        service.confirmAddress(mail.lastLink("kari@example.no", LinkPurpose.CONFIRM_ADDRESS));

        RegistrationOutcome again = service.register(
                Fixtures.person(event, "KARI@example.no").name("Someone Else").build());
        RegistrationOutcome stranger =
                service.register(Fixtures.person(event, "new@example.no").build());

        assertThat(again).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
        assertThat(stranger).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
        assertThat(again).isEqualTo(stranger); // same event, same deadline: nothing tells them apart
        assertThat(Fixtures.console(service).registrations(event.id())).hasSize(2);
        assertThat(mail.kinds("kari@example.no"))
                .containsExactly(Kind.ADDRESS_CONFIRMATION, Kind.CONFIRMED, Kind.ALREADY_REGISTERED);
        assertThat(mail.lastLink("kari@example.no", LinkPurpose.MANAGE)).isNotNull();
    }

    @Test
    void whenTheEventIsFullAKnownAddressIsRefusedExactlyLikeANewOne() {
        Event full = Fixtures.event("full-confirm", 1)
                .addressConfirmation(AddressConfirmation.DEFAULT)
                .waitlist(WaitlistPolicy.none())
                .build();
        Fixtures.console(service).saveEvent(full);
        service.register(Fixtures.person(full, "kari@example.no").build());

        RegistrationOutcome known =
                service.register(Fixtures.person(full, "kari@example.no").build());
        RegistrationOutcome stranger =
                service.register(Fixtures.person(full, "new@example.no").build());

        assertThat(known).isInstanceOf(RegistrationOutcome.Rejected.class).isEqualTo(stranger);
    }

    @Test
    void alreadyRegisteredMailsAreLimitedPerHour() {
        service.register(Fixtures.person(event, "kari@example.no").build());
        for (int i = 0; i < 10; i++) {
            service.register(Fixtures.person(event, "kari@example.no").build());
        }
        assertThat(mail.kinds("kari@example.no"))
                .containsExactly(
                        Kind.ADDRESS_CONFIRMATION,
                        Kind.ALREADY_REGISTERED,
                        Kind.ALREADY_REGISTERED,
                        Kind.ALREADY_REGISTERED);
        clock.advance(Duration.ofMinutes(61));
        service.requestLink(event.id(), "kari@example.no");
        assertThat(mail.kinds("kari@example.no")).hasSize(5).endsWith(Kind.LINK_REQUESTED);
    }

    @Test
    void anyLinkSentToTheAddressConfirmsIt() {
        // Someone registered Kari's address; Kari tries herself and follows the link in her mail.
        service.register(
                Fixtures.person(event, "kari@example.no").name("Squatter").build());
        service.register(Fixtures.person(event, "kari@example.no").name("Kari").build());
        ManageToken link = mail.lastLink("kari@example.no", LinkPurpose.MANAGE);

        Registration r = service.confirmAddress(link);
        assertThat(r.addressConfirmed()).isTrue();
        // She may now cancel the registration someone else made with her address.
        assertThat(service.cancel(link).status()).isEqualTo(RegistrationStatus.CANCELLED);
    }

    @Test
    void anUnconfirmedPlaceExpiresAndGoesToTheNextInLine() {
        service.register(Fixtures.person(event, "a@example.no").build());
        service.register(
                Fixtures.person(event, "b@example.no").addressVerified(true).build());
        RegistrationOutcome waiting = service.register(
                Fixtures.person(event, "c@example.no").addressVerified(true).build());
        assertThat(waiting).isInstanceOf(RegistrationOutcome.Waitlisted.class);
        ManageToken late = mail.lastLink("a@example.no", LinkPurpose.CONFIRM_ADDRESS);

        clock.advance(Duration.ofMinutes(29));
        assertThat(service.expireUnconfirmed()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.expireUnconfirmed()).isEqualTo(1);
        assertThat(service.expireUnconfirmed()).isZero();

        Registration a = Fixtures.console(service).registrations(event.id()).get(0);
        assertThat(a.status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertThat(a.history().get(a.history().size() - 1).reason()).isEqualTo("history.addressNotConfirmed");
        assertThat(Fixtures.console(service)
                        .findRegistration(Fixtures.registration(waiting).id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(mail.kinds("a@example.no")).containsExactly(Kind.ADDRESS_CONFIRMATION); // nothing more
        assertThat(mail.kinds("c@example.no")).containsExactly(Kind.WAITLISTED, Kind.PROMOTED);
        assertThatThrownBy(() -> service.confirmAddress(late)).isInstanceOf(RegistrationNotFoundException.class);
        Invariants.check(store, event, "expired");
    }

    @Test
    void aConfirmationJustTooLateIsRefusedAndThePlaceMovesOn() {
        service.register(Fixtures.person(event, "a@example.no").build());
        clock.advance(Duration.ofMinutes(31));
        ManageToken link = mail.lastLink("a@example.no", LinkPurpose.CONFIRM_ADDRESS);
        // The link itself has run out with the hold.
        assertThatThrownBy(() -> service.confirmAddress(link)).isInstanceOf(RegistrationNotFoundException.class);
        // A manage link (an "already registered" mail) outlives the hold: confirming with it is refused in time.
        service.register(Fixtures.person(event, "a@example.no").build());
        ManageToken manage = mail.lastLink("a@example.no", LinkPurpose.MANAGE);
        assertThatThrownBy(() -> service.confirmAddress(manage))
                .isInstanceOf(RegistrationRefusedException.class)
                .hasMessageContaining("not confirmed in time");
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isZero();
        Invariants.check(store, event, "too late");
    }

    @Test
    void whileUnconfirmedOnlyMessagesThatConfirmAreSentThenTheStatusMessage() {
        Event one = Fixtures.event("one-seat", 1)
                .addressConfirmation(AddressConfirmation.DEFAULT)
                .build();
        Fixtures.console(service).saveEvent(one);
        RegistrationOutcome first = service.register(
                Fixtures.person(one, "first@example.no").addressVerified(true).build());
        service.register(Fixtures.person(one, "w@example.no").build()); // waitlisted, unconfirmed
        service.cancel(Fixtures.token(first)); // w is promoted while unconfirmed: no message yet

        assertThat(mail.kinds("w@example.no")).containsExactly(Kind.ADDRESS_CONFIRMATION);
        Registration w = service.confirmAddress(mail.lastLink("w@example.no", LinkPurpose.CONFIRM_ADDRESS));
        assertThat(w.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(mail.kinds("w@example.no")).containsExactly(Kind.ADDRESS_CONFIRMATION, Kind.CONFIRMED);
    }

    @Test
    void aVerifiedRequestCountsAtOnceWithItsToken() {
        RegistrationOutcome o = service.register(
                Fixtures.person(event, "kari@example.no").addressVerified(true).build());
        assertThat(o).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.registration(o).addressConfirmed()).isTrue();
        assertThat(service.findByManageToken(Fixtures.token(o))).isPresent();
        assertThat(mail.kinds("kari@example.no")).containsExactly(Kind.CONFIRMED);
    }
}
