package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.GroupRegistrationRequest;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle of a registration, group registration and idempotency. */
class LifecycleTest {
    private static final Actor OLA = Actor.organiser("ola.nordmann@asker.kommune.no");
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private RegistrationService service;

    @BeforeEach
    void setUp() {
        service = RegistrationService.builder().store(store).clock(clock).build();
    }

    @Test
    void theTransitionTableIsTheDocumentedOne() {
        Map<RegistrationStatus, Set<RegistrationStatus>> allowed = Map.of(
                RegistrationStatus.PENDING_APPROVAL,
                        EnumSet.of(
                                RegistrationStatus.CONFIRMED,
                                RegistrationStatus.WAITLISTED,
                                RegistrationStatus.DECLINED,
                                RegistrationStatus.CANCELLED,
                                RegistrationStatus.EXPIRED),
                RegistrationStatus.WAITLISTED,
                        EnumSet.of(
                                RegistrationStatus.CONFIRMED,
                                RegistrationStatus.OFFERED,
                                RegistrationStatus.CANCELLED,
                                RegistrationStatus.EXPIRED),
                RegistrationStatus.OFFERED,
                        EnumSet.of(
                                RegistrationStatus.CONFIRMED,
                                RegistrationStatus.DECLINED,
                                RegistrationStatus.EXPIRED,
                                RegistrationStatus.CANCELLED),
                RegistrationStatus.CONFIRMED,
                        EnumSet.of(
                                RegistrationStatus.CHECKED_IN,
                                RegistrationStatus.NO_SHOW,
                                RegistrationStatus.CANCELLED,
                                RegistrationStatus.EXPIRED),
                RegistrationStatus.NO_SHOW, EnumSet.of(RegistrationStatus.CHECKED_IN),
                RegistrationStatus.CHECKED_IN, EnumSet.of(RegistrationStatus.CONFIRMED));
        for (RegistrationStatus from : RegistrationStatus.values()) {
            for (RegistrationStatus to : RegistrationStatus.values()) {
                assertThat(from.canMoveTo(to))
                        .as("%s -> %s", from, to)
                        .isEqualTo(allowed.getOrDefault(from, Set.of()).contains(to));
            }
            assertThat(from.isFinal()).as("%s final", from).isEqualTo(!allowed.containsKey(from));
            assertThat(from.message(Languages.NYNORSK)).isNotBlank();
        }
    }

