package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.eventregistration.event.Event;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification;
import org.eventregistration.tck.Fixtures;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The transactional outbox: what was committed but not delivered is delivered after a restart. */
class OutboxRecoveryTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(name = "[{0}] a crash between commit and delivery: the next start delivers it, with the same id")
    @MethodSource("databases")
    void deliveredAfterRestart(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            List<Notification> lost = Collections.synchronizedList(new ArrayList<>());
            // The first node "crashes" in delivery: its listener dies after the commit.
            RegistrationService first = Tables.service(tables.store(), n -> {
                lost.add(n);
                throw new IllegalStateException("node went down before the mail was sent");
            });
            Event event = Tables.event("outbox", 5);
            first.console(org.eventregistration.event.OrganiserId.DEFAULT, "ola")
                    .saveEvent(event);
            RegistrationOutcome outcome = first.register(Tables.request(event, "kari", "k1"));
            assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
            assertThat(lost).hasSize(1);
            assertThat(tables.count("outbox")).isEqualTo(1);

            // A new store and service on the same database, as after a restart (or on another node).
            // The failed attempt was counted: the next one waits a minute (the first retry delay).
            List<Notification> delivered = Collections.synchronizedList(new ArrayList<>());
            RegistrationService tooSoon = Tables.service(tables.store(), delivered::add);
            assertThat(tooSoon.deliverPendingNotifications()).isZero();
            RegistrationService restarted = RegistrationService.builder()
                    .store(tables.store())
                    .clock(Clock.fixed(Fixtures.NOW.plus(Duration.ofMinutes(1)), Fixtures.OSLO))
                    .listener(delivered::add)
                    .build();
            assertThat(restarted.deliverPendingNotifications()).isEqualTo(1);
            assertThat(delivered).containsExactlyElementsOf(lost);
            assertThat(delivered.get(0).id()).isEqualTo(lost.get(0).id());
            assertThat(delivered.get(0).registrationId())
                    .isEqualTo(((RegistrationOutcome.Confirmed) outcome)
                            .registration()
                            .id());
            assertThat(restarted.deliverPendingNotifications()).isZero();
            assertThat(tables.count("outbox")).isZero();
        }
    }

    @ParameterizedTest(
            name = "[{0}] with claims, two dispatchers do not get the same notification until the claim runs out")
    @MethodSource("databases")
    void claimsKeepDispatchersApart(TestDatabases.TestDatabase db) throws InterruptedException {
        try (Tables tables = new Tables(db, 4)) {
            MutableClock clock = MutableClock.at(Instant.parse("2026-11-20T08:00:00Z"));
            JdbcRegistrationStore nodeA = JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .clock(clock)
                    .outboxClaim(Duration.ofSeconds(30))
                    .build();
            JdbcRegistrationStore nodeB = JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .clock(clock)
                    .outboxClaim(Duration.ofSeconds(30))
                    .build();
            Event event = Tables.event("claims", 5);
            RegistrationService writer = Tables.service(tables.store(), n -> {
                throw new IllegalStateException("not delivered now");
            });
            writer.console(org.eventregistration.event.OrganiserId.DEFAULT, "ola")
                    .saveEvent(event);
            writer.register(Tables.request(event, "a", "a"));
            writer.register(Tables.request(event, "b", "b"));

            // The backlog (health check, metrics) claims nothing: node A still gets both.
            assertThat(nodeB.outboxBacklog().orElseThrow().pending()).isEqualTo(2);
            List<Notification> a = nodeA.pendingNotifications(10);
            assertThat(a).hasSize(2);
            assertThat(nodeB.pendingNotifications(10)).isEmpty();
            assertThat(nodeB.outboxBacklog().orElseThrow().pending()).isEqualTo(2); // claimed is still pending
            clock.advance(Duration.ofSeconds(31)); // node A died holding the claim
            List<Notification> b = nodeB.pendingNotifications(10);
            assertThat(b).containsExactlyElementsOf(a);
            nodeB.markDelivered(b.stream().map(Notification::id).toList());
            // Node B's marks reach the table within their deadline of real time (on PostgreSQL they
            // may wait up to CombinedMarks.MAX_WAIT for a unit of work to ride with), far within
            // any claim; this test's clock jumps minutes in no time, so it waits as real time would.
            assertThat(outboxEmptyWithin(tables, Duration.ofSeconds(5))).isTrue();
            clock.advance(Duration.ofMinutes(5));
            assertThat(nodeA.pendingNotifications(10)).isEmpty();
        }
    }

    /** Whether the outbox table is empty within {@code wait} (real time). */
    private static boolean outboxEmptyWithin(Tables tables, Duration wait) throws InterruptedException {
        long end = System.nanoTime() + wait.toNanos();
        while (tables.count("outbox") > 0) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    @ParameterizedTest(name = "[{0}] concurrent marks are combined and none is lost")
    @MethodSource("databases")
    void concurrentMarksAllArrive(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 8)) {
            // Notifications left pending by a listener that fails every time.
            RegistrationService failing = Tables.service(tables.store(), n -> {
                throw new IllegalStateException("mail server down");
            });
            Event event = Tables.event("marks", 200);
            failing.console(org.eventregistration.event.OrganiserId.DEFAULT, "ola")
                    .saveEvent(event);
            for (int i = 0; i < 64; i++) {
                failing.register(Tables.request(event, "p" + i, ""));
            }
            JdbcRegistrationStore store = tables.store();
            List<Notification> pending = store.pendingNotifications(100);
            assertThat(pending).hasSize(64);

            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
            try {
                for (Notification n : pending) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        store.markDelivered(List.of(n.id()));
                        return null;
                    }));
                }
                go.countDown();
                for (java.util.concurrent.Future<?> f : calls) {
                    f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            // Every call has returned: every id was sent by its own caller or by one still holding the lock then.
            assertThat(store.pendingNotifications(100)).isEmpty();
            assertThat(tables.count("outbox")).isZero();
        }
    }
}
