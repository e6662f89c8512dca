package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventregistration.jdbc.JdbcProxies.invoke;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Notification;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, the store's own transactions: a delivery mark rides with the next unit of work's
 * one-round-trip writes instead of costing a round trip of its own; a unit of work that fails gives
 * the ids back; with no unit of work they are deleted within the deadline; the system property
 * {@value CombinedMarks#MARKS_RIDE} turns it off. (MariaDB, H2 and joined transactions: the
 * contract and {@link OutboxRecoveryTest}.)
 */
class RidingMarksTest {
    /** Comfortably more than {@link CombinedMarks#MAX_WAIT}, for a slow machine. */
    private static final long WAIT_MILLIS = 5_000;

    @Test
    void aRegistrationAfterADeliveredOneCarriesItsDelete() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            Trips trips = new Trips();
            JdbcRegistrationStore store = countingStore(tables, trips);
            Event event = Fixtures.event("ride", 100);
            store.saveEvent(event);
            Notification previous = register(store, event, "first@example.org"); // the state is now seen
            // Mark, then register: one round trip for both, unless the machine was so slow that the
            // deadline passed in between (then the timer deleted it); try again in that case.
            boolean rode = false;
            for (int attempt = 0; attempt < 5 && !rode; attempt++) {
                trips.reset();
                long start = System.nanoTime();
                store.markDelivered(List.of(previous.id()));
                int marking = trips.count();
                Notification next = register(store, event, "p" + attempt + "@example.org");
                if (fast(start)) {
                    assertThat(marking)
                            .as("markDelivered queues, without a round trip")
                            .isZero();
                    assertThat(trips.count())
                            .as("the registration carries the delete: one round trip")
                            .isEqualTo(1);
                    assertThat(trips.statements())
                            .anySatisfy(sql -> assertThat(sql)
                                    .contains(ridingDelete(tables))
                                    .endsWith("COMMIT"));
                    // Read straight from the table, not through the store (which would flush first).
                    assertThat(ids(tables)).containsExactly(next.id());
                    rode = true;
                }
                previous = next;
            }
            assertThat(rode)
                    .as("a mark rode with a registration in one of five tries")
                    .isTrue();
        }
    }

    @Test
    void severalMarksRideAsTheStoresOwnPaddedDelete() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            Trips trips = new Trips();
            JdbcRegistrationStore store = countingStore(tables, trips);
            Event event = Fixtures.event("ride-several", 100);
            store.saveEvent(event);
            boolean rode = false;
            for (int attempt = 0; attempt < 5 && !rode; attempt++) {
                List<String> delivered = List.of(
                        register(store, event, "a" + attempt + "@example.org").id(),
                        register(store, event, "b" + attempt + "@example.org").id(),
                        register(store, event, "c" + attempt + "@example.org").id());
                trips.reset();
                long start = System.nanoTime();
                store.markDelivered(delivered);
                Notification next = register(store, event, "n" + attempt + "@example.org");
                if (fast(start)) {
                    assertThat(trips.count())
                            .as("the registration carries the three ids' delete: one round trip")
                            .isEqualTo(1);
                    // Three ids in the store's own statement for up to four, the last id repeated.
                    assertThat(trips.statements())
                            .anySatisfy(sql -> assertThat(sql)
                                    .contains(ridingDelete(tables) + "IN (?, ?, ?, ?); COMMIT")
                                    .doesNotContain("ANY("));
                    assertThat(ids(tables))
                            .doesNotContainAnyElementsOf(delivered)
                            .contains(next.id());
                    rode = true;
                }
            }
            assertThat(rode)
                    .as("three marks rode with a registration in one of five tries")
                    .isTrue();
        }
    }

    @Test
    void aFailedUnitOfWorkGivesTheIdsBackAndTheyAreDeletedLater() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            Trips trips = new Trips();
            JdbcRegistrationStore store = countingStore(tables, trips);
            Event event = Fixtures.event("giveback", 100);
            store.saveEvent(event);
            Notification delivered = register(store, event, "first@example.org");
            register(store, event, "second@example.org"); // the state is seen: the next unit starts from it

            trips.reset();
            long start = System.nanoTime();
            store.markDelivered(List.of(delivered.id()));
            // From the state seen, the address looks free: the unit sends its checked writes with the
            // delete, the unique constraint refuses them (stale), and under the lock it finds the
            // address taken and gives up: nothing is written, the delete neither.
            Registration again = Fixtures.confirmed(event.id(), "first@example.org");
            assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                        if (!tx.findActiveByEmails(List.of("first@example.org")).isEmpty()) {
                            throw new IllegalStateException("taken");
                        }
                        again.idempotencyKey().ifPresent(tx::findByIdempotencyKey);
                        tx.insert(again);
                        tx.publish(notification(again));
                        tx.updateLedger(tx.ledger().take(Set.of(CounterKey.EVENT)));
                        return null;
                    }))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("taken");
            if (fast(start)) { // else the timer may have deleted it before the unit of work began
                assertThat(trips.statements())
                        .as("the stale unit of work carried the delete")
                        .anySatisfy(sql -> assertThat(sql).contains(ridingDelete(tables)));
                assertThat(ids(tables))
                        .as("not deleted with the failed unit of work")
                        .contains(delivered.id());
            }
            // Given back and deleted by the timer, without another unit of work.
            assertThat(within(() -> !ids(tables).contains(delivered.id())))
                    .as("deleted after the failed unit of work gave it back")
                    .isTrue();

            // A stale unit of work that then commits under the lock carries the ids it gave back.
            Notification second = register(store, event, "third@example.org");
            JdbcRegistrationStore otherNode = tables.store();
            register(otherNode, event, "fourth@example.org"); // the state this store saw is now stale
            trips.reset();
            start = System.nanoTime();
            store.markDelivered(List.of(second.id()));
            Notification fifth = register(store, event, "fifth@example.org");
            if (fast(start)) {
                assertThat(trips.statements().stream().filter(sql -> sql.contains(ridingDelete(tables))))
                        .as("sent with the stale attempt, given back, sent again under the lock")
                        .hasSize(2);
                assertThat(ids(tables)).doesNotContain(second.id());
            }
            assertThat(within(() -> !ids(tables).contains(second.id()))).isTrue();
            assertThat(ids(tables)).contains(fifth.id());
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(5);
        }
    }

    @Test
    void withNoFurtherWritesTheIdsAreDeletedWithinTheDeadline() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            Trips trips = new Trips();
            JdbcRegistrationStore store = countingStore(tables, trips);
            Event event = Fixtures.event("deadline", 10);
            store.saveEvent(event);
            Notification n = register(store, event, "kari@example.org");
            trips.reset();
            long start = System.nanoTime();
            store.markDelivered(List.of(n.id()));
            boolean queued = trips.count() == 0;
            assertThat(within(() -> ids(tables).isEmpty())).isTrue();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(queued).as("queued, not deleted at once").isTrue();
            assertThat(trips.statements())
                    .as("deleted the way marks are without a unit of work")
                    .anySatisfy(sql -> assertThat(sql).contains("DELETE FROM " + tables.prefix + "outbox"));
            // The deadline, with room for a busy machine; far below any claim.
            assertThat(waited).isLessThan(CombinedMarks.MAX_WAIT.toMillis() + 2_000);
        }
    }

    @Test
    void theStoreSeesItsOwnMarksAtOnce() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("own", 10);
            store.saveEvent(event);
            Notification a = register(store, event, "a@example.org");
            Notification b = register(store, event, "b@example.org");
            store.markDelivered(List.of(a.id()));
            assertThat(store.outboxBacklog().orElseThrow().pending()).isEqualTo(1);
            store.markDelivered(List.of(b.id()));
            assertThat(store.pendingNotifications(10)).isEmpty();
        }
    }

    @Test
    void closeSendsTheQueuedMarksAndLaterMarksGoAtOnce() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            Trips trips = new Trips();
            JdbcRegistrationStore store = countingStore(tables, trips);
            Event event = Fixtures.event("close", 10);
            store.saveEvent(event);
            Notification first = register(store, event, "first@example.org");
            Notification second = register(store, event, "second@example.org");
            trips.reset();
            long start = System.nanoTime();
            store.markDelivered(List.of(first.id()));
            int queuing = trips.count();
            store.close();
            // Read straight from the table: the close, not a later flush, deleted it.
            List<String> left = ids(tables);
            if (fast(start)) {
                assertThat(queuing).as("markDelivered queued").isZero();
                assertThat(trips.statements())
                        .as("close sent the delete")
                        .anySatisfy(sql -> assertThat(sql).contains("DELETE FROM " + tables.prefix + "outbox"));
            }
            assertThat(left).containsExactly(second.id());
            trips.reset();
            store.markDelivered(List.of(second.id()));
            assertThat(trips.count()).as("after close a mark deletes at once").isEqualTo(1);
            assertThat(ids(tables)).isEmpty();
            store.close(); // again: nothing to send
            Notification third = register(store, event, "third@example.org");
            assertThat(ids(tables)).as("the store stays usable").containsExactly(third.id());
        }
    }

    @Test
    void theKillSwitchDeletesAtOnce() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            Trips trips = new Trips();
            System.setProperty(CombinedMarks.MARKS_RIDE, "false");
            JdbcRegistrationStore store;
            try {
                store = countingStore(tables, trips);
            } finally {
                System.clearProperty(CombinedMarks.MARKS_RIDE);
            }
            Event event = Fixtures.event("switch", 10);
            store.saveEvent(event);
            Notification first = register(store, event, "first@example.org");
            trips.reset();
            store.markDelivered(List.of(first.id()));
            assertThat(trips.count()).as("a delete of its own").isEqualTo(1);
            assertThat(ids(tables)).isEmpty();
            trips.reset();
            Notification second = register(store, event, "second@example.org");
            assertThat(trips.count()).isEqualTo(1);
            assertThat(trips.statements()).noneSatisfy(sql -> assertThat(sql).contains(ridingDelete(tables)));
            assertThat(ids(tables)).containsExactly(second.id());
        }
    }

    /** A store on the test's tables whose round trips {@code trips} counts. */
    private static JdbcRegistrationStore countingStore(Tables tables, Trips trips) {
        return JdbcRegistrationStore.builder(trips.counting(tables.pool))
                .tablePrefix(tables.prefix)
                .build();
    }

    /** A registration with its notification, as the service writes them; returns the notification. */
    private static Notification register(JdbcRegistrationStore store, Event event, String email) {
        Registration r = Fixtures.confirmed(event.id(), email);
        Notification n = notification(r);
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.findActiveByEmails(List.of(email))).isEmpty();
            r.idempotencyKey()
                    .ifPresent(key -> assertThat(tx.findByIdempotencyKey(key)).isEmpty());
            tx.insert(r);
            tx.publish(n);
            tx.updateLedger(tx.ledger().take(Set.of(CounterKey.EVENT)));
            return null;
        });
        return n;
    }

    private static Notification notification(Registration r) {
        return new Notification(
                UUID.randomUUID().toString(), Notification.Kind.CONFIRMED, r.eventId(), r.id(), Fixtures.NOW);
    }

    /** The notification ids in the outbox table, read with SQL of the test's own. */
    private static List<String> ids(Tables tables) {
        List<String> ids = new java.util.ArrayList<>();
        try (Connection c = tables.pool.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs =
                        s.executeQuery("SELECT notification_id FROM " + tables.prefix + "outbox ORDER BY seq")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }

    /** Whether less than half the deadline has passed since {@code start}: the timer cannot have fired. */
    private static boolean fast(long start) {
        return System.nanoTime() - start < CombinedMarks.MAX_WAIT.toNanos() / 2;
    }

    /** Whether the condition holds within {@link #WAIT_MILLIS}. */
    private static boolean within(BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /**
     * The delivery marks' delete as it rides in a unit of work's statements, after another one
     * ({@code IN (?, ...)} for up to 128 ids, {@code = ANY(?)} in a group or beyond); a delete of its own (the timer's,
     * with {@code synchronous_commit} off) starts its statement instead.
     */
    private static String ridingDelete(Tables tables) {
        return "; DELETE FROM " + tables.prefix + "outbox WHERE notification_id ";
    }

    /**
     * Counts the store's round trips (statement executions, and commits and rollbacks the driver
     * sends) and keeps the statements' SQL, as {@link SeenStateTest} does.
     */
    private static final class Trips {
        private final AtomicInteger count = new AtomicInteger();
        private final List<String> statements = new CopyOnWriteArrayList<>();

        void reset() {
            count.set(0);
            statements.clear();
        }

        int count() {
            return count.get();
        }

        List<String> statements() {
            return List.copyOf(statements);
        }

        DataSource counting(DataSource ds) {
            return JdbcProxies.wrapping(ds, this::connection);
        }

        private Connection connection(Connection c) {
            return JdbcProxies.proxy(Connection.class, (p, m, a) -> {
                if (JdbcProxies.sendsTransactionEnd(c, m)) {
                    count.incrementAndGet();
                }
                Object result = invoke(c, m, a);
                if (result instanceof java.sql.PreparedStatement s) {
                    String sql = a != null && a.length > 0 && a[0] instanceof String text ? text : "";
                    return statement(s, java.sql.PreparedStatement.class, sql);
                }
                if (result instanceof Statement s) {
                    return statement(s, Statement.class, "");
                }
                return result;
            });
        }

        private Object statement(Statement s, Class<?> type, String sql) {
            return Proxy.newProxyInstance(RidingMarksTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
                if (m.getName().startsWith("execute")) {
                    count.incrementAndGet();
                    statements.add(sql.isEmpty() && a != null && a.length > 0 ? String.valueOf(a[0]) : sql);
                }
                return invoke(s, m, a);
            });
        }
    }
}
