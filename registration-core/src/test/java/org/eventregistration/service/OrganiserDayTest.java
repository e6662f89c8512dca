package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.eventregistration.attendee.Sector;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The organiser's day: approval in registration order, adding a person by hand, check-in links. */
class OrganiserDayTest {
    private static final Actor OLA = Actor.organiser("ola");
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final List<Delivery.Link> checkInLinks = new ArrayList<>();
    private final List<Delivery.Link> manageLinks = new ArrayList<>();
    private final List<Notification.Kind> kinds = new ArrayList<>();
    private RegistrationService service;

    @BeforeEach
    void setUp() {
        RegistrationListener listener = new RegistrationListener() {
            @Override
            public void onNotification(Notification notification) {}

            @Override
            public void onDelivery(Delivery delivery) {
                kinds.add(delivery.notification().kind());
                delivery.link().ifPresent(manageLinks::add);
                delivery.checkInLink().ifPresent(checkInLinks::add);
            }
        };
        service = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(listener)
                .build();
    }

    private Event approvalEvent(String id, int seats) {
        Event event = Fixtures.event(id, seats)
                .eligibility(EligibilityRule.sectorIn(Sector.MUNICIPALITY), OutsideAudience.REQUIRE_APPROVAL)
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        Fixtures.console(service).saveEvent(event);
        return event;
    }

