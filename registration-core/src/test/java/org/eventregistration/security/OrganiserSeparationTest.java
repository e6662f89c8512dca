package org.eventregistration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.eventregistration.RegistrationException;
import org.eventregistration.attendee.Sector;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Organiser A tries to read, change, export and cancel organiser B's data through every console
 * method, by B's ids (and by the id behind a token of B's registration): every attempt fails
 * exactly as for an id that does not exist, and B's data, ledger and audit log are unchanged.
 */
class OrganiserSeparationTest {
    static final OrganiserId ASKER = OrganiserId.of("asker");
    static final OrganiserId BAERUM = OrganiserId.of("baerum");

    final MutableClock clock = MutableClock.at(Fixtures.T0);
    final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    final RegistrationService service =
            RegistrationService.builder().store(store).clock(clock).build();
    final OrganiserConsole a = service.console(ASKER, "ola.asker");
    final OrganiserConsole b = service.console(BAERUM, "kari.baerum");
    final Event eventA = Fixtures.event("asker-event", 5).organiser(ASKER).build();
    final Event eventB = Fixtures.event("baerum-event", 1)
            .organiser(BAERUM)
            .waitlist(WaitlistPolicy.autoPromote())
            .eligibility(EligibilityRule.sectorIn(Sector.STATE), OutsideAudience.REQUIRE_APPROVAL)
            .build();
    /** B's registrations: confirmed, waitlisted, pending approval. */
    Registration confirmed;

    Registration waiting;
    Registration pending;
    ManageToken confirmedToken;
    /** The ids the attempts use: B's, or ids that exist nowhere. */
    EventId eventBId;

    RegistrationId confirmedId;
    RegistrationId waitingId;
    RegistrationId pendingId;
    /** The id A would learn from the token of B's confirmed registration (a link forwarded to the wrong office). */
    RegistrationId idBehindToken;

    @BeforeEach
    void twoOrganisers() {
        a.saveEvent(eventA);
        b.saveEvent(eventB);
        RegistrationOutcome c =
                service.register(Fixtures.person(eventB, "kari@baerum.example").build());
        RegistrationOutcome w =
                service.register(Fixtures.person(eventB, "ola@baerum.example").build());
        RegistrationOutcome p = service.register(Fixtures.person(eventB, "per@firma.example")
                .sector(Sector.PRIVATE)
                .build());
        confirmed = Fixtures.registration(c);
        confirmedToken = Fixtures.token(c);
        waiting = Fixtures.registration(w);
        pending = Fixtures.registration(p);
        eventBId = eventB.id();
        confirmedId = confirmed.id();
        waitingId = waiting.id();
        pendingId = pending.id();
        idBehindToken = service.findByManageToken(confirmedToken).orElseThrow().id();
        service.register(Fixtures.person(eventA, "kari@baerum.example").build()); // the same person at A
        clock.set(eventB.start().toInstant().plusSeconds(60)); // started: no-shows could be marked
    }

