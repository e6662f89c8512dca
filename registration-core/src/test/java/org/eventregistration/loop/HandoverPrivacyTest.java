package org.eventregistration.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.PersonalDataExport;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * The colleague's name and address on an offered seat are kept only while the offer lasts, and
 * reach the colleague's own requests for access and erasure.
 */
class HandoverPrivacyTest {
    private static final String ORG = "974760673";
    private final MutableClock clock = MutableClock.at(Fixtures.T0);
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private final Mailbox mail = new Mailbox();
    private final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(mail)
            .build();

    private Event event(String id, Event.Builder b) {
        Event event = b.question(Question.text("diet", LocalizedText.of("Mat", "Mat", "Food")))
                .build();
        Fixtures.console(service).saveEvent(event);
        return event;
    }

    private ManageToken register(Event event, String email) {
        return Fixtures.token(service.register(Fixtures.person(event, email)
                .name("Kari Nordmann")
                .organisation("Asker kommune", ORG)
                .build()));
    }

    private Registration offerToOla(ManageToken kari) {
        HandoverOutcome offered =
                service.offerSeat(kari, new HandoverRequest("Ola Nordmann", "Ola@Asker.Kommune.no", ORG));
        return ((HandoverOutcome.Offered) offered).registration();
    }

    private static String lastReason(Registration r) {
        List<StatusChange> history = r.history();
        return history.get(history.size() - 1).reason();
    }

