package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.Notification;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A unit of work stages its writes and sends them at the end in a few statements: its reads still
 * see them, and a duplicate that only the database can see fails the whole unit.
 */
class StagedWritesTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    private static Notification notification(EventId eventId, Registration r) {
        return new Notification(
                UUID.randomUUID().toString(), Notification.Kind.CONFIRMED, eventId, r.id(), Fixtures.NOW);
    }

    @ParameterizedTest(
            name = "[{0}] reads in a unit of work see its own new registrations, before and after they are sent")
    @MethodSource("databases")
    void readsSeeStagedWrites(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("staged", 10);
            store.saveEvent(event);
            Registration confirmed = Fixtures.confirmed(event.id(), "kari@example.org");
            Registration waiting = Fixtures.waitlisted(event.id(), "ola@example.org", 1);
            store.inTransaction(event.id(), tx -> {
                assertThat(tx.findActiveByEmail("kari@example.org")).isEmpty();
                tx.insert(confirmed);
                tx.insert(waiting);
                tx.publish(notification(event.id(), confirmed));
                assertThat(tx.findRegistration(confirmed.id())).contains(confirmed);
                assertThat(tx.findActiveByEmail("kari@example.org")).contains(confirmed);
                assertThat(tx.findByIdempotencyKey(waiting.idempotencyKey().orElseThrow()))
                        .contains(waiting);
                assertThatThrownBy(() -> tx.insert(Fixtures.confirmed(event.id(), "kari@example.org")))
                        .isInstanceOf(DuplicateRegistrationException.class);
                assertThat(tx.waitingList(0, 10)).containsExactly(waiting); // sends what is staged, then reads
                tx.update(Fixtures.moved(waiting, RegistrationStatus.CANCELLED, Set.of(), Fixtures.NOW));
                assertThat(tx.waitingList(0, 10)).isEmpty();
                tx.updateLedger(tx.ledger().take(List.of(CounterKey.EVENT)));
                return null;
            });
            assertThat(store.findRegistrations(event.id()))
                    .extracting(Registration::id)
                    .containsExactly(confirmed.id(), waiting.id());
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
            assertThat(store.pendingNotifications(10)).hasSize(1);
        }
    }

    @ParameterizedTest(
            name = "[{0}] a duplicate only the database sees fails the whole unit of work; nothing is written")
    @MethodSource("databases")
    void duplicateWhenSent(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event a = Fixtures.event("a", 10);
            Event b = Fixtures.event("b", 10);
            store.saveEvent(a);
            store.saveEvent(b);
            Registration inA = Fixtures.confirmed(a.id(), "kari@example.org");
            store.inTransaction(a.id(), tx -> {
                tx.insert(inA);
                return null;
            });
            // The same registration id in another event: the e-mail and key were looked up and are free
            // there, so only the unique constraint on the id can refuse it, when the batch is sent.
            Registration sameId = Fixtures.confirmed(b.id(), "ola@example.org").toBuilder()
                    .id(inA.id())
                    .build();
            Registration other = Fixtures.confirmed(b.id(), "per@example.org");
            assertThatThrownBy(() -> store.inTransaction(b.id(), tx -> {
                        for (Registration r : List.of(other, sameId)) {
                            assertThat(tx.findByIdempotencyKey(
                                            r.idempotencyKey().orElseThrow()))
                                    .isEmpty();
                            assertThat(tx.findActiveByEmail(r.attendee().normalizedEmail()))
                                    .isEmpty();
                            tx.insert(r);
                            tx.publish(notification(b.id(), r));
                        }
                        tx.updateLedger(
                                tx.ledger().take(List.of(CounterKey.EVENT)).take(List.of(CounterKey.EVENT)));
                        return null;
                    }))
                    .isInstanceOf(DuplicateRegistrationException.class);
            assertThat(store.findRegistrations(b.id())).isEmpty();
            assertThat(store.findLedger(b.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isZero();
            assertThat(store.pendingNotifications(10)).isEmpty();
        }
    }

    @ParameterizedTest(
            name = "[{0}] markDelivered removes exactly the given notifications, also more than one statement's worth")
    @MethodSource("databases")
    void markDeliveredInChunks(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("many", 10);
            store.saveEvent(event);
            Registration r = Fixtures.confirmed(event.id(), "kari@example.org");
            List<Notification> all = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                all.add(notification(event.id(), r));
            }
            store.inTransaction(event.id(), tx -> {
                tx.insert(r);
                all.forEach(tx::publish);
                return null;
            });
            store.markDelivered(all.subList(0, 3).stream().map(Notification::id).toList()); // padded to 4
            assertThat(store.pendingNotifications(500)).containsExactlyElementsOf(all.subList(3, 300));
            store.markDelivered(
                    all.subList(3, 299).stream().map(Notification::id).toList()); // 128 + 128 + 40
            assertThat(store.pendingNotifications(500)).containsExactly(all.get(299));
        }
    }

    static Stream<Arguments> databasesAndCounts() {
        // One row, one notification and up to four counters go as plain statements on PostgreSQL;
        // more as arrays. Both forms must write the same.
        return TestDatabases.all().flatMap(db -> Stream.of(1, 2, 4, 5, 9).map(n -> Arguments.of(db, n)));
    }

    @ParameterizedTest(name = "[{0}] {1} registrations, notifications and changed counters are written, then released")
    @MethodSource("databasesAndCounts")
    void rowsAndCountersWrittenAlikeOneOrMany(TestDatabases.TestDatabase db, int n) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("forms-" + n, 100);
            store.saveEvent(event);
            List<CounterKey> keys = new ArrayList<>();
            keys.add(CounterKey.EVENT);
            for (int i = 1; i < n; i++) {
                keys.add(CounterKey.session(new SessionId("s" + i)));
            }
            List<Registration> registrations = new ArrayList<>();
            List<Notification> notifications = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Registration r = Fixtures.confirmed(event.id(), "person" + i + "@example.org");
                registrations.add(r);
                notifications.add(notification(event.id(), r));
            }
            store.inTransaction(event.id(), tx -> {
                for (int i = 0; i < n; i++) {
                    tx.insert(registrations.get(i));
                    tx.publish(notifications.get(i));
                }
                // Every counter once, the event's twice: a new row each, with different values.
                tx.updateLedger(tx.ledger().take(keys).take(List.of(CounterKey.EVENT)));
                return null;
            });
            assertThat(store.findRegistrations(event.id())).containsExactlyElementsOf(registrations);
            assertThat(store.pendingNotifications(100)).containsExactlyElementsOf(notifications);
            Map<CounterKey, Integer> taken =
                    store.findLedger(event.id()).orElseThrow().taken();
            assertThat(taken).hasSize(n).containsEntry(CounterKey.EVENT, 2);
            keys.subList(1, n).forEach(k -> assertThat(taken).containsEntry(k, 1));

            // Existing counters change (upserted), and those back at zero go (deleted).
            store.inTransaction(event.id(), tx -> {
                tx.updateLedger(tx.ledger().take(keys.subList(0, 1)).release(keys.subList(1, n)));
                return null;
            });
            assertThat(store.findLedger(event.id()).orElseThrow().taken())
                    .containsExactly(Map.entry(CounterKey.EVENT, 3));
        }
    }
}