    @Test
    void aCheckInMadeByMistakeIsUndoneKeepingTheSeatAndAudited() {
        Event event = Fixtures.event("undo-checkin", 2).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationId id = Fixtures.registration(a).id();
        var console = Fixtures.console(service, OLA);
        assertThatThrownBy(() -> console.undoCheckIn(id)).isInstanceOf(IllegalTransitionException.class);

        console.checkIn(id);
        Registration undone = console.undoCheckIn(id);

        assertThat(undone.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(undone.holds()).isEqualTo(Fixtures.registration(a).holds());
        assertThat(undone.history().get(undone.history().size() - 1).reason()).isEqualTo("history.checkInUndone");
        assertThat(console.statistics(event.id()).seatsTaken()).isEqualTo(1);
        assertThat(console.auditLog(event.id()))
                .extracting(org.eventregistration.audit.AuditEntry::action)
                .containsSubsequence(
                        org.eventregistration.audit.AuditAction.CHECKED_IN,
                        org.eventregistration.audit.AuditAction.CHECK_IN_UNDONE);
        assertThat(console.checkIn(id).status())
                .as("and can be checked in again")
                .isEqualTo(RegistrationStatus.CHECKED_IN);
    }

    @Test
    void checkInOpensOnlyTheConfiguredTimeBeforeTheStart() {
        org.eventregistration.testsupport.MutableClock clock =
                org.eventregistration.testsupport.MutableClock.at(Fixtures.T0);
        RegistrationService windowed = RegistrationService.builder()
                .clock(clock)
                .checkInOpensBefore(java.time.Duration.ofDays(1))
                .build();
        Event event = Fixtures.event("checkin-window", 2).build();
        Fixtures.console(windowed).saveEvent(event);
        RegistrationId id = Fixtures.registration(
                        windowed.register(Fixtures.person(event, "a@example.no").build()))
                .id();
        var console = Fixtures.console(windowed, OLA);

        clock.set(event.start().toInstant().minus(java.time.Duration.ofDays(12)));
        assertThatThrownBy(() -> console.checkIn(id))
                .isInstanceOfSatisfying(
                        RegistrationRefusedException.class,
                        e -> assertThat(e.reason().key()).isEqualTo("error.checkInNotOpen"));
        assertThat(console.findRegistration(id).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);

        clock.set(event.start().toInstant().minus(java.time.Duration.ofDays(1)));
        assertThat(console.checkIn(id).status()).isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThatThrownBy(() -> RegistrationService.builder().checkInOpensBefore(java.time.Duration.ofHours(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void illegalMovesAreRefusedWithAClearErrorAndChangeNothing() {
        Event event = Fixtures.event("illegal", 1).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        RegistrationId aId = Fixtures.registration(a).id();
        RegistrationId bId = Fixtures.registration(b).id();
        Ledger before = store.findLedger(event.id()).orElseThrow();

        assertThatThrownBy(() -> Fixtures.console(service, OLA).checkIn(bId))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.from()).isEqualTo(RegistrationStatus.WAITLISTED);
                    assertThat(e.to()).isEqualTo(RegistrationStatus.CHECKED_IN);
                    assertThat(e.getMessage()).contains(bId.toString(), "WAITLISTED", "CHECKED_IN");
                    assertThat(e.localizedMessage(Languages.ENGLISH))
                            .isEqualTo("A registration that is on the waiting list cannot become checked in.");
                    assertThat(e.localizedMessage(Languages.BOKMAL))
                            .isNotEqualTo(e.localizedMessage(Languages.NYNORSK));
                });
        assertThatThrownBy(() -> Fixtures.console(service, OLA).approve(aId))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> Fixtures.console(service, OLA).promote(aId))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> Fixtures.console(service, OLA).decline(aId, ""))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> Fixtures.console(service, OLA).decline(bId, ""))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.acceptOffer(Fixtures.token(b))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.acceptOffer(Fixtures.token(a))).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> service.declineOffer(Fixtures.token(a)))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(store.findLedger(event.id()).orElseThrow()).isEqualTo(before);
        assertThat(Fixtures.console(service).findRegistration(bId).orElseThrow().status())
                .isEqualTo(RegistrationStatus.WAITLISTED);

        service.cancel(Fixtures.token(a));
        // An ended registration's token no longer works.
        assertThatThrownBy(() -> service.cancel(Fixtures.token(a))).isInstanceOf(RegistrationNotFoundException.class);
        assertThatThrownBy(() -> Fixtures.console(service, OLA).checkIn(aId))
                .isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> Fixtures.console(service, OLA).cancel(aId, ""))
                .isInstanceOf(IllegalTransitionException.class);
        Invariants.check(store, event, "illegal");
    }

    @Test
    void historyKeepsWhoWhenAndWhy() {
        Event event = Fixtures.event("history", 1).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome a =
                service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        clock.advance(Duration.ofHours(2));
        Fixtures.console(service, OLA).cancel(Fixtures.registration(a).id(), "  Sykdom i familien  ");

        List<StatusChange> ha = Fixtures.console(service)
                .findRegistration(Fixtures.registration(a).id())
                .orElseThrow()
                .history();
        assertThat(ha)
                .containsExactly(
                        new StatusChange(
                                RegistrationStatus.CONFIRMED, Fixtures.T0, Actor.attendee(), "history.registered"),
                        new StatusChange(
                                RegistrationStatus.CANCELLED,
                                Fixtures.T0.plus(Duration.ofHours(2)),
                                OLA,
                                "Sykdom i familien"));
        List<StatusChange> hb = Fixtures.console(service)
                .findRegistration(Fixtures.registration(b).id())
                .orElseThrow()
                .history();
        assertThat(hb)
                .containsExactly(
                        new StatusChange(
                                RegistrationStatus.WAITLISTED, Fixtures.T0, Actor.attendee(), "history.waitlisted"),
                        new StatusChange(
                                RegistrationStatus.CONFIRMED,
                                Fixtures.T0.plus(Duration.ofHours(2)),
                                Actor.system(),
                                "history.promoted"));
    }

    @Test
    void organisersApproveToASeatOrTheWaitingListAndDecline() {
        Event event = Fixtures.event("approval", 1)
                .eligibility(
                        EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY), OutsideAudience.REQUIRE_APPROVAL)
                .build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome p1 = service.register(
                Fixtures.person(event, "p1@firma.no").sector(Sector.PRIVATE).build());
        RegistrationOutcome p2 = service.register(
                Fixtures.person(event, "p2@firma.no").sector(Sector.PRIVATE).build());
        RegistrationOutcome p3 = service.register(
                Fixtures.person(event, "p3@firma.no").sector(Sector.PRIVATE).build());
        assertThat(List.of(p1, p2, p3))
                .allSatisfy(o -> assertThat(o).isInstanceOf(RegistrationOutcome.PendingApproval.class));
        assertThat(((RegistrationOutcome.PendingApproval) p1).reasons())
                .extracting(r -> r.key())
                .containsExactly("eligibility.sector.notIn", "eligibility.approvalRequired");
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .as("pending holds no seat")
                .isZero();

        Registration approved =
                Fixtures.console(service, OLA).approve(Fixtures.registration(p1).id());
        assertThat(approved.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(approved.history().get(1))
                .isEqualTo(new StatusChange(RegistrationStatus.CONFIRMED, Fixtures.T0, OLA, "history.approved"));
        Registration waiting =
                Fixtures.console(service, OLA).approve(Fixtures.registration(p2).id());
        assertThat(waiting.status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(Fixtures.console(service).waitingPosition(waiting.id())).hasValue(1);
        Registration declined =
                Fixtures.console(service, OLA).decline(Fixtures.registration(p3).id(), "");
        assertThat(declined.status()).isEqualTo(RegistrationStatus.DECLINED);
        assertThat(declined.history().get(1).reason()).isEqualTo("history.declined");
        Invariants.check(store, event, "approval");

        // Without a waiting list, approving into a full event is refused.
        Event closed = Fixtures.event("approval-no-list", 1)
                .waitlist(WaitlistPolicy.none())
                .eligibility(EligibilityRule.sectorIn(Sector.STATE), OutsideAudience.REQUIRE_APPROVAL)
                .build();
        Fixtures.console(service).saveEvent(closed);
        service.register(Fixtures.person(closed, "stat@example.no").build());
        RegistrationOutcome late = service.register(
                Fixtures.person(closed, "late@firma.no").sector(Sector.PRIVATE).build());
        assertThatThrownBy(() -> Fixtures.console(service, OLA)
                        .approve(Fixtures.registration(late).id()))
                .isInstanceOfSatisfying(
                        RegistrationRefusedException.class,
                        e -> assertThat(e.reason().key()).isEqualTo("capacity.event.full"));
        assertThat(Fixtures.console(service)
                        .findRegistration(Fixtures.registration(late).id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.PENDING_APPROVAL);
    }

    @Test
    void organisersPromoteAheadOfTurnOnlyWhenThereIsRoom() {
        Event event = Fixtures.event("promote", 1).build();
        Fixtures.console(service).saveEvent(event);
        service.register(Fixtures.person(event, "a@example.no").build());
        RegistrationOutcome b =
                service.register(Fixtures.person(event, "b@example.no").build());
        RegistrationOutcome c =
                service.register(Fixtures.person(event, "c@example.no").build());
        RegistrationId cId = Fixtures.registration(c).id();
        assertThatThrownBy(() -> Fixtures.console(service, OLA).promote(cId))
                .isInstanceOfSatisfying(
                        RegistrationRefusedException.class,
                        e -> assertThat(e.reason().key()).isEqualTo("capacity.event.full"));

        // The organiser adds a seat; the ledger is kept.
        Fixtures.console(service)
                .saveEvent(event.toBuilder().capacity(CapacityPolicy.seats(2)).build());
        Registration promoted = Fixtures.console(service, OLA).promote(cId);
        assertThat(promoted.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(promoted.history().get(promoted.history().size() - 1).reason())
                .isEqualTo("history.promotedByOrganiser");
        assertThat(Fixtures.console(service)
                        .waitingPosition(Fixtures.registration(b).id()))
                .hasValue(1);
        assertThat(Fixtures.console(service).statistics(event.id()).seatsTaken())
                .isEqualTo(2);
        Invariants.check(
                store, event.toBuilder().capacity(CapacityPolicy.seats(2)).build(), "promote");
    }

    @Test
    void checkInAndNoShowsAtTheDoor() {
        Event event = Fixtures.event("door", 5).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationId a = Fixtures.registration(
                        service.register(Fixtures.person(event, "a@example.no").build()))
                .id();
        RegistrationId b = Fixtures.registration(
                        service.register(Fixtures.person(event, "b@example.no").build()))
                .id();
        RegistrationId c = Fixtures.registration(
                        service.register(Fixtures.person(event, "c@example.no").build()))
                .id();

        assertThatThrownBy(() -> Fixtures.console(service, OLA).markNoShows(event.id()))
                .isInstanceOfSatisfying(
                        RegistrationRefusedException.class,
                        e -> assertThat(e.reason().key()).isEqualTo("error.notStarted"));

        clock.set(Fixtures.DAY.toInstant().plus(Duration.ofMinutes(10)));
        Registration in = Fixtures.console(service, OLA).checkIn(a);
        assertThat(in.status()).isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThat(in.holds()).as("a checked-in person keeps the seat").contains(CounterKey.EVENT);

        clock.set(Fixtures.DAY.toInstant().plus(Duration.ofHours(1)));
        assertThat(Fixtures.console(service, OLA).markNoShows(event.id())).isEqualTo(2);
        assertThat(Fixtures.console(service).findRegistration(b).orElseThrow().status())
                .isEqualTo(RegistrationStatus.NO_SHOW);
        assertThat(Fixtures.console(service).findRegistration(a).orElseThrow().status())
                .isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThat(Fixtures.console(service, OLA).markNoShows(event.id())).isZero();

        Registration late = Fixtures.console(service, OLA).checkIn(c);
        assertThat(late.status()).isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThat(late.history())
                .extracting(StatusChange::status)
                .containsExactly(
                        RegistrationStatus.CONFIRMED, RegistrationStatus.NO_SHOW, RegistrationStatus.CHECKED_IN);
        assertThat(Fixtures.console(service).statistics(event.id()).seatsTaken())
                .isEqualTo(3);
        Invariants.check(store, event, "door");
    }

    @Test
    void aGroupIsRegisteredAllOrNone() {
        Event event = Fixtures.event("group", 2)
                .capacity(CapacityPolicy.seats(2).withMaxPerOrganisation(5))
                .build();
        Fixtures.console(service).saveEvent(event);
        List<String> orgs = Fixtures.organisationNumbers(2);

        // One invalid member: nothing stored.
        GroupOutcome invalid = service.registerGroup(GroupRegistrationRequest.of(List.of(
                member(event, "g1@asker.kommune.no", orgs.get(0)),
                member(event, "not-an-email", orgs.get(0)),
                member(event, "g3@asker.kommune.no", orgs.get(0)))));
        assertThat(invalid).isInstanceOfSatisfying(GroupOutcome.Refused.class, r -> {
            assertThat(r.problems())
                    .extracting(GroupOutcome.MemberProblem::index)
                    .containsExactly(1);
            assertThat(r.problems().get(0).outcome()).isInstanceOf(RegistrationOutcome.Invalid.class);
        });
        assertNothingStored(event);

        // Members from two organisations, or the same e-mail twice: refused.
        GroupOutcome mixed = service.registerGroup(GroupRegistrationRequest.of(List.of(
                member(event, "g1@asker.kommune.no", orgs.get(0)), member(event, "g2@asker.kommune.no", orgs.get(1)))));
        assertThat(((GroupOutcome.Refused) mixed).problems().get(0).outcome())
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Invalid.class,
                        i -> assertThat(i.violations())
                                .extracting(v -> v.code())
                                .contains("validation.group.organisation"));
        GroupOutcome twice = service.registerGroup(GroupRegistrationRequest.of(List.of(
                member(event, "g1@asker.kommune.no", orgs.get(0)),
                member(event, " G1@Asker.Kommune.no", orgs.get(0)))));
        assertThat(twice).isInstanceOf(GroupOutcome.Refused.class);
        assertNothingStored(event);

        // A member already registered: nothing new stored, the existing registration untouched.
        RegistrationOutcome existing = service.register(member(event, "g2@asker.kommune.no", orgs.get(0)));
        Ledger before = store.findLedger(event.id()).orElseThrow();
        GroupOutcome already = service.registerGroup(GroupRegistrationRequest.of(List.of(
                member(event, "g1@asker.kommune.no", orgs.get(0)), member(event, "g2@asker.kommune.no", orgs.get(0)))));
        assertThat(already).isInstanceOfSatisfying(GroupOutcome.Refused.class, r -> {
            assertThat(r.problems()).hasSize(1);
            assertThat(r.problems().get(0).index()).isEqualTo(1);
            assertThat(r.problems().get(0).outcome()).isInstanceOf(RegistrationOutcome.AlreadyRegistered.class);
        });
        assertThat(Fixtures.console(service).registrations(event.id()))
                .extracting(Registration::id)
                .containsExactly(Fixtures.registration(existing).id());
        assertThat(store.findLedger(event.id()).orElseThrow()).isEqualTo(before);
        service.cancel(Fixtures.token(existing));

        // A good group: in order, as if one after another.
        GroupOutcome ok = service.registerGroup(GroupRegistrationRequest.of(List.of(
                member(event, "g1@asker.kommune.no", orgs.get(0)),
                member(event, "g2@asker.kommune.no", orgs.get(0)),
                member(event, "g3@asker.kommune.no", orgs.get(0)))));
        assertThat(ok).isInstanceOfSatisfying(GroupOutcome.Registered.class, r -> {
            assertThat(r.members())
                    .extracting(o -> (Object) o.getClass())
                    .containsExactly(
                            RegistrationOutcome.Confirmed.class,
                            RegistrationOutcome.Confirmed.class,
                            RegistrationOutcome.Waitlisted.class);
            assertThat(r.members())
                    .extracting(o -> Fixtures.registration(o).groupId().orElseThrow())
                    .containsOnly(
                            Fixtures.registration(r.members().get(0)).groupId().orElseThrow());
        });
        Invariants.check(store, event, "group");
    }

    @Test
    void aGroupThatDoesNotFitWithoutAWaitingListIsRolledBack() {
        Event event = Fixtures.event("group-full", 10)
                .capacity(CapacityPolicy.seats(10).withMaxPerOrganisation(2))
                .waitlist(WaitlistPolicy.none())
                .build();
        Fixtures.console(service).saveEvent(event);
        String org = Fixtures.organisationNumbers(1).get(0);
        GroupOutcome outcome = service.registerGroup(GroupRegistrationRequest.of(List.of(
                member(event, "a@example.no", org),
                member(event, "b@example.no", org),
                member(event, "c@example.no", org))));
        assertThat(outcome).isInstanceOfSatisfying(GroupOutcome.Refused.class, r -> {
            assertThat(r.problems())
                    .extracting(GroupOutcome.MemberProblem::index)
                    .containsExactly(2);
            assertThat(((RegistrationOutcome.Rejected) r.problems().get(0).outcome()).reasons())
                    .extracting(x -> x.key())
                    .containsExactly("capacity.organisation.full");
        });
        assertNothingStored(event);
        assertThat(store.pendingNotifications(100)).isEmpty();
    }

    @Test
    void theSameIdempotencyKeyOrEmailReturnsTheExistingRegistrationWithoutASecondSeat() {
        Event event = Fixtures.event("idempotent", 5).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationRequest request = Fixtures.person(event, "kari@example.no")
                .idempotencyKey("form-123")
                .build();
        RegistrationOutcome first = service.register(request);
        RegistrationId id = Fixtures.registration(first).id();

        // The same request again (a retry after a lost answer): the same registration.
        assertThat(service.register(request))
                .isInstanceOfSatisfying(
                        RegistrationOutcome.Repeated.class,
                        r -> assertThat(r.registration().id()).isEqualTo(id));
        // The same key with another person: refused, and the other person is not handed Kari's registration.
        assertThat(service.register(Fixtures.person(event, "other@example.no")
                        .idempotencyKey("form-123")
                        .build()))
                .isEqualTo(new RegistrationOutcome.IdempotencyKeyReused(event.id()));
        // The same key and person with another answer (a session, a field): refused too.
        assertThat(service.register(request.toBuilder().phone("+47 99 99 99 99").build()))
                .isInstanceOf(RegistrationOutcome.IdempotencyKeyReused.class);
        RegistrationOutcome sameEmail =
                service.register(Fixtures.person(event, "KARI@Example.NO").build());
        RegistrationOutcome padded =
                service.register(Fixtures.person(event, "  Kari@example.no ").build());
        for (RegistrationOutcome o : List.of(sameEmail, padded)) {
            // Nothing of the existing registration, which may be someone else's.
            assertThat(o).isEqualTo(new RegistrationOutcome.AlreadyRegistered(event.id()));
        }
        assertThat(Fixtures.console(service).registrations(event.id())).hasSize(1);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);

        // After cancelling, the same person may register again, and gets a new registration.
        service.cancel(Fixtures.token(first));
        RegistrationOutcome again =
                service.register(Fixtures.person(event, "Kari@Example.no").build());
        assertThat(again).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.registration(again).id()).isNotEqualTo(id);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
        Invariants.check(store, event, "idempotency");
    }

    private void assertNothingStored(Event event) {
        assertThat(Fixtures.console(service).registrations(event.id())).isEmpty();
        assertThat(store.findLedger(event.id()).orElseThrow()).isEqualTo(Ledger.empty(event.id()));
    }

    private static RegistrationRequest member(Event event, String email, String org) {
        return Fixtures.person(event, email)
                .organisation("Asker kommune", org)
                .sector(Sector.MUNICIPALITY)
                .build();
    }
}
