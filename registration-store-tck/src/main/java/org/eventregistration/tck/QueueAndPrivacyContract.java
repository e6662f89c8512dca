package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.OutboxBacklog;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The queries the jobs and the person's loop rely on: the waiting list, expired offers, places
 * waiting for address confirmation, link tokens, the outbox, look-ups by e-mail and the audit log.
 * Part of {@link RegistrationStoreContract}: extend that class, not this one.
 */
public abstract class QueueAndPrivacyContract extends StorageContract {
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
    @DisplayName("a registration pending approval keeps the sequence set aside for it, and joins the list in its place")
    void pendingKeepsItsPlace() {
        Event event = saved("e", 10);
        // Registered first, pending approval: sequence 1 set aside; two others joined the list after.
        Registration pending = Fixtures.registration(
                event.id(), "first@example.org", RegistrationStatus.PENDING_APPROVAL, Set.of(), 1);
        Registration second = Fixtures.waitlisted(event.id(), "second@example.org", 2);
        Registration third = Fixtures.waitlisted(event.id(), "third@example.org", 3);
        store.inTransaction(event.id(), tx -> {
            tx.updateLedger(tx.ledger().reserveWaitlistSequence());
            tx.insert(pending);
            tx.updateLedger(tx.ledger().joinWaitlist());
            tx.insert(second);
            tx.updateLedger(tx.ledger().joinWaitlist());
            tx.insert(third);
            return null;
        });
        assertThat(store.findRegistration(pending.id())).contains(pending);
        assertThat(store.findLedger(event.id()).orElseThrow())
                .extracting(l -> l.waitlistTail(), l -> l.waitingCount())
                .containsExactly(3L, 2);
        assertThat(store.countWaitingBefore(event.id(), 2)).isZero();

        Registration approved = Fixtures.moved(pending, RegistrationStatus.WAITLISTED, Set.of(), Fixtures.NOW);
        store.inTransaction(event.id(), tx -> {
            tx.updateLedger(tx.ledger().joinWaitlistReserved());
            tx.update(approved);
            assertThat(tx.waitingList(0, 10))
                    .extracting(Registration::id)
                    .containsExactly(pending.id(), second.id(), third.id());
            return null;
        });
        assertThat(store.findLedger(event.id()).orElseThrow())
                .extracting(l -> l.waitlistTail(), l -> l.waitingCount())
                .containsExactly(3L, 3);
        assertThat(store.countWaitingBefore(event.id(), 1)).isZero();
        assertThat(store.countWaitingBefore(event.id(), 2)).isEqualTo(1);
        assertThat(store.countWaitingBefore(event.id(), 3)).isEqualTo(2);
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.waitingList(0, 10))
                    .extracting(Registration::id)
                    .containsExactly(pending.id(), second.id(), third.id());
            return null;
        });
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
    @DisplayName(
            "a failed delivery waits for its retry, is set aside after the last attempt, and is then listed per event")
    void deliveryFailures() {
        Event event = saved("e", 10);
        Event other = saved("f", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        Registration s = Fixtures.confirmed(other.id(), "b@example.org");
        Notification first = notification(event.id(), r.id());
        Notification second = notification(event.id(), r.id());
        Notification third = notification(other.id(), s.id());
        store.inTransaction(event.id(), tx -> {
            tx.insert(r);
            tx.publish(first);
            tx.publish(second);
            return null;
        });
        store.inTransaction(other.id(), tx -> {
            tx.insert(s);
            tx.publish(third);
            return null;
        });
        Instant now = Fixtures.NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        DeliveryRetry twice = new DeliveryRetry(2, Duration.ofMinutes(1), Duration.ofMinutes(10));

        assertThat(store.recordDeliveryFailure(first.id(), now, twice)).isFalse();
        assertThat(store.pendingNotifications(now, 10)).containsExactly(second, third);
        assertThat(store.pendingNotifications(now.plusSeconds(59), 10)).containsExactly(second, third);
        assertThat(store.pendingNotifications(now.plusSeconds(60), 10)).containsExactly(first, second, third);
        assertThat(store.pendingNotifications(10)).containsExactly(first, second, third);

        assertThat(store.recordDeliveryFailure(first.id(), now.plusSeconds(60), twice))
                .isTrue();
        assertThat(store.pendingNotifications(now.plus(Duration.ofDays(1)), 10)).containsExactly(second, third);
        assertThat(store.pendingNotifications(10)).containsExactly(second, third);
        assertThat(store.undeliverableNotifications(event.id())).containsExactly(first);
        assertThat(store.undeliverableNotifications(other.id())).isEmpty();

        // A bounce sets aside at once; unknown, delivered and set-aside ids are ignored.
        store.setAside(second.id(), now);
        store.setAside(second.id(), now);
        store.setAside("no-such-id", now);
        assertThat(store.recordDeliveryFailure("no-such-id", now, twice)).isFalse();
        assertThat(store.recordDeliveryFailure(first.id(), now, twice)).isFalse();
        store.markDelivered(List.of(third.id()));
        store.setAside(third.id(), now);
        assertThat(store.undeliverableNotifications(event.id())).containsExactly(first, second);
        assertThat(store.undeliverableNotifications(other.id())).isEmpty();
        assertThat(store.pendingNotifications(10)).isEmpty();
    }

    @Test
    @DisplayName("the outbox backlog counts pending, retrying and set-aside notifications and claims nothing")
    void outboxBacklog() {
        assertThat(store.outboxBacklog()).hasValue(OutboxBacklog.EMPTY);
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        Instant now = Fixtures.NOW.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Notification older = new Notification(
                "n-older", Notification.Kind.CONFIRMED, event.id(), r.id(), now.minus(Duration.ofMinutes(5)));
        Notification newer = new Notification("n-newer", Notification.Kind.REMINDER, event.id(), r.id(), now);
        Notification bounced = new Notification(
                "n-bounced", Notification.Kind.CONFIRMED, event.id(), r.id(), now.minus(Duration.ofHours(1)));
        store.inTransaction(event.id(), tx -> {
            tx.insert(r);
            tx.publish(newer); // written first, but happened later: the oldest is by time
            tx.publish(older);
            tx.publish(bounced);
            return null;
        });
        assertThat(store.outboxBacklog()).hasValue(new OutboxBacklog(3, 0, Optional.of(bounced.occurredAt()), 0));

        store.setAside(bounced.id(), now);
        DeliveryRetry retry = new DeliveryRetry(3, Duration.ofMinutes(1), Duration.ofMinutes(10));
        assertThat(store.recordDeliveryFailure(newer.id(), now, retry)).isFalse();
        OutboxBacklog backlog = store.outboxBacklog().orElseThrow();
        assertThat(backlog).isEqualTo(new OutboxBacklog(2, 1, Optional.of(older.occurredAt()), 1));
        assertThat(backlog.oldestPendingAge(now)).isEqualTo(Duration.ofMinutes(5));

        // Read-only: everything pending is still there for delivery, and the count did not change.
        assertThat(store.pendingNotifications(10)).containsExactlyInAnyOrder(newer, older);
        assertThat(store.outboxBacklog()).hasValue(backlog);

        store.markDelivered(List.of(older.id(), newer.id()));
        assertThat(store.outboxBacklog()).hasValue(new OutboxBacklog(0, 0, Optional.empty(), 1));
    }

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
}
