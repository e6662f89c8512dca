package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.CALLS_REAL_METHODS;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.UndeliverableException;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** Listeners hear about committed changes, exactly once each, and failures are redelivered. */
class ListenerTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final RegistrationListener listener = mock(RegistrationListener.class, CALLS_REAL_METHODS);
    private final List<String> seenCommitted = new ArrayList<>();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(listener)
            .build();

    @Test
    void toldAfterCommitWithExactlyTheExpectedKinds() {
        Event event = Fixtures.event("listen", 1)
                .waitlist(WaitlistPolicy.offers(Duration.ofHours(1)))
                .eligibility(EligibilityRule.sectorIn(Sector.STATE), OutsideAudience.REQUIRE_APPROVAL)
                .build();
        Fixtures.console(service).saveEvent(event);
        // When told, the change is already visible to anyone reading the store.
        doAnswer(inv -> {
                    Notification n = inv.getArgument(0);
                    var r = store.findRegistration(n.registrationId());
                    assertThat(r).as("committed before %s", n.kind()).isPresent();
                    seenCommitted.add(n.kind() + ":" + r.get().status());
                    return null;
                })
                .when(listener)
                .onNotification(any());

        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        RegistrationOutcome c =
                service.register(Fixtures.person(event, "c@example.no").build());
        RegistrationOutcome p = service.register(
                Fixtures.person(event, "p@firma.no").sector(Sector.PRIVATE).build());
        service.cancel(Fixtures.token(a)); // a cancelled, b offered
        clock.advance(Duration.ofHours(1));
        service.expireOffers(); // b expired, c offered
        service.declineOffer(Fixtures.token(c)); // c declined
        Fixtures.console(service, Actor.organiser("ola"))
                .decline(Fixtures.registration(p).id(), "");

        assertThat(seenCommitted)
                .containsExactly(
                        "CONFIRMED:CONFIRMED",
                        "WAITLISTED:WAITLISTED",
                        "WAITLISTED:WAITLISTED",
                        "PENDING_APPROVAL:PENDING_APPROVAL",
                        "CANCELLED:CANCELLED",
                        "OFFERED:OFFERED",
                        "OFFER_EXPIRED:EXPIRED",
                        "OFFERED:OFFERED",
                        "DECLINED:DECLINED",
                        "DECLINED:DECLINED");
        ArgumentCaptor<Notification> all = ArgumentCaptor.forClass(Notification.class);
        verify(listener, times(10)).onNotification(all.capture());
        List<Notification> n = all.getAllValues();
        assertThat(n)
                .extracting(Notification::registrationId)
                .containsExactly(id(a), id(b), id(c), id(p), id(a), id(b), id(b), id(c), id(c), id(p));
        assertThat(n).extracting(Notification::id).doesNotHaveDuplicates();
        assertThat(n.get(5).occurredAt()).isEqualTo(Fixtures.T0);
        assertThat(n.get(6).occurredAt()).isEqualTo(Fixtures.T0.plus(Duration.ofHours(1)));
        assertThat(store.pendingNotifications(100)).isEmpty();
    }

    @Test
    void promotionCheckInAndNoShowAreTold() {
        Event event = Fixtures.event("listen-door", 2).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        RegistrationOutcome c =
                service.register(Fixtures.person(event, "c@example.no").build());
        Fixtures.console(service, Actor.organiser("ola")).cancel(id(a), "");
        clock.set(Fixtures.DAY.toInstant().plusSeconds(60));
        Fixtures.console(service, Actor.organiser("ola")).checkIn(id(b));
        Fixtures.console(service, Actor.organiser("ola")).markNoShows(event.id());

        ArgumentCaptor<Notification> all = ArgumentCaptor.forClass(Notification.class);
        verify(listener, times(7)).onNotification(all.capture());
        assertThat(all.getAllValues())
                .extracting(Notification::kind, Notification::registrationId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.CONFIRMED, id(a)),
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.CONFIRMED, id(b)),
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.WAITLISTED, id(c)),
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.CANCELLED, id(a)),
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.PROMOTED, id(c)),
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.CHECKED_IN, id(b)),
                        org.assertj.core.groups.Tuple.tuple(Notification.Kind.NO_SHOW, id(c)));
    }

    @Test
    void refusalsAndInvalidRequestsTellNobody() {
        Event event =
                Fixtures.event("listen-none", 1).waitlist(WaitlistPolicy.none()).build();
        Fixtures.console(service).saveEvent(event);
        service.register(Fixtures.person(event, "bad").build());
        assertThat(store.pendingNotifications(10)).isEmpty();
        verifyNoInteractions(listener);
        service.register(Fixtures.person(event, "a@example.no").build());
        service.register(Fixtures.person(event, "b@example.no").build()); // full, no list: rejected
        service.register(Fixtures.person(event, "A@example.no").build()); // already registered
        // Only the owner of the registered address hears of the second try: their link, by e-mail.
        ArgumentCaptor<Notification> told = ArgumentCaptor.forClass(Notification.class);
        verify(listener, times(2)).onNotification(told.capture());
        assertThat(told.getAllValues())
                .extracting(Notification::kind)
                .containsExactly(Notification.Kind.CONFIRMED, Notification.Kind.ALREADY_REGISTERED);
    }

    @Test
    void aFailingListenerLeavesTheNotificationPendingForRedeliveryWithTheSameId() {
        Event event = Fixtures.event("listen-fail", 5).build();
        Fixtures.console(service).saveEvent(event);
        doThrow(new IllegalStateException("smtp down"))
                .doNothing()
                .when(listener)
                .onNotification(any());

        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        assertThat(a)
                .as("the registration stands although the listener failed")
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.console(service)
                        .findRegistration(id(a))
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
        List<Notification> pending = store.pendingNotifications(10);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).kind()).isEqualTo(Notification.Kind.CONFIRMED);

        // Not again at once: the next attempt waits a minute after the first failure.
        assertThat(service.deliverPendingNotifications()).isZero();
        verify(listener, times(1)).onNotification(any());
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.deliverPendingNotifications()).isEqualTo(1);
        ArgumentCaptor<Notification> calls = ArgumentCaptor.forClass(Notification.class);
        verify(listener, times(2)).onNotification(calls.capture());
        assertThat(calls.getAllValues().get(1)).isEqualTo(calls.getAllValues().get(0));
        assertThat(calls.getAllValues().get(1).id()).isEqualTo(pending.get(0).id());
        assertThat(store.pendingNotifications(10)).isEmpty();
        assertThat(service.deliverPendingNotifications()).isZero();
        verify(listener, times(2)).onNotification(any());
    }

    @Test
    void oneFailingListenerDoesNotStopTheOthers() {
        RegistrationListener broken = mock(RegistrationListener.class, CALLS_REAL_METHODS);
        RegistrationListener good = mock(RegistrationListener.class, CALLS_REAL_METHODS);
        doThrow(new IllegalStateException("down")).when(broken).onNotification(any());
        RegistrationService two = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(broken)
                .listener(good)
                .build();
        Event event = Fixtures.event("listen-two", 5).build();
        Fixtures.console(two).saveEvent(event);
        two.register(Fixtures.person(event, "a@example.no").build());
        verify(good, times(1)).onNotification(any());
        assertThat(store.pendingNotifications(10)).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(two.deliverPendingNotifications()).isZero();
        verify(good, times(2)).onNotification(any()); // at least once: the good one sees it again
        verify(listener, never()).onNotification(any());
    }

    @Test
    void aNotificationThatKeepsFailingWaitsLongerEachTimeAndIsThenSetAsideForTheOrganiser() {
        RegistrationListener down = mock(RegistrationListener.class, CALLS_REAL_METHODS);
        doThrow(new IllegalStateException("smtp down")).when(down).onNotification(any());
        RegistrationService service3 = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(down)
                .deliveryRetry(new DeliveryRetry(3, Duration.ofMinutes(1), Duration.ofMinutes(10)))
                .build();
        Event event = Fixtures.event("listen-down", 5).build();
        Fixtures.console(service3).saveEvent(event);
        service3.register(Fixtures.person(event, "a@example.no").build()); // attempt 1 fails
        Notification n = store.pendingNotifications(10).get(0);

        clock.advance(Duration.ofSeconds(59));
        assertThat(service3.deliverPendingNotifications()).isZero();
        verify(down, times(1)).onNotification(any());
        clock.advance(Duration.ofSeconds(1));
        service3.deliverPendingNotifications(); // attempt 2 fails: the next waits 2 minutes
        verify(down, times(2)).onNotification(any());
        clock.advance(Duration.ofSeconds(119));
        service3.deliverPendingNotifications();
        verify(down, times(2)).onNotification(any());
        assertThat(Fixtures.console(service3).undeliverable(event.id())).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        service3.deliverPendingNotifications(); // attempt 3 fails: set aside, never dropped
        verify(down, times(3)).onNotification(any());

        assertThat(store.pendingNotifications(10)).isEmpty();
        assertThat(Fixtures.console(service3).undeliverable(event.id())).containsExactly(n);
        clock.advance(Duration.ofDays(1));
        assertThat(service3.deliverPendingNotifications()).isZero();
        verify(down, times(3)).onNotification(any());
    }

    @Test
    void aListenerThatCanNeverDeliverSetsTheNotificationAsideAtOnce() {
        Event event = Fixtures.event("listen-never", 5).build();
        Fixtures.console(service).saveEvent(event);
        doThrow(new UndeliverableException("550 no such mailbox", null))
                .when(listener)
                .onNotification(any());
        service.register(Fixtures.person(event, "a@example.no").build());

        assertThat(store.pendingNotifications(10)).isEmpty();
        assertThat(Fixtures.console(service).undeliverable(event.id()))
                .extracting(Notification::kind)
                .containsExactly(Notification.Kind.CONFIRMED);
        clock.advance(Duration.ofDays(1));
        assertThat(service.deliverPendingNotifications()).isZero();
        verify(listener, times(1)).onNotification(any());
    }

    @Test
    void aBouncedMessageIsSetAsideAtOnce() {
        Event event = Fixtures.event("listen-bounce", 5).build();
        Fixtures.console(service).saveEvent(event);
        doThrow(new IllegalStateException("smtp down")).when(listener).onNotification(any());
        service.register(Fixtures.person(event, "a@example.no").build());
        Notification n = store.pendingNotifications(10).get(0);

        service.reportBounce(n.id());
        service.reportBounce("no-such-notification");
        assertThat(store.pendingNotifications(10)).isEmpty();
        assertThat(Fixtures.console(service).undeliverable(event.id())).containsExactly(n);
    }

    private static RegistrationId id(RegistrationOutcome o) {
        return Fixtures.registration(o).id();
    }
}
