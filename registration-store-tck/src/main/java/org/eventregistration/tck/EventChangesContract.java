package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What changes that reach everyone at once rely on: a unit of work that replaces the event's
 * definition and reads its registrations by status, and organisers' messages with the
 * notifications that carry them. Part of {@link RegistrationStoreContract}: extend that class, not
 * this one.
 */
public abstract class EventChangesContract extends QueueAndPrivacyContract {

    @Test
    @DisplayName("a unit of work reads the event's registrations by status, oldest first, with its own writes")
    void registrationsByStatus() {
        Event event = saved("e", 10);
        Event other = saved("other", 10);
        Registration a = Fixtures.confirmed(event.id(), "a@example.org");
        Registration w = Fixtures.waitlisted(event.id(), "w@example.org", 1);
        Registration gone = Fixtures.confirmed(event.id(), "gone@example.org");
        insert(a);
        insert(w);
        insert(gone);
        cancel(gone);
        insert(Fixtures.confirmed(other.id(), "a@example.org"));
        Registration b = Fixtures.confirmed(event.id(), "b@example.org");
        store.inTransaction(event.id(), tx -> {
            tx.insert(b);
            assertThat(tx.registrations(EnumSet.of(RegistrationStatus.CONFIRMED)))
                    .extracting(Registration::id)
                    .containsExactly(a.id(), b.id());
            assertThat(tx.registrations(EnumSet.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)))
                    .extracting(Registration::id)
                    .containsExactly(a.id(), w.id(), b.id());
            assertThat(tx.registrations(EnumSet.of(RegistrationStatus.CANCELLED)))
                    .extracting(Registration::id)
                    .containsExactly(gone.id());
            assertThat(tx.registrations(EnumSet.noneOf(RegistrationStatus.class)))
                    .isEmpty();
            tx.update(Fixtures.moved(a, RegistrationStatus.CANCELLED, Set.of(), Fixtures.NOW));
            assertThat(tx.registrations(EnumSet.of(RegistrationStatus.CONFIRMED)))
                    .extracting(Registration::id)
                    .containsExactly(b.id());
            return null;
        });
    }

    @Test
    @DisplayName("registrations are counted per status, per event, with none for a status without any")
    void countsPerStatus() {
        Event event = saved("e", 10);
        Event other = saved("other", 10);
        insert(Fixtures.confirmed(event.id(), "a@example.org"));
        insert(Fixtures.confirmed(event.id(), "b@example.org"));
        insert(Fixtures.waitlisted(event.id(), "w@example.org", 1));
        Registration gone = Fixtures.confirmed(event.id(), "gone@example.org");
        insert(gone);
        cancel(gone);
        insert(Fixtures.confirmed(other.id(), "a@example.org"));
        java.util.Map<RegistrationStatus, Integer> counts = new java.util.EnumMap<>(RegistrationStatus.class);
        store.countByStatus(event.id()).forEach((status, n) -> {
            if (n != 0) {
                counts.put(status, n);
            }
        });
        assertThat(counts)
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        RegistrationStatus.CONFIRMED, 2,
                        RegistrationStatus.WAITLISTED, 1,
                        RegistrationStatus.CANCELLED, 1));
        assertThat(store.countByStatus(EventId.of("unknown")).values()).allMatch(n -> n == 0);
    }

    @Test
    @DisplayName("a unit of work replaces the definition with its revision and cancellation, or leaves it on failure")
    void definitionInAUnitOfWork() {
        Event event = saved("e", 10);
        Event moved = event.toBuilder()
                .schedule(event.start().plusHours(2), event.end().plusHours(2))
                .revision(3)
                .cancelledAt(Fixtures.NOW)
                .build();
        assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                    tx.saveEvent(moved);
                    throw new IllegalStateException("boom");
                }))
                .hasMessage("boom");
        Event stored = store.findEvent(event.id()).orElseThrow();
        assertThat(stored.revision()).isZero();
        assertThat(stored.cancelledAt()).isEmpty();
        assertThat(stored.start()).isEqualTo(event.start());

        store.inTransaction(event.id(), tx -> {
            tx.saveEvent(moved);
            assertThat(tx.event().revision()).isEqualTo(3);
            assertThat(tx.event().start()).isEqualTo(moved.start());
            return null;
        });
        stored = store.findEvent(event.id()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(3);
        assertThat(stored.cancelledAt()).contains(Fixtures.NOW);
        assertThat(stored.start().toInstant()).isEqualTo(moved.start().toInstant());
        assertThat(store.findEvents()).extracting(Event::revision).containsExactly(3);
        // The personal details asked for: every one unless set, exactly those when set.
        assertThat(stored.askFor()).containsExactlyInAnyOrder(org.eventregistration.event.PersonalField.values());
        Event fewer = stored.toBuilder()
                .askFor(EnumSet.of(org.eventregistration.event.PersonalField.PHONE))
                .build();
        store.inTransaction(event.id(), tx -> {
            tx.saveEvent(fewer);
            return null;
        });
        assertThat(store.findEvent(event.id()).orElseThrow().askFor())
                .containsExactly(org.eventregistration.event.PersonalField.PHONE);
        // The next unit of work starts from it.
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.event().revision()).isEqualTo(3);
            return null;
        });
        assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                    tx.saveEvent(Fixtures.event("another", 1));
                    return null;
                }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static OrganiserMessage message(EventId eventId, String id) {
        return new OrganiserMessage(
                id,
                eventId,
                LocalizedText.of("Praktisk informasjon", "Praktisk informasjon", "Practical information"),
                LocalizedText.of("Ta med legitimasjon.\n\n«Velkommen» & <hei>!", "Ta med legitimasjon.", "Bring ID."),
                EnumSet.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
                Actor.organiser("ola"),
                Fixtures.NOW);
    }

    @Test
    @DisplayName("an organiser's message is kept as written, found by id, saved once, and deleted with its event's")
    void messagesRoundTrip() {
        Event event = saved("e", 10);
        Event other = saved("other", 10);
        OrganiserMessage m = message(event.id(), UUID.randomUUID().toString());
        OrganiserMessage kept = message(other.id(), UUID.randomUUID().toString());
        store.saveMessage(m);
        store.saveMessage(m); // again: ignored
        store.saveMessage(kept);
        assertThat(store.findMessage(m.id())).contains(m);
        assertThat(store.findMessage("unknown")).isEmpty();

        assertThat(store.deleteMessages(event.id())).isEqualTo(1);
        assertThat(store.findMessage(m.id())).isEmpty();
        assertThat(store.findMessage(kept.id())).contains(kept);
        assertThat(store.deleteMessages(event.id())).isZero();
    }

    @Test
    @DisplayName("a notification keeps the message it carries through the outbox; other kinds carry none")
    void notificationsCarryTheirMessage() {
        Event event = saved("e", 10);
        Registration r = Fixtures.confirmed(event.id(), "a@example.org");
        insert(r);
        String messageId = UUID.randomUUID().toString();
        Notification withMessage = new Notification(
                UUID.randomUUID().toString(),
                Notification.Kind.MESSAGE,
                event.id(),
                r.id(),
                Fixtures.NOW,
                Optional.of(messageId));
        Notification plain = new Notification(
                UUID.randomUUID().toString(), Notification.Kind.EVENT_CHANGED, event.id(), r.id(), Fixtures.NOW);
        store.inTransaction(event.id(), tx -> {
            tx.publish(plain);
            tx.publish(withMessage);
            return null;
        });
        List<Notification> pending = store.pendingNotifications(Fixtures.NOW, 10);
        assertThat(pending).containsExactlyInAnyOrder(plain, withMessage);
        assertThat(pending)
                .filteredOn(n -> n.kind() == Notification.Kind.MESSAGE)
                .extracting(Notification::messageId)
                .containsExactly(Optional.of(messageId));
        store.setAside(withMessage.id(), Fixtures.NOW);
        assertThat(store.undeliverableNotifications(event.id())).containsExactly(withMessage);
    }
}
