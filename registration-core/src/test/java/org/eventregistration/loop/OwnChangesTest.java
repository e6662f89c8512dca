package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.Question;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.TakeoverOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The person's own changes through their link: answers and workshops, and giving the seat to a colleague. */
class OwnChangesTest {
    private static final String ORG = "974760673";
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final Mailbox mail = new Mailbox();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(mail)
            .build();

    private Event workshops(int seats, int perWorkshop) {
        Event event = Fixtures.event("ws", seats)
                .session(Fixtures.session("a", 10, perWorkshop))
                .session(Fixtures.session("b", 10, perWorkshop))
                .question(Question.text("diet", LocalizedText.of("Mat", "Mat", "Food")))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        Fixtures.console(service).saveEvent(event);
        return event;
    }

    private ManageToken register(Event event, String email, String session) {
        return Fixtures.token(service.register(Fixtures.person(event, email)
                .session(session)
                .organisation("Asker kommune", ORG)
                .build()));
    }

    @Test
    void answersAndWorkshopChangeAndTheCountersMove() {
        Event event = workshops(10, 2);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");

        ChangeOutcome outcome = service.changeChoices(kari, new ChoicesChange(Map.of("diet", " vegan "), Set.of("b")));

        Registration changed = ((ChangeOutcome.Changed) outcome).registration();
        assertThat(changed.sessions()).containsExactly(SessionId.of("b"));
        assertThat(changed.answers()).containsEntry("diet", "vegan");
        assertThat(changed.holds()).contains(CounterKey.session(SessionId.of("b")), CounterKey.EVENT);
        assertThat(changed.holds()).doesNotContain(CounterKey.session(SessionId.of("a")));
        assertThat(changed.history().get(changed.history().size() - 1).reason())
                .isEqualTo(Registration.CHOICES_CHANGED);
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.session(SessionId.of("a")))).isZero();
        assertThat(ledger.taken(CounterKey.session(SessionId.of("b")))).isEqualTo(1);
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(1);
        assertThat(mail.kinds("kari@asker.kommune.no")).endsWith(Kind.CHOICES_CHANGED);
        assertThat(mail.to("kari@asker.kommune.no")
                        .get(mail.to("kari@asker.kommune.no").size() - 1)
                        .link())
                .hasValueSatisfying(l -> assertThat(l.purpose()).isEqualTo(LinkPurpose.MANAGE));

        // The same again changes nothing and sends nothing.
        int sent = mail.all().size();
        assertThat(service.changeChoices(kari, new ChoicesChange(Map.of("diet", "vegan"), Set.of("b"))))
                .isInstanceOf(ChangeOutcome.Unchanged.class);
        assertThat(mail.all()).hasSize(sent);
    }

    @Test
    void aFullWorkshopIsRefusedByName() {
        Event event = workshops(10, 1);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        register(event, "ola@asker.kommune.no", "b");

        ChangeOutcome outcome = service.changeChoices(kari, new ChoicesChange(Map.of(), Set.of("b")));

        assertThat(outcome).isInstanceOf(ChangeOutcome.Refused.class);
        Reason reason = ((ChangeOutcome.Refused) outcome).reasons().get(0);
        assertThat(reason.key()).isEqualTo("capacity.session.full");
        assertThat(reason.message(Languages.NYNORSK)).contains("Verkstad b");
        assertThat(service.findByManageToken(kari).orElseThrow().sessions()).containsExactly(SessionId.of("a"));
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.session(SessionId.of("a"))))
                .isEqualTo(1);
    }

    @Test
    void aFreedWorkshopGoesToTheWaitingList() {
        Event event = workshops(10, 1);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        ManageToken ola = register(event, "ola@asker.kommune.no", "a");
        assertThat(service.findByManageToken(ola).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);

        assertThat(service.changeChoices(kari, new ChoicesChange(Map.of(), Set.of("b"))))
                .isInstanceOf(ChangeOutcome.Changed.class);

        assertThat(service.findByManageToken(ola).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.session(SessionId.of("a")))).isEqualTo(1);
        assertThat(ledger.taken(CounterKey.session(SessionId.of("b")))).isEqualTo(1);
        assertThat(ledger.waitingCount()).isZero();
    }

    @Test
    void theFormIsCheckedAsAtRegistrationAndTheDeadlineHolds() {
        Event event = workshops(10, 5);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");

        ChangeOutcome invalid =
                service.changeChoices(kari, new ChoicesChange(Map.of("nosuch", "x"), Set.of("a", "b", "zzz")));
        assertThat(invalid).isInstanceOf(ChangeOutcome.Invalid.class);
        assertThat(((ChangeOutcome.Invalid) invalid).violations())
                .extracting(v -> v.code())
                .contains(
                        "validation.session.unknown",
                        "validation.session.overlap",
                        "validation.answer.unknownQuestion");

        clock.set(event.cancellationDeadline());
        ChangeOutcome late = service.changeChoices(kari, new ChoicesChange(Map.of(), Set.of("b")));
        assertThat(((ChangeOutcome.Refused) late).reasons().get(0).key()).isEqualTo("error.changeDeadline");
    }

    @Test
    void aColleagueTakesTheSeatAfterConfirmingTheirAddress() {
        Event event = workshops(1, 1);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        ManageToken waiting = register(event, "per@asker.kommune.no", "a");
        Registration original = service.findByManageToken(kari).orElseThrow();

        HandoverOutcome offered =
                service.offerSeat(kari, new HandoverRequest("Ola Nordmann", "ola@asker.kommune.no", "974 760 673"));

        assertThat(offered).isInstanceOf(HandoverOutcome.Offered.class);
        assertThat(((HandoverOutcome.Offered) offered).expiresAt())
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        // Until the colleague confirms, the seat stays Kari's.
        assertThat(service.findByManageToken(kari).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(mail.kinds("ola@asker.kommune.no")).containsExactly(Kind.HANDOVER_OFFERED);
        ManageToken link = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);
        assertThat(service.findHandoverInvitation(link)).hasValueSatisfying(i -> {
            assertThat(i.toName()).isEqualTo("Ola Nordmann");
            assertThat(i.eventId()).isEqualTo(event.id());
        });
        // The hand-over link is no manage link.
        assertThat(service.findByManageToken(link)).isEmpty();

        TakeoverOutcome taken = service.takeOverSeat(link, Languages.NYNORSK);

        Registration ola = ((TakeoverOutcome.TakenOver) taken).registration();
        assertThat(ola.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(ola.attendee().normalizedEmail()).isEqualTo("ola@asker.kommune.no");
        assertThat(ola.attendee().organisationNumber()).contains(new OrganisationNumber(ORG));
        assertThat(ola.sessions()).isEqualTo(original.sessions());
        assertThat(ola.holds()).isEqualTo(original.holds());
        assertThat(ola.language()).isEqualTo(Languages.NYNORSK);
        assertThat(ola.addressConfirmed()).isTrue();
        assertThat(service.findByManageToken(((TakeoverOutcome.TakenOver) taken).token()))
                .map(Registration::id)
                .contains(ola.id());
        Registration kariAfter = store.findRegistration(original.id()).orElseThrow();
        assertThat(kariAfter.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(kariAfter.handedOver()).isTrue();
        assertThat(service.findByManageToken(kari)).isEmpty();
        assertThat(service.findHandedOver(kari)).map(Registration::id).contains(original.id());
        // Nobody on the waiting list lost their place, and the seats are exact.
        assertThat(service.findByManageToken(waiting).orElseThrow().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(1);
        assertThat(ledger.taken(CounterKey.session(SessionId.of("a")))).isEqualTo(1);
        assertThat(ledger.waitingCount()).isEqualTo(1);
        assertThat(mail.kinds("kari@asker.kommune.no")).endsWith(Kind.HANDED_OVER);
        assertThat(mail.kinds("ola@asker.kommune.no")).endsWith(Kind.CONFIRMED);
        assertThat(Fixtures.console(service).auditLog(event.id()))
                .extracting(e -> e.action())
                .contains(AuditAction.SEAT_HANDED_OVER, AuditAction.SEAT_TAKEN_OVER);
        // The link worked once.
        assertThatThrownBy(() -> service.takeOverSeat(link, Languages.BOKMAL))
                .isInstanceOf(RegistrationNotFoundException.class);
    }

    @Test
    void theColleagueMustBeFromTheSameOrganisation() {
        Event event = workshops(5, 5);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");

        assertThat(codes(service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no", ""))))
                .containsExactly("validation.handover.organisationNumber");
        assertThat(codes(service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no", "910000006")))
                        .size())
                .isEqualTo(1);
        assertThat(codes(service.offerSeat(kari, new HandoverRequest("Ola", "kari@asker.kommune.no", ORG))))
                .containsExactly("validation.handover.self");
        assertThat(codes(service.offerSeat(kari, new HandoverRequest("", "not an address", ORG))))
                .hasSize(2);
        assertThat(mail.kinds("ola@asker.kommune.no")).isEmpty();
    }

    @Test
    void withoutAnOrganisationNumberTheEmailDomainDecides() {
        Event event = workshops(5, 5);
        ManageToken kari = Fixtures.token(
                service.register(Fixtures.person(event, "kari@asker.kommune.no").build()));

        assertThat(codes(service.offerSeat(kari, new HandoverRequest("Ola", "ola@bergen.kommune.no"))))
                .containsExactly("validation.handover.otherDomain");
        assertThat(service.offerSeat(kari, new HandoverRequest("Ola", "OLA@Asker.Kommune.no")))
                .isInstanceOf(HandoverOutcome.Offered.class);
    }

    @Test
    void aColleagueOutsideTheAudienceIsRefused() {
        Event event = Fixtures.event("audience", 5)
                .eligibility(EligibilityRule.roleIn(org.eventregistration.attendee.Role.LEADER), OutsideAudience.REJECT)
                .build();
        Fixtures.console(service).saveEvent(event);
        // Eligible as a leader; the colleague takes the sector and role: eligible too.
        ManageToken kari = Fixtures.token(
                service.register(Fixtures.person(event, "kari@asker.kommune.no").build()));
        assertThat(service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no")))
                .isInstanceOf(HandoverOutcome.Offered.class);

        Event domains = Fixtures.event("domains", 5)
                .eligibility(EligibilityRule.emailDomainIn("asker.kommune.no"), OutsideAudience.REJECT)
                .build();
        Fixtures.console(service).saveEvent(domains);
        ManageToken per = Fixtures.token(service.register(Fixtures.person(domains, "per@asker.kommune.no")
                .organisation("Asker kommune", ORG)
                .build()));
        HandoverOutcome outcome = service.offerSeat(per, new HandoverRequest("Ola", "ola@gmail.com", ORG));
        assertThat(outcome).isInstanceOf(HandoverOutcome.Refused.class);
        assertThat(((HandoverOutcome.Refused) outcome).reasons().get(0).key()).isEqualTo("handover.notEligible");
    }

    @Test
    void aNewerOfferReplacesTheOlderAndOffersLapse() {
        Event event = workshops(5, 5);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no", ORG));
        ManageToken toOla = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);
        service.offerSeat(kari, new HandoverRequest("Per", "per@asker.kommune.no", ORG));
        ManageToken toPer = mail.lastLink("per@asker.kommune.no", LinkPurpose.HANDOVER);

        assertThat(service.findHandoverInvitation(toOla)).isEmpty();
        assertThatThrownBy(() -> service.takeOverSeat(toOla, Languages.BOKMAL))
                .isInstanceOf(RegistrationNotFoundException.class);
        assertThat(service.findHandoverInvitation(toPer)).isPresent();

        // Offered at the same instant: the newer offer expires a millisecond later, and then lapses.
        clock.advance(Duration.ofHours(24).plusMillis(1));
        assertThat(service.findHandoverInvitation(toPer)).isEmpty();
        assertThatThrownBy(() -> service.takeOverSeat(toPer, Languages.BOKMAL))
                .isInstanceOf(RegistrationNotFoundException.class);
        assertThat(service.findByManageToken(kari).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
    }

    @Test
    void aColleagueWhoIsRegisteredAlreadyIsRefusedAndTheSeatStays() {
        Event event = workshops(5, 5);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        register(event, "ola@asker.kommune.no", "b");
        service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no", ORG));
        ManageToken link = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);

        TakeoverOutcome outcome = service.takeOverSeat(link, Locale.ENGLISH);

        assertThat(((TakeoverOutcome.Refused) outcome).reasons().get(0).key()).isEqualTo("handover.alreadyRegistered");
        assertThat(service.findByManageToken(kari).orElseThrow().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(2);
    }

    @Test
    void aCancelledSeatCannotBeTakenOver() {
        Event event = workshops(5, 5);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no", ORG));
        ManageToken link = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);
        service.cancel(kari);

        assertThat(service.findHandoverInvitation(link)).isEmpty();
        assertThatThrownBy(() -> service.takeOverSeat(link, Languages.BOKMAL))
                .isInstanceOf(RegistrationNotFoundException.class);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isZero();
    }

    /** Two clicks on the link, and Kari cancelling, all at once: one seat at most, held once. */
    @RepeatedTest(20)
    void racingTakeOversAndACancellationNeverMakeTwoSeats() throws Exception {
        Event event = workshops(1, 1);
        ManageToken kari = register(event, "kari@asker.kommune.no", "a");
        register(event, "waiting@asker.kommune.no", "a");
        service.offerSeat(kari, new HandoverRequest("Ola", "ola@asker.kommune.no", ORG));
        ManageToken link = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Object> results = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    try {
                        results.add(service.takeOverSeat(link, Languages.BOKMAL));
                    } catch (RuntimeException e) {
                        results.add(e);
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                go.await();
                try {
                    results.add(service.cancel(kari));
                } catch (RuntimeException e) {
                    results.add(e);
                }
                return null;
            }));
            go.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long takenOver = results.stream()
                .filter(r -> r instanceof TakeoverOutcome.TakenOver)
                .count();
        assertThat(takenOver).isLessThanOrEqualTo(1);
        List<Registration> all = store.findRegistrations(event.id());
        assertThat(all)
                .filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED)
                .hasSize(1);
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(1);
        assertThat(ledger.taken(CounterKey.session(SessionId.of("a")))).isEqualTo(1);
        if (takenOver == 1) {
            // Ola has it; the waiting person still waits, Kari's cancel found nothing to cancel.
            assertThat(all)
                    .filteredOn(r -> r.status() == RegistrationStatus.WAITLISTED)
                    .hasSize(1);
        } else {
            // Kari cancelled first: the seat went to the waiting list.
            assertThat(all)
                    .filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED)
                    .allSatisfy(r -> assertThat(r.attendee().normalizedEmail()).isEqualTo("waiting@asker.kommune.no"));
        }
    }

    private static List<String> codes(HandoverOutcome outcome) {
        assertThat(outcome).isInstanceOf(HandoverOutcome.Invalid.class);
        return ((HandoverOutcome.Invalid) outcome)
                .violations().stream().map(v -> v.code()).toList();
    }
}