    @Test
    void anApprovalOnAFullEventTakesItsPlaceInTheWaitingListByRegistrationTime() {
        Event event = approvalEvent("approval-order", 1);
        // First to register, but from outside the audience: pending approval.
        RegistrationId first = Fixtures.registration(service.register(
                        Fixtures.person(event, "first@example.no").build()))
                .id();
        RegistrationId seat = Fixtures.registration(service.register(Fixtures.person(event, "seat@example.no")
                        .sector(Sector.MUNICIPALITY)
                        .build()))
                .id();
        RegistrationId later1 = Fixtures.registration(service.register(Fixtures.person(event, "later1@example.no")
                        .sector(Sector.MUNICIPALITY)
                        .build()))
                .id();
        RegistrationId later2 = Fixtures.registration(service.register(Fixtures.person(event, "later2@example.no")
                        .sector(Sector.MUNICIPALITY)
                        .build()))
                .id();
        OrganiserConsole console = Fixtures.console(service, OLA);

        Registration approved = console.approve(first);

        assertThat(approved.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(console.waitingList(event.id()))
                .extracting(Registration::id)
                .as("ahead of the people who registered later")
                .containsExactly(first, later1, later2);
        assertThat(console.waitingPosition(first)).hasValue(1);
        assertThat(console.waitingPosition(later1)).hasValue(2);
        assertThat(console.waitingPosition(later2)).hasValue(3);
        Invariants.check(store, event, "after approval");

        // The freed seat goes to the person who registered first.
        console.cancel(seat, "");
        assertThat(console.findRegistration(first).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(console.waitingPosition(later1)).hasValue(1);
        Invariants.check(store, event, "after promotion");
    }

    @Test
    void anOrganiserAddsAPersonByHandWithTheAddressVerifiedAndCapacityApplied() {
        Event event = Fixtures.event("by-hand", 1)
                .addressConfirmation(org.eventregistration.event.AddressConfirmation.DEFAULT)
                .eligibility(EligibilityRule.sectorIn(Sector.MUNICIPALITY), OutsideAudience.REQUIRE_APPROVAL)
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        Fixtures.console(service).saveEvent(event);
        OrganiserConsole console = Fixtures.console(service, OLA);

        // A state leader (outside the audience) by telephone: the organiser's decision, no approval step.
        RegistrationOutcome added = console.addParticipant(
                Fixtures.person(event, "phone@example.no").build());
        assertThat(added).isInstanceOf(RegistrationOutcome.Confirmed.class);
        Registration r = Fixtures.registration(added);
        assertThat(r.addressConfirmed()).isTrue();
        assertThat(r.history().get(0).actor()).isEqualTo(OLA);
        assertThat(r.history().get(0).reason()).isEqualTo("history.addedByOrganiser");
        assertThat(kinds).containsExactly(Notification.Kind.CONFIRMED);
        assertThat(manageLinks)
                .singleElement()
                .extracting(Delivery.Link::purpose)
                .isEqualTo(LinkPurpose.MANAGE);
        assertThat(console.auditLog(event.id()))
                .filteredOn(e -> e.action() == AuditAction.ADDED_BY_ORGANISER)
                .extracting(AuditEntry::registrationId)
                .containsExactly(java.util.Optional.of(r.id()));

        // Full: the waiting list.
        RegistrationOutcome second = console.addParticipant(
                Fixtures.person(event, "second@example.no").build());
        assertThat(second)
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Waitlisted.class,
                        w -> assertThat(w.position()).isEqualTo(1));
        // Already there: said so.
        assertThat(console.addParticipant(
                        Fixtures.person(event, "PHONE@example.no").build()))
                .isInstanceOf(RegistrationOutcome.AlreadyRegistered.class);
        // Invalid details: the violations, nothing stored.
        assertThat(console.addParticipant(
                        Fixtures.person(event, "not-an-address").build()))
                .isInstanceOf(RegistrationOutcome.Invalid.class);
        assertThat(console.registrations(event.id())).hasSize(2);
        Invariants.check(store, event, "after additions");

        // Another organiser's console cannot add to this event.
        assertThatThrownBy(() -> service.console(OrganiserId.of("other"), "x")
                        .addParticipant(Fixtures.person(event, "x@example.no").build()))
                .isInstanceOf(org.eventregistration.event.EventNotFoundException.class);
    }

    @Test
    void theConfirmationCarriesACheckInLinkOfItsOwnThatOnlyTheOrganisersConsoleFollows() {
        Event event = Fixtures.event("check-in-link", 5).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome outcome =
                service.register(Fixtures.person(event, "kari@example.no").build());
        Registration r = Fixtures.registration(outcome);

        assertThat(checkInLinks).hasSize(1);
        Delivery.Link checkIn = checkInLinks.get(0);
        Delivery.Link manage = manageLinks.get(0);
        assertThat(checkIn.purpose()).isEqualTo(LinkPurpose.CHECK_IN);
        assertThat(checkIn.token().value())
                .isNotEqualTo(manage.token().value())
                .isNotEqualTo(Fixtures.token(outcome).value())
                .hasSize(43); // 256 random bits
        assertThat(checkIn.expiresAt()).isEqualTo(event.end().toInstant());
        assertThat(store.findLinkToken(checkIn.token().hash()))
                .as("stored hashed")
                .hasValueSatisfying(t -> assertThat(t.purpose()).isEqualTo(LinkPurpose.CHECK_IN));
        assertThat(store.findLinkToken(checkIn.token().value())).isEmpty();

        OrganiserConsole console = Fixtures.console(service, OLA);
        assertThat(console.findByCheckInLink(checkIn.token()))
                .map(Registration::id)
                .hasValue(r.id());
        // A manage link is no check-in link, and a check-in link manages nothing.
        assertThat(console.findByCheckInLink(manage.token())).isEmpty();
        assertThat(console.findByCheckInLink(Fixtures.token(outcome))).isEmpty();
        assertThat(service.findByManageToken(checkIn.token())).isEmpty();
        assertThatThrownBy(() -> service.cancel(checkIn.token())).isInstanceOf(RegistrationNotFoundException.class);
        // Another organiser's staff cannot follow it.
        assertThat(service.console(OrganiserId.of("other"), "x").findByCheckInLink(checkIn.token()))
                .isEmpty();

        assertThat(console.checkIn(r.id()).status()).isEqualTo(RegistrationStatus.CHECKED_IN);

        // Once the event is over the link no longer works.
        clock.set(event.end().toInstant());
        assertThat(console.findByCheckInLink(checkIn.token())).isEmpty();
    }

    @Test
    void aWaitingPersonsMessageCarriesNoCheckInLink() {
        Event event = Fixtures.event("no-seat", 1)
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        Fixtures.console(service).saveEvent(event);
        service.register(Fixtures.person(event, "a@example.no").build());
        checkInLinks.clear();
        service.register(Fixtures.person(event, "b@example.no").build());
        assertThat(kinds).containsExactly(Notification.Kind.CONFIRMED, Notification.Kind.WAITLISTED);
        assertThat(checkInLinks).isEmpty();
    }
}