    /** A console call with B's ids; what it must throw (or null if it must return an empty result). */
    record Attempt(
            String name,
            BiFunction<OrganiserConsole, OrganiserSeparationTest, Object> call,
            Class<? extends RegistrationException> failure) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                        new Attempt("statistics", (c, t) -> c.statistics(t.eventBId), EventNotFoundException.class),
                        new Attempt(
                                "registrations", (c, t) -> c.registrations(t.eventBId), EventNotFoundException.class),
                        new Attempt(
                                "registrations by status",
                                (c, t) -> c.registrations(t.eventBId, RegistrationStatus.CONFIRMED),
                                EventNotFoundException.class),
                        new Attempt("waitingList", (c, t) -> c.waitingList(t.eventBId), EventNotFoundException.class),
                        new Attempt("auditLog", (c, t) -> c.auditLog(t.eventBId), EventNotFoundException.class),
                        new Attempt(
                                "exportRegistrations",
                                (c, t) -> c.exportRegistrations(t.eventBId),
                                EventNotFoundException.class),
                        new Attempt("markNoShows", (c, t) -> c.markNoShows(t.eventBId), EventNotFoundException.class),
                        new Attempt(
                                "fillFromWaitingList",
                                (c, t) -> c.fillFromWaitingList(t.eventBId),
                                EventNotFoundException.class),
                        new Attempt("approve", (c, t) -> c.approve(t.pendingId), RegistrationNotFoundException.class),
                        new Attempt(
                                "decline",
                                (c, t) -> c.decline(t.pendingId, "nei"),
                                RegistrationNotFoundException.class),
                        new Attempt("promote", (c, t) -> c.promote(t.waitingId), RegistrationNotFoundException.class),
                        new Attempt(
                                "cancel", (c, t) -> c.cancel(t.confirmedId, ""), RegistrationNotFoundException.class),
                        new Attempt("checkIn", (c, t) -> c.checkIn(t.confirmedId), RegistrationNotFoundException.class),
                        new Attempt(
                                "cancel by the id behind B's token",
                                (c, t) -> c.cancel(t.idBehindToken, ""),
                                RegistrationNotFoundException.class),
                        new Attempt("findRegistration", (c, t) -> c.findRegistration(t.confirmedId), null),
                        new Attempt("waitingPosition", (c, t) -> c.waitingPosition(t.waitingId), null),
                        new Attempt("events", (c, t) -> c.events(), null),
                        new Attempt("exportPersonalData", (c, t) -> c.exportPersonalData("ola@baerum.example"), null),
                        new Attempt("erasePersonalData", (c, t) -> c.erasePersonalData("ola@baerum.example"), null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void organiserACannotReachOrganiserBsData(Attempt attempt) {
        List<Registration> before = b.registrations(eventB.id());
        Ledger ledger = store.findLedger(eventB.id()).orElseThrow();
        List<AuditEntry> audit = b.auditLog(eventB.id());

        if (attempt.failure() != null) {
            assertThatThrownBy(() -> attempt.call().apply(a, this)).isInstanceOf(attempt.failure());
        } else {
            Object result = attempt.call().apply(a, this);
            assertThat(result.toString())
                    .doesNotContain(eventB.id().value())
                    .doesNotContain(confirmed.id().value())
                    .doesNotContain(waiting.id().value());
            if (result instanceof java.util.Optional<?> o) {
                assertThat(o).isEmpty();
            } else if (result instanceof java.util.OptionalInt o) {
                assertThat(o).isEmpty();
            } else if (result instanceof List<?> l && attempt.name().equals("erasePersonalData")) {
                assertThat(l).isEmpty();
            } else if (result instanceof org.eventregistration.service.PersonalDataExport e) {
                assertThat(e.registrations()).isEmpty();
            }
        }
        assertThat(b.registrations(eventB.id())).isEqualTo(before);
        assertThat(store.findLedger(eventB.id())).contains(ledger);
        assertThat(b.auditLog(eventB.id())).isEqualTo(audit);
    }

    @ParameterizedTest(name = "{0}: the same answer as for an id that does not exist")
    @MethodSource("attempts")
    void anotherOrganisersIdLooksLikeNoId(Attempt attempt) {
        if (attempt.failure() == null) {
            return;
        }
        Throwable other = catchThrowable(() -> attempt.call().apply(a, this));
        // The same call with ids that exist nowhere.
        eventBId = EventId.of("nowhere");
        confirmedId = RegistrationId.of("00000000-0000-0000-0000-000000000000");
        waitingId = confirmedId;
        pendingId = confirmedId;
        idBehindToken = confirmedId;
        Throwable missing = catchThrowable(() -> attempt.call().apply(a, this));
        assertThat(other).isNotNull().hasSameClassAs(missing);
        assertThat(((RegistrationException) other).reason().key())
                .isEqualTo(((RegistrationException) missing).reason().key());
        assertThat(other.getMessage().replace(eventB.id().value(), "X").replaceAll("[0-9a-f-]{36}", "X"))
                .isEqualTo(missing.getMessage().replace("nowhere", "X").replaceAll("[0-9a-f-]{36}", "X"));
    }

    @Test
    void anOrganiserCannotTakeOverAnotherOrganisersEventId() {
        Event takeover = eventB.toBuilder()
                .organiser(ASKER)
                .title(LocalizedText.of("Kapret"))
                .build();
        assertThatThrownBy(() -> a.saveEvent(takeover))
                .isInstanceOf(RegistrationRefusedException.class)
                .satisfies(e -> assertThat(
                                ((RegistrationRefusedException) e).reason().key())
                        .isEqualTo("error.eventIdTaken"));
        assertThatThrownBy(() -> a.saveEvent(eventB))
                .as("an event of another organiser")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(service.findEvent(eventB.id()).orElseThrow().organiser()).isEqualTo(BAERUM);
        assertThat(service.findEvent(eventB.id()).orElseThrow().title()).isEqualTo(eventB.title());
        assertThat(a.events()).extracting(Event::id).containsExactly(eventA.id());
        assertThat(b.events()).extracting(Event::id).containsExactly(eventB.id());
    }

    @Test
    void eachOrganiserStillWorksOnItsOwnData() {
        assertThat(b.approve(pending.id()).status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(b.checkIn(confirmed.id()).status()).isEqualTo(RegistrationStatus.CHECKED_IN);
        assertThat(b.auditLog(eventB.id()))
                .extracting(e -> e.action().name())
                .containsSubsequence("EVENT_SAVED", "APPROVED", "CHECKED_IN");
        assertThat(b.auditLog(eventB.id())).allSatisfy(e -> {
            assertThat(e.organiser()).isEqualTo(BAERUM);
            assertThat(e.toString()).doesNotContain("kari@baerum.example");
        });
        assertThat(a.registrations(eventA.id())).hasSize(1);
    }

    @Test
    void aUserIdIsValidated() {
        assertThatThrownBy(() -> service.console(ASKER, "ola; DROP TABLE"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> service.console(ASKER, "")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Throwable catchThrowable(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
