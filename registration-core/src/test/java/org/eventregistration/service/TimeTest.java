package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Everything that depends on time, with a clock the test moves. */
class TimeTest {
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private RegistrationService service;

    @BeforeEach
    void setUp() {
        service = RegistrationService.builder().store(store).clock(clock).build();
    }

    @Test
    void registrationWindowIsHalfOpenAndExplainsItselfInThreeLanguages() {
        Instant opens = Fixtures.T0.plus(Duration.ofDays(1));
        Instant closes = Fixtures.T0.plus(Duration.ofDays(10));
        Event event =
                Fixtures.event("window", 10).registrationWindow(opens, closes).build();
        Fixtures.console(service).saveEvent(event);

        RegistrationOutcome early =
                service.register(Fixtures.person(event, "early@example.no").build());
        Reason notOpen = single(early);
        assertThat(notOpen.key()).isEqualTo("registration.notOpen");
        assertThat(notOpen.message(Languages.ENGLISH))
                .startsWith("Registration opens ")
                .contains("2030");
        assertThat(notOpen.message(Languages.BOKMAL))
                .startsWith("Påmeldingen åpner ")
                .contains("2030");
        assertThat(notOpen.message(Languages.NYNORSK))
                .startsWith("Påmeldinga opnar ")
                .contains("2030");

        clock.set(opens.minusNanos(1));
        assertThat(service.register(Fixtures.person(event, "early@example.no").build()))
                .isInstanceOf(RegistrationOutcome.Rejected.class);
        clock.set(opens);
        assertThat(service.register(Fixtures.person(event, "first@example.no").build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        clock.set(closes.minusNanos(1));
        assertThat(service.register(Fixtures.person(event, "last@example.no").build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);

        clock.set(closes);
        Reason closed = single(
                service.register(Fixtures.person(event, "late@example.no").build()));
        assertThat(closed.key()).isEqualTo("registration.closed");
        assertThat(closed.message(Languages.ENGLISH)).startsWith("Registration closed ");
        assertThat(closed.message(Languages.BOKMAL)).startsWith("Påmeldingen stengte ");
        assertThat(closed.message(Languages.NYNORSK)).startsWith("Påmeldinga stengde ");
        assertThat(Fixtures.console(service).registrations(event.id())).hasSize(2);
        assertThat(event.isRegistrationOpen(opens)).isTrue();
        assertThat(event.isRegistrationOpen(closes)).isFalse();
    }

    @Test
    void anOfferExpiresAndGoesToTheNextInLineAndIsNeverMadeTwiceForOneSeat() {
        Event event = Fixtures.event("offers", 1)
                .waitlist(WaitlistPolicy.offers(Duration.ofHours(24)))
                .build();
        Fixtures.console(service).saveEvent(event);
        ManageToken a = Fixtures.token(
                service.register(Fixtures.person(event, "a@example.no").build()));
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        RegistrationOutcome c =
                service.register(Fixtures.person(event, "c@example.no").build());
        RegistrationOutcome d =
                service.register(Fixtures.person(event, "d@example.no").build());
        assertThat(b).isInstanceOf(RegistrationOutcome.Waitlisted.class);

        clock.advance(Duration.ofMinutes(5));
        service.cancel(a);
        Registration offeredB = status(b);
        assertThat(offeredB.status()).isEqualTo(RegistrationStatus.OFFERED);
        assertThat(offeredB.offerExpiresAt()).hasValue(clock.instant().plus(Duration.ofHours(24)));
        assertThat(status(c).status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(Fixtures.console(service)
                        .waitingPosition(Fixtures.registration(c).id()))
                .hasValue(1);

        // The held seat is not offered again, however often the waiting list is filled.
        clock.advance(Duration.ofHours(23));
        assertThat(service.expireOffers()).isZero();
        assertThat(Fixtures.console(service).fillFromWaitingList(event.id())).isEmpty();
        assertThat(Fixtures.console(service).registrations(event.id(), RegistrationStatus.OFFERED))
                .hasSize(1);

        clock.advance(Duration.ofHours(1)); // exactly at expiry: expired
        assertThat(service.expireOffers()).isEqualTo(1);
        assertThat(status(b).status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertThat(status(b).holds()).isEmpty();
        assertThat(status(c).status()).isEqualTo(RegistrationStatus.OFFERED);
        assertThat(status(d).status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(service.expireOffers()).isZero();
        assertThatThrownBy(() -> service.acceptOffer(Fixtures.token(b)))
                .isInstanceOf(RegistrationNotFoundException.class); // ended: token invalid

        // Accepting after expiry, before anyone ran expireOffers: refused, expired, and passed on.
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThatThrownBy(() -> service.acceptOffer(Fixtures.token(c)))
                .isInstanceOf(RegistrationRefusedException.class)
                .satisfies(e -> assertThat(
                                ((RegistrationRefusedException) e).reason().key())
                        .isEqualTo("error.offerExpired"));
        assertThat(status(c).status()).isEqualTo(RegistrationStatus.EXPIRED);
        assertThat(status(d).status()).isEqualTo(RegistrationStatus.OFFERED);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);

        Registration accepted = service.acceptOffer(Fixtures.token(d));
        assertThat(accepted.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(accepted.offerExpiresAt()).isEmpty();
        assertThat(accepted.history())
                .extracting(h -> h.status())
                .containsExactly(
                        RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED, RegistrationStatus.CONFIRMED);
        Invariants.check(store, event, "offers");
    }

    @Test
    void declininganOfferGivesTheSeatToTheNext() {
        Event event = Fixtures.event("decline-offer", 1)
                .waitlist(WaitlistPolicy.offers(Duration.ofHours(2)))
                .build();
        Fixtures.console(service).saveEvent(event);
        ManageToken a = Fixtures.token(
                service.register(Fixtures.person(event, "a@example.no").build()));
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        RegistrationOutcome c =
                service.register(Fixtures.person(event, "c@example.no").build());
        service.cancel(a);
        assertThatThrownBy(() -> service.declineOffer(Fixtures.token(c)))
                .isInstanceOf(IllegalTransitionException.class);

        Registration declined = service.declineOffer(Fixtures.token(b));
        assertThat(declined.status()).isEqualTo(RegistrationStatus.DECLINED);
        assertThat(declined.holds()).isEmpty();
        assertThat(status(c).status()).isEqualTo(RegistrationStatus.OFFERED);
        assertThatThrownBy(() -> service.declineOffer(Fixtures.token(b)))
                .isInstanceOf(RegistrationNotFoundException.class); // ended: token invalid
        Invariants.check(store, event, "decline offer");
    }

    @Test
    void reservedSeatsAreHeldForTheAudienceUntilTheDateThenReleased() {
        Instant until = Fixtures.T0.plus(Duration.ofDays(7));
        LocalizedText municipalities = LocalizedText.of("kommuner", "kommunar", "municipalities");
        Event event = Fixtures.event("reserved", 3)
                .capacity(CapacityPolicy.seats(3)
                        .withReserved(
                                "kommuner", 2, EligibilityRule.sectorIn(Sector.MUNICIPALITY), until, municipalities))
                .build();
        Fixtures.console(service).saveEvent(event);

        assertThat(service.register(Fixtures.person(event, "stat1@example.no").build()))
                .isInstanceOf(RegistrationOutcome.Confirmed.class);
        RegistrationOutcome second =
                service.register(Fixtures.person(event, "stat2@example.no").build());
        assertThat(second).isInstanceOf(RegistrationOutcome.Waitlisted.class);
        Reason reserved = ((RegistrationOutcome.Waitlisted) second).reasons().get(0);
        assertThat(reserved.key()).isEqualTo("capacity.reserved");
        assertThat(reserved.message(Languages.ENGLISH)).contains("municipalities");
        assertThat(reserved.message(Languages.BOKMAL)).contains("kommuner");
        assertThat(reserved.message(Languages.NYNORSK)).contains("kommunar");

        RegistrationOutcome municipality = service.register(Fixtures.person(event, "kommune@example.no")
                .sector(Sector.MUNICIPALITY)
                .build());
        assertThat(municipality).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.registration(municipality).holds()).contains(CounterKey.reserved("kommuner"));

        // Before the date nothing moves, even when asked.
        clock.set(until.minusSeconds(1));
        assertThat(Fixtures.console(service).fillFromWaitingList(event.id())).isEmpty();
        clock.set(until);
        List<Registration> filled = Fixtures.console(service).fillFromWaitingList(event.id());
        assertThat(filled)
                .extracting(Registration::id)
                .containsExactly(Fixtures.registration(second).id());
        assertThat(status(second).status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(Fixtures.console(service).statistics(event.id()).seatsTaken())
                .isEqualTo(3);
        Invariants.check(store, event, "reserved");
    }

    @Test
    void peopleCancelOnlyBeforeTheDeadlineOrganisersAlways() {
        Instant deadline = Fixtures.T0.plus(Duration.ofDays(5));
        Event event =
                Fixtures.event("deadline", 10).cancellationDeadline(deadline).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());

        clock.set(deadline.minusSeconds(1));
        assertThat(service.cancel(Fixtures.token(a)).status()).isEqualTo(RegistrationStatus.CANCELLED);
        clock.set(deadline);
        assertThatThrownBy(() -> service.cancel(Fixtures.token(b)))
                .isInstanceOf(RegistrationRefusedException.class)
                .satisfies(e -> {
                    Reason r = ((RegistrationRefusedException) e).reason();
                    assertThat(r.key()).isEqualTo("error.cancellationDeadline");
                    assertThat(r.message(Languages.ENGLISH)).startsWith("The deadline for cancelling was ");
                    assertThat(r.message(Languages.NYNORSK)).startsWith("Fristen for å melde seg av var ");
                });
        assertThat(status(b).status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(Fixtures.console(service, Actor.organiser("ola"))
                        .cancel(Fixtures.registration(b).id(), "")
                        .status())
                .isEqualTo(RegistrationStatus.CANCELLED);
    }

    private Registration status(RegistrationOutcome outcome) {
        return Fixtures.console(service)
                .findRegistration(Fixtures.registration(outcome).id())
                .orElseThrow();
    }

    private static Reason single(RegistrationOutcome outcome) {
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Rejected.class);
        List<Reason> reasons = ((RegistrationOutcome.Rejected) outcome).reasons();
        assertThat(reasons).hasSize(1);
        return reasons.get(0);
    }
}
