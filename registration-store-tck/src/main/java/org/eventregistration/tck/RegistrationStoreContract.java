package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Retention;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RegistrationStore} must meet. Subclass it once per implementation (and
 * per database), return an empty store from {@link #newStore()}, and run it with JUnit 5.
 *
 * <p>The tests check what the service relies on: exact round trips, one atomic unit of work per
 * event (all or nothing, mutual exclusion, no lost updates), the uniqueness rules, the waiting-list
 * and offer queries, and the notification outbox.
 */
public abstract class RegistrationStoreContract {
    /** The store under test, new for each test. */
    protected RegistrationStore store;

    /** An empty store. Called before each test. */
    protected abstract RegistrationStore newStore();

    /** Threads for the concurrency tests; override for a store with a small connection pool. */
    protected int threads() {
        return 8;
    }

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    private Event saved(String id, int seats) {
        Event event = Fixtures.event(id, seats);
        store.saveEvent(event);
        return event;
    }

    private void insert(Registration r) {
        store.inTransaction(r.eventId(), tx -> {
            tx.insert(r);
            return null;
        });
    }

    /** Cancels a stored registration in a unit of work of its own. */
    private void cancel(Registration r) {
        store.inTransaction(r.eventId(), tx -> {
            tx.update(Fixtures.moved(r, RegistrationStatus.CANCELLED, Set.of(), Fixtures.NOW));
            return null;
        });
    }

    // ------------------------------------------------------------------ events

    @Test
    @DisplayName("an event definition round-trips with every part")
    void eventRoundTrip() {
        Event event = saved("feiltrinn", 30);
        Event found = store.findEvent(event.id()).orElseThrow();
        assertThat(found.id()).isEqualTo(event.id());
        assertThat(found.title()).isEqualTo(event.title());
        assertThat(found.description()).isEqualTo(event.description());
        assertThat(found.start()).isEqualTo(event.start());
        assertThat(found.end()).isEqualTo(event.end());
        assertThat(found.venue()).isEqualTo(event.venue());
        assertThat(found.host()).isEqualTo(event.host());
        assertThat(found.coHosts()).isEqualTo(event.coHosts());
        assertThat(found.infoUrl()).isEqualTo(event.infoUrl());
        assertThat(found.audienceDescription()).isEqualTo(event.audienceDescription());
        assertThat(found.registrationOpens()).isEqualTo(event.registrationOpens());
        assertThat(found.registrationCloses()).isEqualTo(event.registrationCloses());
        assertThat(found.cancellationDeadline()).isEqualTo(event.cancellationDeadline());
        assertThat(found.sessions()).isEqualTo(event.sessions());
        assertThat(found.capacity()).isEqualTo(event.capacity());
        assertThat(found.waitlist()).isEqualTo(event.waitlist());
        assertThat(found.eligibility()).isEqualTo(event.eligibility());
        assertThat(found.outsideAudience()).isEqualTo(event.outsideAudience());
        assertThat(found.questions()).isEqualTo(event.questions());
        assertThat(found.organiser()).isEqualTo(event.organiser());
        assertThat(found.retention()).isEqualTo(event.retention());
        assertThat(store.findLedger(event.id())).contains(Ledger.empty(event.id()));
    }

    @Test
    @DisplayName("an event's organiser and retention round-trip")
    void organiserAndRetentionRoundTrip() {
        Event event = Fixtures.event("asker-event", 5).toBuilder()
                .organiser(OrganiserId.of("asker"))
                .retention(Retention.of(Duration.ofDays(400), Duration.ofDays(7)))
                .build();
        store.saveEvent(event);
        Event found = store.findEvent(event.id()).orElseThrow();
        assertThat(found.organiser()).isEqualTo(OrganiserId.of("asker"));
        assertThat(found.retention()).isEqualTo(Retention.of(Duration.ofDays(400), Duration.ofDays(7)));
        assertThat(store.findEvent(saved("plain", 5).id()).orElseThrow().organiser())
                .isEqualTo(OrganiserId.DEFAULT);
    }

    // ------------------------------------------------------------------ personal data and audit

    @Test
    @DisplayName("registrations are found by normalized e-mail across events, active or not, and nothing else")
    void findByEmailAcrossEvents() {
        Event a = saved("by-email-a", 5);
        Event b = saved("by-email-b", 5);
        Registration kariA = Fixtures.confirmed(a.id(), "Kari@Example.org");
        Registration kariB = Fixtures.waitlisted(b.id(), "kari@example.org", 1);
        Registration ola = Fixtures.confirmed(a.id(), "ola@example.org");
        insert(kariA);
        insert(kariB);
        insert(ola);
        Registration cancelled =
                Fixtures.moved(kariA, RegistrationStatus.CANCELLED, Set.of(), Fixtures.NOW.plusSeconds(60));
        store.inTransaction(a.id(), tx -> {
            tx.update(cancelled);
            return null;
        });
        assertThat(store.findRegistrationsByEmail("kari@example.org")).containsExactlyInAnyOrder(cancelled, kariB);
        assertThat(store.findRegistrationsByEmail("ola@example.org")).containsExactly(ola);
        assertThat(store.findRegistrationsByEmail("nobody@example.org")).isEmpty();
        assertThat(store.findRegistrationsByEmail("%")).isEmpty();
    }

    @Test
    @DisplayName("an anonymised registration is no longer found by its old e-mail, and its token hash is gone")
    void anonymisedIsNotFoundByEmailOrToken() {
        Event a = saved("anon", 5);
        Registration kari = Fixtures.confirmed(a.id(), "kari@example.org");
        insert(kari);
        assertThat(store.findRegistrationsByEmail("kari@example.org")).containsExactly(kari);
        Registration anonymous = kari.anonymise(Fixtures.NOW.plusSeconds(5), q -> false);
        store.inTransaction(a.id(), tx -> {
            tx.update(anonymous);
            return null;
        });
        assertThat(anonymous.anonymised()).isTrue();
        assertThat(store.findRegistration(kari.id())).contains(anonymous);
        assertThat(store.findRegistrationsByEmail("kari@example.org")).isEmpty();
        assertThat(store.findRegistrationsByEmail(anonymous.attendee().normalizedEmail()))
                .containsExactly(anonymous);
        assertThat(store.findByManageTokenHash(kari.manageTokenHash())).isEmpty();
    }

    @Test
    @DisplayName(
            "audit entries written in a unit of work commit with it, or not at all; appended ones are kept in order")
    void auditInUnitOfWork() {
        Event a = saved("audit-a", 5);
        Event b = saved("audit-b", 5);
        Registration kari = Fixtures.confirmed(a.id(), "kari@example.org");
        Instant t = Fixtures.NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        AuditEntry saved =
                AuditEntry.of(t, Actor.organiser("ola"), OrganiserId.DEFAULT, AuditAction.EVENT_SAVED, a.id());
        AuditEntry checked = AuditEntry.of(
                t.plusSeconds(1),
                Actor.organiser("ola"),
                OrganiserId.DEFAULT,
                AuditAction.CHECKED_IN,
                a.id(),
                kari.id());
        store.appendAudit(saved);
        store.inTransaction(a.id(), tx -> {
            tx.insert(kari);
            tx.audit(checked);
            return null;
        });
        AuditEntry lost = AuditEntry.of(
                t.plusSeconds(2), Actor.system(), OrganiserId.DEFAULT, AuditAction.ANONYMISED, a.id(), kari.id());
        assertThatThrownBy(() -> store.inTransaction(a.id(), tx -> {
                    tx.audit(lost);
                    throw new IllegalStateException("roll back");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.inTransaction(a.id(), tx -> {
                    tx.audit(AuditEntry.of(t, Actor.system(), OrganiserId.DEFAULT, AuditAction.RETENTION_RUN, b.id()));
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.findAudit(a.id())).containsExactly(saved, checked);
        assertThat(store.findAudit(b.id())).isEmpty();
        assertThat(store.findAudit(EventId.of("nope"))).isEmpty();
    }

    @Test
    @DisplayName("audit entries about no single event are kept per organiser, apart from the events' logs")
    void organiserAudit() {
        Event a = saved("audit-o", 5);
        Instant t = Fixtures.NOW.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        OrganiserId asker = OrganiserId.of("asker");
        AuditEntry nothingFound =
                AuditEntry.ofOrganiser(t, Actor.organiser("ola"), asker, AuditAction.PERSONAL_DATA_EXPORTED);
        AuditEntry erasedNothing = AuditEntry.ofOrganiser(
                t.plusSeconds(1), Actor.organiser("ola"), asker, AuditAction.PERSONAL_DATA_ERASED);
        AuditEntry other = AuditEntry.ofOrganiser(
                t, Actor.organiser("kari"), OrganiserId.DEFAULT, AuditAction.PERSONAL_DATA_EXPORTED);
        AuditEntry ofEvent =
                AuditEntry.of(t, Actor.organiser("ola"), OrganiserId.DEFAULT, AuditAction.EVENT_SAVED, a.id());
        store.appendAudit(nothingFound);
        store.appendAudit(other);
        store.appendAudit(erasedNothing);
        store.appendAudit(ofEvent);

        assertThat(store.findOrganiserAudit(asker)).containsExactly(nothingFound, erasedNothing);
        assertThat(store.findOrganiserAudit(OrganiserId.DEFAULT)).containsExactly(other);
        assertThat(store.findOrganiserAudit(OrganiserId.of("nobody"))).isEmpty();
        assertThat(store.findAudit(a.id())).containsExactly(ofEvent);
    }

    @Test
    @DisplayName("events are listed by start time; an unknown event is empty")
    void eventsByStart() {
        Event late = Fixtures.event("late", 10);
        Event early = late.toBuilder()
                .schedule(late.start().minusDays(5), late.end().minusDays(5))
                .build();
        Event earlyWithId = Event.builder(EventId.of("early"))
                .title(early.title())
                .schedule(early.start(), early.end())
                .host(early.host())
                .capacity(early.capacity())
                .build();
        store.saveEvent(late);
        store.saveEvent(earlyWithId);
        assertThat(store.findEvents()).extracting(Event::id).containsExactly(EventId.of("early"), EventId.of("late"));
        assertThat(store.findEvent(EventId.of("nope"))).isEmpty();
        assertThat(store.findLedger(EventId.of("nope"))).isEmpty();
    }

    @Test
    @DisplayName("saving an event again replaces the definition and keeps the ledger")
    void resaveKeepsLedger() {
        Event event = saved("e", 10);
        store.inTransaction(event.id(), tx -> {
            tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
            return null;
        });
        Event changed = event.toBuilder()
                .title(LocalizedText.of("Nytt navn"))
                .capacity(CapacityPolicy.seats(99))
                .build();
        store.saveEvent(changed);
        assertThat(store.findEvent(event.id()).orElseThrow().title()).isEqualTo(LocalizedText.of("Nytt navn"));
        assertThat(store.findEvent(event.id()).orElseThrow().capacity().seats()).isEqualTo(99);
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a unit of work on an unknown event fails with EventNotFoundException")
    void unknownEvent() {
        assertThatThrownBy(() -> store.inTransaction(EventId.of("missing"), tx -> null))
                .isInstanceOf(EventNotFoundException.class);
    }

    // ------------------------------------------------------------------ registrations

    @Test
    @DisplayName("a registration round-trips exactly, with every optional part and with none")
    void registrationRoundTrip() {
        Event event = saved("e", 10);
        Registration full = Fixtures.confirmed(event.id(), "Aase@Asker.Kommune.no");
        Registration minimal = Fixtures.minimal(event.id(), "ola@example.org");
        insert(full);
        insert(minimal);
        assertThat(store.findRegistration(full.id())).contains(full);
        assertThat(store.findRegistration(minimal.id())).contains(minimal);
        assertThat(store.findByManageTokenHash(full.manageTokenHash())).contains(full);
        assertThat(store.findByManageTokenHash("0".repeat(64))).isEmpty();
        assertThat(store.findRegistration(RegistrationId.of("unknown"))).isEmpty();
    }

    @Test
    @DisplayName("an update keeps the whole history and offer expiry")
    void updateRoundTrip() {
        Event event = saved("e", 10);
        Registration r = Fixtures.waitlisted(event.id(), "a@example.org", 1);
        insert(r);
        Registration offered = r.offer(
                Set.of(CounterKey.EVENT),
                Fixtures.NOW.plus(Duration.ofHours(24)),
                new StatusChange(RegistrationStatus.OFFERED, Fixtures.NOW, Actor.system(), "history.offered"));
        store.inTransaction(event.id(), tx -> {
            tx.update(offered);
            return null;
        });
        assertThat(store.findRegistration(r.id())).contains(offered);
        Registration confirmed =
                Fixtures.moved(offered, RegistrationStatus.CONFIRMED, offered.holds(), Fixtures.NOW.plusSeconds(60));
        store.inTransaction(event.id(), tx -> {
            tx.update(confirmed);
            return null;
        });
        Registration found = store.findRegistration(r.id()).orElseThrow();
        assertThat(found).isEqualTo(confirmed);
        assertThat(found.history()).hasSize(3);
        assertThat(found.offerExpiresAt()).isEmpty();
    }

    @Test
    @DisplayName("updating an unknown registration fails")
    void updateUnknown() {
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                    tx.update(r);
                    return null;
                }))
                .isInstanceOf(RegistrationNotFoundException.class);
    }

    @Test
    @DisplayName("registrations of an event are listed oldest first")
    void listOrder() {
        Event event = saved("e", 10);
        List<RegistrationId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Registration r = Fixtures.minimal(event.id(), "p" + i + "@example.org").toBuilder()
                    .createdAt(Fixtures.NOW.plusSeconds(i))
                    .build();
            insert(r);
            ids.add(r.id());
        }
        Event other = saved("other", 10);
        insert(Fixtures.minimal(other.id(), "p0@example.org"));
        assertThat(store.findRegistrations(event.id()))
                .extracting(Registration::id)
                .containsExactlyElementsOf(ids);
    }

    // ------------------------------------------------------------------ atomicity

    @Test
    @DisplayName("a unit of work that throws leaves nothing: no registration, ledger change or notification")
    void rollback() {
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                    tx.insert(r);
                    tx.updateLedger(tx.ledger().take(r.holds()));
                    tx.publish(notification(event.id(), r.id()));
                    throw new IllegalStateException("boom");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("boom");
        assertThat(store.findRegistration(r.id())).isEmpty();
        assertThat(store.findRegistrations(event.id())).isEmpty();
        assertThat(store.findLedger(event.id())).contains(Ledger.empty(event.id()));
        assertThat(store.pendingNotifications(10)).isEmpty();
        // And the same registration can be stored afterwards.
        insert(r);
        assertThat(store.findRegistration(r.id())).contains(r);
    }

    @Test
    @DisplayName("a unit of work reads its own writes")
    void readOwnWrites() {
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "Kari@Example.org");
        store.inTransaction(event.id(), tx -> {
            tx.insert(r);
            Ledger next = tx.ledger().take(r.holds());
            tx.updateLedger(next);
            assertThat(tx.findRegistration(r.id())).contains(r);
            assertThat(tx.findActiveByEmail("kari@example.org")).contains(r);
            assertThat(tx.findByIdempotencyKey(r.idempotencyKey().orElseThrow()))
                    .contains(r);
            assertThat(tx.ledger()).isEqualTo(next);
            return null;
        });
        assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the ledger keeps every counter, drops zeros, and its version must grow")
    void ledgerCounters() {
        Event event = saved("e", 10);
        List<CounterKey> keys = List.of(
                CounterKey.EVENT,
                CounterKey.session(org.eventregistration.event.SessionId.of("workshop-a")),
                CounterKey.organisation("944382038"),
                CounterKey.organisation("åsnes skole – «ø» ltd"),
                CounterKey.reserved("kommuner"));
        store.inTransaction(event.id(), tx -> {
            tx.updateLedger(tx.ledger()
                    .take(keys)
                    .take(keys)
                    .joinWaitlist()
                    .joinWaitlist()
                    .leaveWaitlist());
            return null;
        });
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        for (CounterKey k : keys) {
            assertThat(ledger.taken(k)).as(k.value()).isEqualTo(2);
        }
        assertThat(ledger.waitlistTail()).isEqualTo(2);
        assertThat(ledger.waitingCount()).isEqualTo(1);
        store.inTransaction(event.id(), tx -> {
            tx.updateLedger(tx.ledger().release(keys).release(List.of(CounterKey.EVENT)));
            return null;
        });
        Ledger after = store.findLedger(event.id()).orElseThrow();
        assertThat(after.taken()).doesNotContainKey(CounterKey.EVENT).hasSize(keys.size() - 1);
        assertThat(after.version()).isGreaterThan(ledger.version());
        assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                    tx.updateLedger(tx.ledger());
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ uniqueness

    @Test
    @DisplayName("one active registration per event and e-mail (case-insensitive); free again after cancelling")
    void uniqueActiveEmail() {
        Event event = saved("e", 10);
        Registration first = Fixtures.confirmed(event.id(), "kari@example.org");
        insert(first);
        Registration again = Fixtures.minimal(event.id(), " KARI@example.ORG ");
        assertThatThrownBy(() -> insert(again)).isInstanceOf(DuplicateRegistrationException.class);
        assertThat(store.findRegistration(again.id())).isEmpty();

        Event other = saved("other", 10);
        insert(Fixtures.minimal(other.id(), "kari@example.org")); // another event: fine

        cancel(first);
        insert(again);
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.findActiveByEmail("kari@example.org"))
                    .map(Registration::id)
                    .contains(again.id());
            return null;
        });
    }

    @Test
    @DisplayName("active registrations are found for many e-mails at once, with the unit's own writes")
    void findActiveByEmails() {
        Event event = saved("e", 10);
        Event other = saved("other", 10);
        Registration kari = Fixtures.confirmed(event.id(), "kari@example.org");
        Registration ola = Fixtures.confirmed(event.id(), "ola@example.org");
        insert(kari);
        insert(ola);
        insert(Fixtures.confirmed(other.id(), "per@example.org"));
        cancel(ola);
        Registration staged = Fixtures.minimal(event.id(), "staged@example.org");
        store.inTransaction(event.id(), tx -> {
            tx.insert(staged);
            java.util.Map<String, Registration> found = tx.findActiveByEmails(List.of(
                    "kari@example.org",
                    "ola@example.org",
                    "per@example.org",
                    "staged@example.org",
                    "nobody@example.org"));
            assertThat(found).containsOnlyKeys("kari@example.org", "staged@example.org");
            assertThat(found.get("kari@example.org").id()).isEqualTo(kari.id());
            assertThat(found.get("staged@example.org")).isEqualTo(staged);
            // The single look-ups that follow agree.
            assertThat(tx.findActiveByEmail("kari@example.org"))
                    .map(Registration::id)
                    .contains(kari.id());
            assertThat(tx.findActiveByEmail("nobody@example.org")).isEmpty();
            assertThat(tx.findActiveByEmail("ola@example.org")).isEmpty();
            return null;
        });
    }

    @Test
    @DisplayName("a unit of work that begins with a look-up of many e-mails is locked and sees the latest commits")
    void findActiveByEmailsFirst() {
        Event event = saved("e", 10);
        Registration kari = Fixtures.confirmed(event.id(), "kari@example.org");
        Registration ola = Fixtures.confirmed(event.id(), "ola@example.org");
        insert(kari);
        insert(ola);
        cancel(ola);
        long version = store.findLedger(event.id()).orElseThrow().version();
        store.inTransaction(event.id(), tx -> {
            java.util.Map<String, Registration> found = tx.findActiveByEmails(
                    List.of("kari@example.org", "ola@example.org", "nobody@example.org", "kari@example.org"));
            assertThat(found).containsOnlyKeys("kari@example.org");
            assertThat(tx.event().id()).isEqualTo(event.id());
            assertThat(tx.ledger().version()).isEqualTo(version);
            Registration nobody = Fixtures.minimal(event.id(), "nobody@example.org");
            tx.insert(nobody);
            assertThat(tx.findActiveByEmail("nobody@example.org")).contains(nobody);
            assertThat(tx.findActiveByEmail("ola@example.org")).isEmpty();
            return null;
        });
        assertThatThrownBy(() -> store.inTransaction(
                        EventId.of("missing"), tx -> tx.findActiveByEmails(List.of("kari@example.org"))))
                .isInstanceOf(EventNotFoundException.class);
    }

    @Test
    @DisplayName("one registration per event and idempotency key, even after it ended")
    void uniqueIdempotencyKey() {
        Event event = saved("e", 10);
        Registration first = Fixtures.confirmed(event.id(), "a@example.org");
        insert(first);
        cancel(first);
        Registration sameKey = Fixtures.confirmed(event.id(), "b@example.org").toBuilder()
                .idempotencyKey(first.idempotencyKey())
                .build();
        assertThatThrownBy(() -> insert(sameKey)).isInstanceOf(DuplicateRegistrationException.class);
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.findByIdempotencyKey(first.idempotencyKey().orElseThrow()))
                    .map(Registration::id)
                    .contains(first.id());
            return null;
        });
    }

    // ------------------------------------------------------------------ waiting list and offers

    @Test
    @DisplayName("the waiting list is read in sequence order, in pages, with the unit's own changes")
    void waitingList() {
        Event event = saved("e", 10);
        List<Registration> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            Registration r = Fixtures.waitlisted(event.id(), "w" + i + "@example.org", i);
            waiting.add(r);
        }
        // Inserted out of order: the sequence, not the insertion order, decides.
        for (int i : new int[] {3, 1, 5, 2, 4}) {
            insert(waiting.get(i - 1));
        }
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.waitingList(0, 2))
                    .extracting(Registration::waitlistSequence)
                    .containsExactly(1L, 2L);
            assertThat(tx.waitingList(2, 10))
                    .extracting(Registration::waitlistSequence)
                    .containsExactly(3L, 4L, 5L);
            tx.update(Fixtures.moved(
                    waiting.get(1), RegistrationStatus.CONFIRMED, Set.of(CounterKey.EVENT), Fixtures.NOW));
            assertThat(tx.waitingList(0, 10))
                    .extracting(Registration::waitlistSequence)
                    .containsExactly(1L, 3L, 4L, 5L);
            return null;
        });
        assertThat(store.countWaitingBefore(event.id(), 4)).isEqualTo(2);
        assertThat(store.countWaitingBefore(event.id(), 1)).isZero();
    }

    @Test
    @DisplayName("expired offers are found across events, and only those")
    void expiredOffers() {
        Event a = saved("a", 10);
        Event b = saved("b", 10);
        Registration offerA =
                Fixtures.registration(a.id(), "x@example.org", RegistrationStatus.OFFERED, Set.of(CounterKey.EVENT), 1);
        Registration offerB =
                Fixtures.registration(b.id(), "y@example.org", RegistrationStatus.OFFERED, Set.of(CounterKey.EVENT), 1);
        insert(offerA);
        insert(offerB);
        insert(Fixtures.confirmed(a.id(), "z@example.org"));
        Instant expiry = offerA.offerExpiresAt().orElseThrow();
        assertThat(store.findExpiredOffers(expiry.minusMillis(1), 10)).isEmpty();
        assertThat(store.findExpiredOffers(expiry, 10))
                .extracting(Registration::id)
                .containsExactlyInAnyOrder(offerA.id(), offerB.id());
        assertThat(store.findExpiredOffers(expiry, 1)).hasSize(1);
    }

    @Test
    @DisplayName("registrations waiting for address confirmation round-trip and are found by deadline, only those")
    void unconfirmed() {
        Event a = saved("a", 10);
        Event b = saved("b", 10);
        Registration late = unconfirmed(Fixtures.confirmed(a.id(), "late@example.org"), Duration.ofMinutes(10));
        Registration early = unconfirmed(Fixtures.waitlisted(b.id(), "early@example.org", 1), Duration.ofMinutes(5));
        insert(late);
        insert(early);
        insert(Fixtures.confirmed(a.id(), "done@example.org"));

        assertThat(store.findRegistration(late.id())).contains(late);
        assertThat(store.findUnconfirmed(Fixtures.NOW, 10)).isEmpty();
        assertThat(store.findUnconfirmed(Fixtures.NOW.plus(Duration.ofMinutes(10)), 10))
                .extracting(Registration::id)
                .containsExactly(early.id(), late.id());
        assertThat(store.findUnconfirmed(Fixtures.NOW.plus(Duration.ofMinutes(10)), 1))
                .extracting(Registration::id)
                .containsExactly(early.id());

        // Confirmed, or ended: no longer waiting.
        Registration confirmed = late.confirmAddress(Fixtures.NOW.plusSeconds(60), Actor.attendee());
        store.inTransaction(a.id(), tx -> {
            tx.update(confirmed);
            return null;
        });
        cancel(early);
        assertThat(store.findRegistration(late.id())).contains(confirmed);
        assertThat(store.findUnconfirmed(Fixtures.NOW.plus(Duration.ofDays(1)), 10))
                .isEmpty();
    }

    private static Registration unconfirmed(Registration r, Duration hold) {
        return r.toBuilder()
                .confirmAddressBy(Optional.of(Fixtures.NOW.plus(hold)))
                .build();
    }

    @Test
    @DisplayName("link tokens: found by hash, the newest few per registration and purpose kept, expired deleted")
    void linkTokens() {
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        insert(r);
        List<LinkToken> manage = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LinkToken t = linkToken(r, LinkPurpose.MANAGE, Fixtures.NOW.plusSeconds(i), Duration.ofDays(30));
            store.saveLinkToken(t, 5);
            manage.add(t);
        }
        LinkToken data = linkToken(r, LinkPurpose.DATA_REQUEST, Fixtures.NOW, Duration.ofHours(24));
        store.saveLinkToken(data, 5);

        assertThat(store.findLinkToken(manage.get(0).hash())).isEmpty();
        assertThat(store.findLinkToken(manage.get(1).hash())).isEmpty();
        for (LinkToken t : manage.subList(2, 7)) {
            assertThat(store.findLinkToken(t.hash())).contains(t);
        }
        assertThat(store.findLinkToken(data.hash())).contains(data);
        assertThat(store.findLinkToken("0".repeat(64))).isEmpty();
        assertThatThrownBy(() ->
                        store.saveLinkToken(linkToken(r, LinkPurpose.MANAGE, Fixtures.NOW, Duration.ofDays(1)), 0))
                .isInstanceOf(IllegalArgumentException.class);

        // Expired ones go; live ones stay.
        assertThat(store.deleteExpiredLinkTokens(Fixtures.NOW.plus(Duration.ofHours(24))))
                .isEqualTo(1);
        assertThat(store.findLinkToken(data.hash())).isEmpty();
        assertThat(store.findLinkToken(manage.get(6).hash())).contains(manage.get(6));
        assertThat(store.deleteExpiredLinkTokens(Fixtures.NOW.plus(Duration.ofDays(31))))
                .isEqualTo(5);
        assertThat(store.deleteExpiredLinkTokens(Fixtures.NOW.plus(Duration.ofDays(31))))
                .isZero();
    }

    private static LinkToken linkToken(Registration r, LinkPurpose purpose, Instant createdAt, Duration validity) {
        String hash = ManageToken.generate(new java.security.SecureRandom()).hash();
        Instant at = createdAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new LinkToken(hash, purpose, r.id(), r.eventId(), at, at.plus(validity));
    }

    // ------------------------------------------------------------------ outbox

    @Test
    @DisplayName("notifications are kept with the unit of work until marked delivered")
    void outbox() {
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        Notification first = notification(event.id(), r.id());
        Notification second = notification(event.id(), r.id());
        store.inTransaction(event.id(), tx -> {
            tx.insert(r);
            tx.publish(first);
            tx.publish(second);
            return null;
        });
        assertThat(store.pendingNotifications(10)).containsExactly(first, second);
        assertThat(store.pendingNotifications(1)).containsExactly(first);
        store.markDelivered(List.of(first.id(), "no-such-id"));
        assertThat(store.pendingNotifications(10)).containsExactly(second);
        store.markDelivered(List.of(second.id()));
        assertThat(store.pendingNotifications(10)).isEmpty();
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    @DisplayName("units of work on one event exclude each other: no lost update under many threads")
    void mutualExclusion() throws Exception {
        Event event = saved("hot", 10);
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        store.inTransaction(event.id(), tx -> {
                            tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(threads() * perThread);
        assertThat(ledger.version()).isEqualTo(threads() * perThread);
    }

    @Test
    @DisplayName("a unit of work on one event does not wait for another event's")
    void eventsAreIndependent() throws Exception {
        Event a = saved("a", 10);
        Event b = saved("b", 10);
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> holder = pool.submit(() -> store.inTransaction(a.id(), tx -> {
                tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                aHolds.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertThat(aHolds.await(30, TimeUnit.SECONDS)).isTrue();
            long started = System.nanoTime();
            store.inTransaction(b.id(), tx -> {
                tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                return null;
            });
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
            release.countDown();
            holder.get(60, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(store.findLedger(a.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
        assertThat(store.findLedger(b.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("the service on this store never exceeds capacity under concurrent registrations")
    void serviceCapacityUnderLoad() throws Exception {
        int seats = 20;
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        Event event = Event.builder(EventId.of("rush"))
                .title(LocalizedText.of("Rush"))
                .schedule(start, start.plusHours(2))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(seats))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO))
                .build();
        service.console(OrganiserId.DEFAULT, "tck").saveEvent(event);
        int perThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads());
        List<RegistrationOutcome> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        // Every other address is typed into a public form, unverified: it holds a place unconfirmed.
                        outcomes.add(service.register(RegistrationRequest.builder(event.id())
                                .name("Person " + thread + "-" + i)
                                .email("p" + thread + "-" + i + "@example.org")
                                .addressVerified(i % 2 == 0)
                                .build()));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(180, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int attempts = threads() * perThread;
        int verified = threads() * ((perThread + 1) / 2);
        assertThat(outcomes).hasSize(attempts);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof RegistrationOutcome.AwaitingAddressConfirmation)
                .hasSize(attempts - verified);
        List<Registration> all = store.findRegistrations(event.id());
        assertThat(all).hasSize(attempts);
        // Confirmed or not, every place held counts: never more than the seats.
        assertThat(all)
                .filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED)
                .hasSize(Math.min(seats, attempts));
        Set<Long> sequences = new HashSet<>();
        all.stream()
                .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .forEach(r -> sequences.add(r.waitlistSequence()));
        Set<Long> expected = new HashSet<>();
        for (long s = 1; s <= attempts - seats; s++) {
            expected.add(s);
        }
        assertThat(sequences).isEqualTo(expected);
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(Math.min(seats, attempts));
        assertThat(ledger.waitingCount()).isEqualTo(Math.max(0, attempts - seats));

        // Half an hour later (another node, say) the unconfirmed places run out and pass on in order.
        RegistrationService later = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(Fixtures.NOW.plus(Duration.ofMinutes(31)), Fixtures.OSLO))
                .build();
        assertThat(later.expireUnconfirmed()).isEqualTo(attempts - verified);
        all = store.findRegistrations(event.id());
        assertThat(all)
                .filteredOn(r -> r.status().isActive())
                .hasSize(verified)
                .allSatisfy(r -> assertThat(r.addressConfirmed()).isTrue());
        assertThat(all)
                .filteredOn(r -> r.status() == RegistrationStatus.CONFIRMED)
                .hasSize(Math.min(seats, verified));
        ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(Math.min(seats, verified));
        assertThat(ledger.waitingCount()).isEqualTo(Math.max(0, verified - seats));
        assertThat(all.stream()
                        .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                        .count())
                .isEqualTo(ledger.waitingCount());
        assertThat(store.pendingNotifications(1000)).isEmpty();
    }

    // ------------------------------------------------------------------ hostile input

    private static final String[] HOSTILE = {
        "'; DROP TABLE reg_registration; --",
        "\" OR 1=1 --",
        "' OR ''='",
        "%",
        "_",
        "\\",
        "`",
        "/*",
        "*/",
        "${prefix}",
        "{0}",
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://x\")",
        "Robert'); --",
        "null",
        "\\u0000",
        "Åse",
        "Øyvind Ødegård",
        "Áilu Ŋuolla-Čuđđi",
        "O'Brien",
        "王小明",
        "Иван",
        "محمد",
        "🦐🎉",
        "e\u0301",
        "\u00a0",
        "\u200b",
        "}",
        "]",
        ":",
        ","
    };
    private static final String[] FORBIDDEN = {
        "\u0000", "\u0007", "\u001b", "\u007f", "\u202e", "\u2066", "\ufeff", "\ud800"
    };

    @Test
    @DisplayName("hostile text through the service is stored exactly or refused, and never changes anything else")
    void hostileInputThroughTheService() {
        long seed = System.nanoTime();
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        Event event = Event.builder(EventId.of("hostile"))
                .title(LocalizedText.of("Hostile"))
                .schedule(start, start.plusHours(2))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(1000))
                .question(org.eventregistration.event.Question.text("diet", LocalizedText.of("Allergier?")))
                .build();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO))
                .build();
        service.console(OrganiserId.DEFAULT, "tck").saveEvent(event);
        for (int i = 0; i < 300; i++) {
            String context = "seed=" + seed + " i=" + i;
            boolean forbidden = random.nextInt(3) == 0;
            String name = hostile(random) + (forbidden ? FORBIDDEN[random.nextInt(FORBIDDEN.length)] : "") + " " + i;
            String org = hostile(random);
            String diet = hostile(random) + "\n" + hostile(random);
            String key = random.nextBoolean() ? "" : "k" + i + "-" + random.nextInt(1000);
            List<Registration> before = store.findRegistrations(event.id());
            Ledger ledgerBefore = store.findLedger(event.id()).orElseThrow();
            RegistrationOutcome outcome = service.register(RegistrationRequest.builder(event.id())
                    .name(name)
                    .email("p" + i + "." + (random.nextBoolean() ? "o'brien" : "x") + "@example.org")
                    .organisation(org, "")
                    .answer("diet", diet)
                    .idempotencyKey(key)
                    .addressVerified(true)
                    .build());
            if (forbidden) {
                assertThat(outcome).as(context).isInstanceOf(RegistrationOutcome.Invalid.class);
                assertThat(store.findRegistrations(event.id())).as(context).isEqualTo(before);
                assertThat(store.findLedger(event.id())).as(context).contains(ledgerBefore);
            } else {
                assertThat(outcome).as(context).isInstanceOf(RegistrationOutcome.Confirmed.class);
                Registration made = ((RegistrationOutcome.Confirmed) outcome).registration();
                Registration stored = store.findRegistration(made.id()).orElseThrow();
                assertThat(stored).as(context).isEqualTo(made);
                assertThat(stored.attendee().name()).as(context).isEqualTo(name.strip());
                assertThat(stored.answers().get("diet")).as(context).isEqualTo(diet.strip());
            }
        }
        assertThat(store.findRegistrations(event.id()))
                .allSatisfy(r -> assertThat(store.findRegistration(r.id())).contains(r));
    }

    private static String hostile(java.util.SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int p = 0; p < parts; p++) {
            s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
        }
        return s.toString();
    }

    private static Notification notification(EventId eventId, RegistrationId registrationId) {
        return new Notification(
                UUID.randomUUID().toString(), Notification.Kind.CONFIRMED, eventId, registrationId, Fixtures.NOW);
    }
}
