package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.PersonalDataExport;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Links sent to the person: each message its own, recoverable on request, limited, never stored in plain. */
class LinksTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final Mailbox mail = new Mailbox();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(mail)
            .build();
    private Event event;
    private Registration kari;

    @BeforeEach
    void setUp() {
        event = Fixtures.event("links", 10)
                .addressConfirmation(AddressConfirmation.DEFAULT)
                .build();
        Fixtures.console(service).saveEvent(event);
        service.register(Fixtures.person(event, "kari@example.no").build());
        kari = service.confirmAddress(mail.lastLink("kari@example.no", LinkPurpose.CONFIRM_ADDRESS));
    }

    @Test
    void askingAgainGivesANewLinkAndTheOldOnesKeepWorking() {
        ManageToken first = mail.lastLink("kari@example.no", LinkPurpose.MANAGE);
        service.requestLink(event.id(), " KARI@example.no ");
        ManageToken second = mail.lastLink("kari@example.no", LinkPurpose.MANAGE);

        assertThat(second).isNotEqualTo(first);
        assertThat(mail.kinds("kari@example.no")).endsWith(Kind.LINK_REQUESTED);
        assertThat(service.findByManageToken(first)).map(Registration::id).contains(kari.id());
        assertThat(service.findByManageToken(second)).map(Registration::id).contains(kari.id());
    }

    @Test
    void onlyTheNewestFewLinksStayLive() {
        List<ManageToken> links = new ArrayList<>();
        for (int hour = 0; hour < 4; hour++) {
            for (int i = 0; i < 2; i++) {
                service.requestLink(event.id(), "kari@example.no");
                links.add(mail.lastLink("kari@example.no", LinkPurpose.MANAGE));
            }
            clock.advance(Duration.ofMinutes(61));
        }
        // 1 from the confirmation, 8 on request: the 5 newest work.
        long live = links.stream()
                .filter(t -> service.findByManageToken(t).isPresent())
                .count();
        assertThat(live).isEqualTo(5);
        assertThat(service.findByManageToken(links.get(links.size() - 1))).isPresent();
        assertThat(service.findByManageToken(links.get(0))).isEmpty();
    }

    @Test
    void anUnknownAddressOrEventTellsNothingAndSendsNothing() {
        int before = mail.all().size();
        service.requestLink(event.id(), "nobody@example.no");
        service.requestPersonalData(event.id(), "nobody@example.no");
        assertThat(mail.all()).hasSize(before);
        assertThatThrownBy(() -> service.requestLink(EventId.of("no-such-event"), "kari@example.no"))
                .isInstanceOf(EventNotFoundException.class);
        assertThatThrownBy(() -> service.requestLink(event.id(), " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFloodOfRequestsForOneAddressSendsOnlyTheLimit() {
        int before = mail.to("kari@example.no").size();
        for (int i = 0; i < 50; i++) {
            service.requestLink(event.id(), "kari@example.no");
        }
        assertThat(mail.to("kari@example.no")).hasSize(before + 3);
    }

    @Test
    void theTokenIsNeverAtRestOnlyItsHash() {
        service.requestLink(event.id(), "kari@example.no");
        ManageToken link = mail.lastLink("kari@example.no", LinkPurpose.MANAGE);

        LinkToken stored = store.findLinkToken(link.hash()).orElseThrow();
        assertThat(stored.hash()).isEqualTo(link.hash()).doesNotContain(link.value());
        assertThat(stored.purpose()).isEqualTo(LinkPurpose.MANAGE);
        assertThat(stored.registrationId()).isEqualTo(kari.id());
        assertThat(stored.expiresAt()).isEqualTo(event.personalDataExpiresAt());
        // The outbox keeps ids only: a failing listener leaves the notification, not a link.
        for (Notification n : store.pendingNotifications(100)) {
            assertThat(n.toString()).doesNotContain(link.value());
        }
        assertThat(store.findRegistration(kari.id()).orElseThrow().toString()).doesNotContain(link.value());
    }

    @Test
    void wrongExpiredOrMisusedLinksAreRefusedAndChangeNothing() {
        ManageToken wrong = new ManageToken("x".repeat(43));
        assertThat(service.findByManageToken(wrong)).isEmpty();
        assertThatThrownBy(() -> service.confirmAddress(wrong)).isInstanceOf(RegistrationNotFoundException.class);
        assertThatThrownBy(() -> service.exportPersonalData(wrong)).isInstanceOf(RegistrationNotFoundException.class);

        ManageToken manage = mail.lastLink("kari@example.no", LinkPurpose.MANAGE);
        // A manage link does not open the person's data.
        assertThatThrownBy(() -> service.exportPersonalData(manage)).isInstanceOf(RegistrationNotFoundException.class);
        assertThatThrownBy(() -> service.erasePersonalData(manage)).isInstanceOf(RegistrationNotFoundException.class);

        // Manage links stop working when the event's personal data expires.
        clock.set(event.personalDataExpiresAt());
        assertThat(service.findByManageToken(manage)).isEmpty();
        assertThat(service.applyRetention().registrationsAnonymised()).isEqualTo(1);
        assertThat(store.findLinkToken(manage.hash())).isEmpty();
    }

    @Test
    void thePersonGetsTheirDataAndItsErasureThroughALinkSentToTheAddress() {
        service.requestPersonalData(event.id(), "kari@example.no");
        assertThat(mail.kinds("kari@example.no")).endsWith(Kind.DATA_REQUEST);
        ManageToken data = mail.lastLink("kari@example.no", LinkPurpose.DATA_REQUEST);

        PersonalDataExport export = service.exportPersonalData(data);
        assertThat(export.registrations())
                .extracting(i -> i.registration().id())
                .containsExactly(kari.id());
        assertThat(Fixtures.console(service).auditLog(event.id()))
                .anySatisfy(a -> assertThat(a.action().name()).isEqualTo("PERSONAL_DATA_EXPORTED"));

        assertThat(service.erasePersonalData(data)).isEqualTo(1);
        Registration erased = store.findRegistration(kari.id()).orElseThrow();
        assertThat(erased.anonymised()).isTrue();
        assertThat(erased.status()).isEqualTo(org.eventregistration.registration.RegistrationStatus.CANCELLED);
        // Nothing left: the link reaches nobody now.
        assertThatThrownBy(() -> service.exportPersonalData(data)).isInstanceOf(RegistrationNotFoundException.class);

        // The data-request link lasts a day.
        service.register(
                Fixtures.person(event, "per@example.no").addressVerified(true).build());
        service.requestPersonalData(event.id(), "per@example.no");
        ManageToken perData = mail.lastLink("per@example.no", LinkPurpose.DATA_REQUEST);
        clock.advance(Duration.ofHours(24));
        assertThatThrownBy(() -> service.exportPersonalData(perData)).isInstanceOf(RegistrationNotFoundException.class);
    }

    @Test
    void aRepeatedRequestReturnsTheSameRegistrationWithoutAnotherSeat() {
        var request =
                Fixtures.person(event, "per@example.no").idempotencyKey("k-1").build();
        RegistrationOutcome first = service.register(request);
        RegistrationOutcome again = service.register(request);
        assertThat(first).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
        assertThat(again).isInstanceOf(RegistrationOutcome.Repeated.class);
        assertThat(((RegistrationOutcome.Repeated) again)
                        .registration()
                        .attendee()
                        .normalizedEmail())
                .isEqualTo("per@example.no");
        assertThat(Fixtures.console(service).registrations(event.id())).hasSize(2);
    }
}