    @Test
    void aLapsedOfferLeavesTheRegistrationWhenTheExpiryJobRunsAndTheSeatStays() {
        Event event = event("lapse", Fixtures.event("lapse", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        Registration offered = offerToOla(kari);
        List<Kind> kariMail = mail.kinds("kari@asker.kommune.no");
        List<Kind> olaMail = mail.kinds("ola@asker.kommune.no");

        clock.advance(Duration.ofHours(24).minusMillis(1));
        assertThat(service.expireOffers()).isZero();
        assertThat(store.findRegistration(offered.id()).orElseThrow().handover())
                .isPresent();

        clock.advance(Duration.ofMillis(1));
        assertThat(store.findLapsedHandovers(clock.instant(), 10))
                .extracting(Registration::id)
                .containsExactly(offered.id());
        assertThat(service.expireOffers()).isEqualTo(1);

        Registration after = store.findRegistration(offered.id()).orElseThrow();
        assertThat(after.handover()).isEmpty();
        assertThat(after.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(after.holds()).isEqualTo(offered.holds());
        assertThat(lastReason(after)).isEqualTo(Registration.HANDOVER_LAPSED);
        assertThat(after.history().get(after.history().size() - 1).actor()).isEqualTo(Actor.system());
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
        assertThat(store.findLapsedHandovers(clock.instant(), 10)).isEmpty();
        assertThat(store.findHandoversByEmail("ola@asker.kommune.no")).isEmpty();
        // Nobody is told: the offer was simply not taken.
        assertThat(mail.kinds("kari@asker.kommune.no")).isEqualTo(kariMail);
        assertThat(mail.kinds("ola@asker.kommune.no")).isEqualTo(olaMail);
        assertThat(service.expireOffers()).isZero();
    }

    @Test
    void anyUnitOfWorkThatWritesTheRegistrationDropsALapsedOffer() {
        Event event = event("touch", Fixtures.event("touch", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        offerToOla(kari);
        clock.advance(Duration.ofHours(25));

        ChangeOutcome changed = service.changeChoices(kari, new ChoicesChange(Map.of("diet", "vegan"), Set.of()));

        assertThat(changed).isInstanceOf(ChangeOutcome.Changed.class);
        Registration stored = service.findByManageToken(kari).orElseThrow();
        assertThat(stored.handover()).isEmpty();
        assertThat(stored.answers()).containsEntry("diet", "vegan");
        assertThat(stored.history()).extracting(StatusChange::reason).contains(Registration.HANDOVER_LAPSED);
        assertThat(service.expireOffers()).isZero();
    }

    @Test
    void aLiveOfferIsKeptByOtherChanges() {
        Event event = event("live", Fixtures.event("live", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        offerToOla(kari);
        clock.advance(Duration.ofHours(1));
        service.changeChoices(kari, new ChoicesChange(Map.of("diet", "vegan"), Set.of()));
        assertThat(service.findByManageToken(kari).orElseThrow().handover()).isPresent();
        assertThat(service.expireOffers()).isZero();
        assertThat(service.findHandoverInvitation(mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER)))
                .isPresent();
    }

    @Test
    void theColleaguesAccessRequestFindsTheOfferAndNothingMoreOfTheOfferingPerson() {
        Event event = event("access", Fixtures.event("access", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        Registration offered = offerToOla(kari);

        PersonalDataExport export = Fixtures.console(service).exportPersonalData("OLA@asker.kommune.no");

        assertThat(export.registrations()).isEmpty();
        assertThat(export.seatOffers()).singleElement().satisfies(o -> {
            assertThat(o.event().id()).isEqualTo(event.id());
            assertThat(o.offeredBy()).isEqualTo("Kari Nordmann");
            assertThat(o.name()).isEqualTo("Ola Nordmann");
            assertThat(o.email()).isEqualTo("Ola@Asker.Kommune.no");
            assertThat(o.requestedAt()).isEqualTo(Fixtures.T0);
            assertThat(o.expiresAt()).isEqualTo(Fixtures.T0.plus(Duration.ofHours(24)));
        });
        String json = export.toJson();
        assertThat(json)
                .contains("\"seatOffers\":[{", "\"name\":\"Ola Nordmann\"", "\"email\":\"Ola@Asker.Kommune.no\"")
                .contains("\"offeredBy\":\"Kari Nordmann\"")
                .doesNotContain("kari@asker.kommune.no", ORG, offered.id().value());
        assertThat(export.toString()).doesNotContain("Ola", "Kari");
        // Audited on the event, not on Kari's registration (her own export would show it).
        assertThat(Fixtures.console(service).auditLog(event.id()))
                .filteredOn(e -> e.action() == AuditAction.PERSONAL_DATA_EXPORTED)
                .singleElement()
                .satisfies(e -> assertThat(e.registrationId()).isEmpty());
        // Another organiser's console finds nothing of it.
        assertThat(service.console(OrganiserId.of("other"), "per")
                        .exportPersonalData("ola@asker.kommune.no")
                        .seatOffers())
                .isEmpty();
    }

    @Test
    void theOfferingPersonsOwnExportShowsTheOfferTheyMadeWhilePending() {
        Event event = event("own-export", Fixtures.event("own-export", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        offerToOla(kari);

        String json = Fixtures.console(service)
                .exportPersonalData("kari@asker.kommune.no")
                .toJson();

        assertThat(json)
                .contains("\"handover\":{\"name\":\"Ola Nordmann\",\"email\":\"Ola@Asker.Kommune.no\","
                        + "\"requestedAt\":\"" + Fixtures.T0 + "\",\"expiresAt\":\""
                        + Fixtures.T0.plus(Duration.ofHours(24)) + "\"}");

        // Lapsed and removed: none pending.
        clock.advance(Duration.ofHours(25));
        assertThat(service.expireOffers()).isEqualTo(1);
        assertThat(Fixtures.console(service)
                        .exportPersonalData("kari@asker.kommune.no")
                        .toJson())
                .contains("\"handover\":null")
                .doesNotContain("Ola Nordmann")
                .doesNotContainIgnoringCase("ola@asker");
    }

    @Test
    void theColleaguesErasureWithdrawsTheOfferAndTheOfferingPersonKeepsTheSeat() {
        Event event = event("erase", Fixtures.event("erase", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        Registration offered = offerToOla(kari);
        ManageToken link = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);
        List<Kind> kariMail = mail.kinds("kari@asker.kommune.no");

        List<Registration> erased = Fixtures.console(service).erasePersonalData("ola@asker.kommune.no");

        assertThat(erased).isEmpty(); // nothing of Ola's own was registered
        Registration after = store.findRegistration(offered.id()).orElseThrow();
        assertThat(after.handover()).isEmpty();
        assertThat(after.anonymised()).isFalse();
        assertThat(after.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(after.attendee().name()).isEqualTo("Kari Nordmann");
        assertThat(after.holds()).isEqualTo(offered.holds());
        assertThat(lastReason(after)).isEqualTo(Registration.HANDOVER_WITHDRAWN);
        assertThat(after.history().get(after.history().size() - 1).actor()).isEqualTo(Actor.system());
        assertThat(service.findHandoverInvitation(link)).isEmpty();
        assertThat(store.findHandoversByEmail("ola@asker.kommune.no")).isEmpty();
        assertThat(Fixtures.console(service)
                        .exportPersonalData("ola@asker.kommune.no")
                        .seatOffers())
                .isEmpty();
        assertThat(Fixtures.console(service)
                        .exportPersonalData("kari@asker.kommune.no")
                        .toJson())
                .doesNotContainIgnoringCase("ola");
        assertThat(Fixtures.console(service).auditLog(event.id()))
                .filteredOn(e -> e.action() == AuditAction.PERSONAL_DATA_ERASED)
                .extracting(AuditEntry::registrationId)
                .containsExactly(java.util.Optional.empty());
        assertThat(mail.kinds("kari@asker.kommune.no")).isEqualTo(kariMail);
        // Kari can still offer her seat to someone else.
        assertThat(service.offerSeat(kari, new HandoverRequest("Per", "per@asker.kommune.no", ORG)))
                .isInstanceOf(HandoverOutcome.Offered.class);
    }

    @Test
    void aWithdrawnOffersLinkNeverReachesANewerOfferThatExpiresAtTheSameDeadline() {
        // Both offers end at the cancellation deadline: the expiry cannot tell their links apart.
        Event event = event(
                "deadline", Fixtures.event("deadline", 5).cancellationDeadline(Fixtures.T0.plus(Duration.ofHours(2))));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        offerToOla(kari);
        ManageToken toOla = mail.lastLink("ola@asker.kommune.no", LinkPurpose.HANDOVER);
        Fixtures.console(service).erasePersonalData("ola@asker.kommune.no");
        clock.advance(Duration.ofMinutes(1));

        service.offerSeat(kari, new HandoverRequest("Per", "per@asker.kommune.no", ORG));

        assertThat(service.findHandoverInvitation(toOla)).isEmpty();
        assertThat(service.findHandoverInvitation(mail.lastLink("per@asker.kommune.no", LinkPurpose.HANDOVER)))
                .isPresent();
    }

    @Test
    void aColleagueWithARegistrationOfTheirOwnGetsBothInTheirExport() {
        Event event = event("both", Fixtures.event("both", 5));
        ManageToken kari = register(event, "kari@asker.kommune.no");
        offerToOla(kari);
        Event other = event("other", Fixtures.event("other", 5));
        register(other, "ola@asker.kommune.no");

        PersonalDataExport export = Fixtures.console(service).exportPersonalData("ola@asker.kommune.no");

        assertThat(export.registrations()).extracting(i -> i.event().id()).containsExactly(other.id());
        assertThat(export.seatOffers()).extracting(o -> o.event().id()).containsExactly(event.id());
    }
}
