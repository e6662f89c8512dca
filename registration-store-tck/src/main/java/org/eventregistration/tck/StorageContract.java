package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Retention;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The storage half of the contract: events and registrations round-trip exactly, a unit of work is
 * all or nothing and reads its own writes, the ledger keeps its counters, and the uniqueness rules
 * hold. Part of {@link RegistrationStoreContract}: extend that class, not this one.
 */
public abstract class StorageContract extends ParticipantPagesContract {
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
    @DisplayName("an event marked retention-done is left out of the retention run's events")
    void retentionDoneEvents() {
        Event done = saved("done", 5);
        Event open = saved("open", 5);
        assertThat(store.findEventsForRetention()).extracting(Event::id).containsExactly(done.id(), open.id());
        store.retentionDone(done.id(), Fixtures.NOW);
        assertThat(store.findEventsForRetention()).extracting(Event::id).containsExactly(open.id());
        assertThat(store.findEvents()).hasSize(2);
        store.saveEvent(done); // saving it again (an edit) does not bring it back
        assertThat(store.findEventsForRetention()).extracting(Event::id).containsExactly(open.id());
    }

    @Test
    @DisplayName("the events of one organiser, by start time")
    void eventsOfOrganiser() {
        Event late = Fixtures.event("asker-late", 5).toBuilder()
                .organiser(OrganiserId.of("asker"))
                .schedule(
                        Fixtures.event("x", 1).start().plusDays(2),
                        Fixtures.event("x", 1).end().plusDays(2))
                .build();
        Event early = Fixtures.event("asker-early", 5).toBuilder()
                .organiser(OrganiserId.of("asker"))
                .build();
        store.saveEvent(late);
        store.saveEvent(early);
        saved("someone-else", 5);
        assertThat(store.findEvents(OrganiserId.of("asker")))
                .extracting(Event::id)
                .containsExactly(early.id(), late.id());
        assertThat(store.findEvents(OrganiserId.of("baerum"))).isEmpty();
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

    @Test
    @DisplayName("an event's reminder time and a registration's reminder round-trip; neither is there unless set")
    void reminderRoundTrip() {
        Event event = Fixtures.event("remind-event", 5).toBuilder()
                .reminderBefore(Duration.ofDays(2))
                .build();
        store.saveEvent(event);
        assertThat(store.findEvent(event.id()).orElseThrow().reminderBefore()).contains(Duration.ofDays(2));
        assertThat(store.findEvent(saved("plain-remind", 5).id()).orElseThrow().reminderBefore())
                .isEmpty();
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        insert(r);
        assertThat(store.findRegistration(r.id()).orElseThrow().remindedAt()).isEmpty();
        Registration reminded = r.reminded(Fixtures.NOW.plusSeconds(3600));
        store.inTransaction(event.id(), tx -> {
            tx.update(reminded);
            return null;
        });
        assertThat(store.findRegistration(r.id())).contains(reminded);
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
}
