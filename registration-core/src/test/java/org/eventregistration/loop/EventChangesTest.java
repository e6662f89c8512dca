package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * What reaches everyone at once: a moved event, a cancelled event, an organiser's message. Each
 * goes to exactly the people whose registrations it concerns, from the outbox, once.
 */
class EventChangesTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final Mailbox mail = new Mailbox();
    private final List<Seen> deliveries = new CopyOnWriteArrayList<>();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(mail)
            .listener(new RegistrationListener() {
                @Override
                public void onNotification(org.eventregistration.spi.Notification notification) {}

                @Override
                public void onDelivery(Delivery delivery) {
                    delivery.message(); // read during the call, as a mail sender does
                    deliveries.add(new Seen(delivery));
                }
            })
            .build();
    private final OrganiserConsole console = Fixtures.console(service);

    /** What a delivery answered while it was valid. */
    private record Seen(
            org.eventregistration.spi.Notification notification,
            Optional<OrganiserMessage> message,
            Optional<Event> event)
            implements Delivery {
        Seen(Delivery d) {
            this(d.notification(), d.message(), d.event());
        }

        @Override
        public Optional<org.eventregistration.registration.Registration> registration() {
            return Optional.empty();
        }

        @Override
        public java.util.OptionalInt waitingPosition() {
            return java.util.OptionalInt.empty();
        }

        @Override
        public Optional<Link> link() {
            return Optional.empty();
        }
    }

    private Event twoSeats() {
        Event event = Fixtures.event("changes", 2).build();
        console.saveEvent(event);
        return event;
    }

    private RegistrationOutcome register(Event event, String email) {
        return service.register(Fixtures.person(event, email).build());
    }

    @Test
    void movingTheEventTellsEveryoneStillInItOnceAndRaisesTheRevision() {
        Event event = twoSeats();
        register(event, "a@example.no"); // confirmed
        RegistrationOutcome b = register(event, "b@example.no"); // confirmed
        register(event, "c@example.no"); // waitlisted
        RegistrationOutcome d = register(event, "d@example.no"); // waitlisted, then cancelled
        service.cancel(Fixtures.token(d));
        service.deliverPendingNotifications();
        assertThat(service.findEvent(event.id()).orElseThrow().revision()).isZero();

        // Texts that no calendar carries: no message, no new revision.
        console.saveEvent(
                event.toBuilder().description(LocalizedText.of("Ny tekst")).build());
        service.deliverPendingNotifications();
        assertThat(service.findEvent(event.id()).orElseThrow().revision()).isZero();
        assertThat(mail.all()).extracting(Mailbox.Message::kind).doesNotContain(Kind.EVENT_CHANGED);

        // Moved by an hour and to another room: the people in it hear, from the outbox.
        Event moved = service.findEvent(event.id()).orElseThrow().toBuilder()
                .schedule(event.start().plusHours(1), event.end().plusHours(1))
                .venue(Venue.of("Sal B", "Storgata 1"))
                .build();
        console.saveEvent(moved);
        Event stored = service.findEvent(event.id()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(1);
        assertThat(stored.start()).isEqualTo(event.start().plusHours(1));
        assertThat(mail.kinds("a@example.no")).doesNotContain(Kind.EVENT_CHANGED); // not yet: in the outbox
        assertThat(service.deliverPendingNotifications()).isEqualTo(3);
        assertThat(mail.kinds("a@example.no")).containsExactly(Kind.CONFIRMED, Kind.EVENT_CHANGED);
        assertThat(mail.kinds("b@example.no")).containsExactly(Kind.CONFIRMED, Kind.EVENT_CHANGED);
        assertThat(mail.kinds("c@example.no")).containsExactly(Kind.WAITLISTED, Kind.EVENT_CHANGED);
        assertThat(mail.kinds("d@example.no")).containsExactly(Kind.WAITLISTED, Kind.CANCELLED);
        assertThat(mail.findLastLink("b@example.no", LinkPurpose.MANAGE)).isPresent();
        assertThat(deliveries.stream()
                        .filter(x -> x.notification().kind() == Kind.EVENT_CHANGED)
                        .map(x -> x.event().orElseThrow().revision()))
                .containsOnly(1);

        // A definition read before the move and saved again would move it back: that is a change too.
        console.saveEvent(event);
        assertThat(service.findEvent(event.id()).orElseThrow().revision()).isEqualTo(2);
        assertThat(service.deliverPendingNotifications()).isEqualTo(3);
        assertThat(console.auditLog(event.id()))
                .extracting(AuditEntry::action)
                .filteredOn(a -> a == AuditAction.EVENT_SAVED)
                .hasSize(4);
        assertThat(Fixtures.registration(b).status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void cancellingTheEventCancelsEveryRegistrationTellsEachOnceAndClosesRegistration() {
        Event event = twoSeats();
        register(event, "a@example.no");
        register(event, "b@example.no");
        register(event, "c@example.no"); // waitlisted
        RegistrationOutcome gone = register(event, "d@example.no");
        service.cancel(Fixtures.token(gone));
        service.deliverPendingNotifications();

        assertThat(console.cancelEvent(event.id(), "Foredragsholderne er syke")).isEqualTo(3);

        Event cancelled = service.findEvent(event.id()).orElseThrow();
        assertThat(cancelled.isCancelled()).isTrue();
        assertThat(cancelled.cancelledAt()).contains(clock.instant());
        assertThat(cancelled.revision()).isEqualTo(1);
        assertThat(cancelled.isRegistrationOpen(clock.instant())).isFalse();
        assertThat(store.findRegistrations(event.id()))
                .extracting(r -> r.status())
                .containsOnly(RegistrationStatus.CANCELLED);
        assertThat(store.findLedger(event.id()).orElseThrow().taken()).isEmpty();
        assertThat(store.findLedger(event.id()).orElseThrow().waitingCount()).isZero();
        assertThat(store.findRegistrations(event.id()).get(0).history())
                .last()
                .satisfies(h -> assertThat(h.reason()).isEqualTo("Foredragsholderne er syke"));

        assertThat(service.deliverPendingNotifications()).isEqualTo(3);
        assertThat(mail.kinds("a@example.no")).containsExactly(Kind.CONFIRMED, Kind.EVENT_CANCELLED);
        assertThat(mail.kinds("c@example.no")).containsExactly(Kind.WAITLISTED, Kind.EVENT_CANCELLED);
        assertThat(mail.kinds("d@example.no")).containsExactly(Kind.WAITLISTED, Kind.CANCELLED);
        assertThat(mail.findLastLink("a@example.no", LinkPurpose.MANAGE))
                .as("the manage link of the confirmation, none in the cancellation")
                .isPresent();
        assertThat(mail.to("a@example.no").get(1).link()).isEmpty();

        // Nobody registers any more; the second cancel changes nothing; the definition stays as it is.
        assertThat(register(event, "e@example.no"))
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Rejected.class,
                        r -> assertThat(r.reasons())
                                .extracting(x -> x.key())
                                .containsExactly("registration.eventCancelled"));
        assertThat(console.cancelEvent(event.id(), "")).isZero();
        assertThat(service.deliverPendingNotifications()).isZero();
        assertThatThrownBy(() -> console.saveEvent(event))
                .isInstanceOf(RegistrationRefusedException.class)
                .satisfies(e -> assertThat(
                                ((RegistrationRefusedException) e).reason().key())
                        .isEqualTo("error.eventCancelled"));
        assertThat(console.auditLog(event.id()))
                .extracting(AuditEntry::action)
                .containsOnlyOnce(AuditAction.EVENT_CANCELLED);
    }

    @Test
    void aCancelledDefinitionCannotBeSavedAndAFinishedEventCannotBeCancelled() {
        Event event = twoSeats();
        assertThatThrownBy(() -> console.saveEvent(
                        event.toBuilder().cancelledAt(clock.instant()).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cancelEvent");
        clock.set(event.end().toInstant());
        assertThatThrownBy(() -> console.cancelEvent(event.id(), ""))
                .isInstanceOf(RegistrationRefusedException.class)
                .satisfies(e -> assertThat(
                                ((RegistrationRefusedException) e).reason().key())
                        .isEqualTo("error.eventOver"));
        assertThat(service.findEvent(event.id()).orElseThrow().isCancelled()).isFalse();
    }

    @Test
    void aMessageReachesThePeopleOfTheChosenStatusesOnlyWithItsText() {
        Event event = Fixtures.event("message", 1)
                .addressConfirmation(AddressConfirmation.DEFAULT)
                .build();
        console.saveEvent(event);
        service.register(
                Fixtures.person(event, "seat@example.no").addressVerified(true).build());
        service.register(
                Fixtures.person(event, "wait@example.no").addressVerified(true).build());
        service.register(Fixtures.person(event, "unconfirmed@example.no").build());
        service.deliverPendingNotifications();

        OrganiserMessage sent = console.sendMessage(
                event.id(),
                EnumSet.of(RegistrationStatus.CONFIRMED),
                LocalizedText.of("Praktisk informasjon", "Praktisk informasjon", "Practical information"),
                LocalizedText.of("Ta med legitimasjon.\nVelkommen!"));

        assertThat(sent.recipients()).containsExactly(RegistrationStatus.CONFIRMED);
        assertThat(store.findMessage(sent.id())).contains(sent);
        assertThat(service.deliverPendingNotifications()).isEqualTo(1);
        assertThat(mail.kinds("seat@example.no")).containsExactly(Kind.CONFIRMED, Kind.MESSAGE);
        assertThat(mail.kinds("wait@example.no")).containsExactly(Kind.WAITLISTED);
        assertThat(mail.kinds("unconfirmed@example.no")).containsExactly(Kind.ADDRESS_CONFIRMATION);
        Seen seen = deliveries.stream()
                .filter(x -> x.notification().kind() == Kind.MESSAGE)
                .findFirst()
                .orElseThrow();
        assertThat(seen.notification().messageId()).contains(sent.id());
        assertThat(seen.message()).contains(sent);
        assertThat(mail.findLastLink("seat@example.no", LinkPurpose.MANAGE)).isPresent();
        assertThat(console.auditLog(event.id()))
                .extracting(AuditEntry::action)
                .containsOnlyOnce(AuditAction.MESSAGE_SENT);

        // Both statuses: the waiting person too; the others' messages stay their own.
        console.sendMessage(
                event.id(),
                Set.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
                LocalizedText.of("Endring"),
                LocalizedText.of("Tekst"));
        assertThat(service.deliverPendingNotifications()).isEqualTo(2);
        assertThat(mail.kinds("wait@example.no")).containsExactly(Kind.WAITLISTED, Kind.MESSAGE);
    }

    @Test
    void aMessageIsRefusedForStatusesThatAreOverAndTextsThatAreTooLongOrForgeHeaders() {
        Event event = twoSeats();
        LocalizedText body = LocalizedText.of("Tekst");
        assertThatThrownBy(() -> console.sendMessage(
                        event.id(), Set.of(RegistrationStatus.CANCELLED), LocalizedText.of("Emne"), body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CANCELLED");
        assertThatThrownBy(() -> console.sendMessage(event.id(), Set.of(), LocalizedText.of("Emne"), body))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> console.sendMessage(
                        event.id(),
                        Set.of(RegistrationStatus.CONFIRMED),
                        LocalizedText.of("Emne\r\nBcc: alle@example.no"),
                        body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break");
        assertThatThrownBy(() -> console.sendMessage(
                        event.id(),
                        Set.of(RegistrationStatus.CONFIRMED),
                        LocalizedText.of("x".repeat(OrganiserMessage.MAX_SUBJECT + 1)),
                        body))
                .isInstanceOf(IllegalArgumentException.class);
        List<AuditAction> actions = new ArrayList<>();
        console.auditLog(event.id()).forEach(e -> actions.add(e.action()));
        assertThat(actions).doesNotContain(AuditAction.MESSAGE_SENT);
    }

    @Test
    void messagesAreDeletedWithTheEventsPersonalData() {
        Event event = twoSeats();
        register(event, "a@example.no");
        OrganiserMessage sent = console.sendMessage(
                event.id(), Set.of(RegistrationStatus.CONFIRMED), LocalizedText.of("Emne"), LocalizedText.of("Tekst"));
        service.deliverPendingNotifications();
        clock.set(event.personalDataExpiresAt().minus(Duration.ofSeconds(1)));
        service.applyRetention();
        assertThat(store.findMessage(sent.id())).isPresent();
        clock.set(event.personalDataExpiresAt());
        service.applyRetention();
        assertThat(store.findMessage(sent.id())).isEmpty();
    }
}
