package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.OutcomeUnknownException;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: units of work on different events decided from the state seen last share one
 * transaction and one COMMIT when they meet ({@link GroupCommit}); capacity holds, a group with a
 * stale member is sent again one by one (each meeting its own outcome), and a group whose
 * connection breaks leaves every member's outcome unknown, as one alone would be.
 */
class GroupCommitTest {

    /** A store whose units of work gather behind {@code leaders} round trips under way. */
    static JdbcRegistrationStore store(Tables tables, int leaders) {
        System.setProperty(GroupCommit.LEADERS, String.valueOf(leaders));
        try {
            return tables.store();
        } finally {
            System.clearProperty(GroupCommit.LEADERS);
        }
    }

    static List<Event> events(RegistrationService node, String prefix, int count, int seats) {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Event event = Tables.event(prefix + i, seats);
            node.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            events.add(event);
        }
        return events;
    }

    /** Runs the tasks at once, one thread each; their results in order (a failure as its exception). */
    private static List<Object> atOnce(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    try {
                        return task.call();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * 16 threads at once, each registering 24 people across the events (a different event each
     * time); each thread's outcomes in order (a failure as its exception).
     */
    static List<Object> sixteenThreads(RegistrationService node, List<Event> events) throws Exception {
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            tasks.add(() -> {
                List<RegistrationOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    Event event = events.get((thread * 7 + i) % events.size());
                    outcomes.add(node.register(Tables.request(event, "p" + thread + "-" + i, "")));
                }
                return outcomes;
            });
        }
        return atOnce(tasks);
    }

    /** Makes a leader wait (a little) until {@code others} units of work are queued behind it. */
    private static Runnable waitFor(GroupCommit group, int others) {
        return () -> {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (group.waitingCount() < others && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        };
    }

    private static void assertConsistent(JdbcRegistrationStore store, Event event, int seats) {
        List<Registration> stored = store.findRegistrations(event.id());
        long confirmed = stored.stream()
                .filter(r -> r.status() == RegistrationStatus.CONFIRMED)
                .count();
        long waiting = stored.stream()
                .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .count();
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        assertThat(confirmed).as("confirmed on %s", event.id()).isEqualTo(Math.min(seats, stored.size()));
        assertThat(ledger.taken(CounterKey.EVENT))
                .as("seats taken on %s", event.id())
                .isEqualTo(confirmed);
        assertThat(ledger.waitingCount()).as("waiting on %s", event.id()).isEqualTo(waiting);
    }

    @Test
    void manyEventsAtOnceShareCommitsAndNeverExceedCapacity() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 20)) {
            JdbcRegistrationStore store = store(tables, 1);
            RegistrationService node = Tables.service(store);
            int seats = 3;
            List<Event> events = events(node, "group", 24, seats);
            for (Object result : sixteenThreads(node, events)) {
                assertThat(result).as("no thread failed").isInstanceOf(List.class);
            }
            assertThat(store.groupCommit().grouped.get())
                    .as("units of work committed in groups")
                    .isPositive();
            for (Event event : events) {
                assertThat(store.findRegistrations(event.id())).hasSize(16);
                assertConsistent(store, event, seats);
            }
        }
    }

    @Test
    void aGroupWithAStaleMemberIsSentAgainOneByOne() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 20)) {
            JdbcRegistrationStore storeA = store(tables, 1);
            RegistrationService a = Tables.service(storeA);
            RegistrationService b = Tables.service(tables.store());
            List<Event> events = events(a, "stale", 8, 2);
            for (Event event : events) {
                assertThat(a.register(
                                Tables.request(event, "first-" + event.id().value(), "")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
            }
            // Another node takes the last seat of event 3: node A's state of it is stale.
            Event stale = events.get(3);
            assertThat(b.register(Tables.request(stale, "elsewhere", "")))
                    .isInstanceOf(RegistrationOutcome.Confirmed.class);

            GroupCommit group = storeA.groupCommit();
            group.beforeGather = waitFor(group, events.size() - 1);
            List<Callable<Object>> tasks = new ArrayList<>();
            for (Event event : events) {
                tasks.add(() ->
                        a.register(Tables.request(event, "second-" + event.id().value(), "")));
            }
            List<Object> outcomes = atOnce(tasks);
            for (int i = 0; i < events.size(); i++) {
                assertThat(outcomes.get(i))
                        .as(events.get(i).id().value())
                        .isInstanceOf(
                                i == 3 ? RegistrationOutcome.Waitlisted.class : RegistrationOutcome.Confirmed.class);
            }
            assertThat(group.grouped.get())
                    .as("the group with the stale member was not committed")
                    .isZero();
            for (Event event : events) {
                assertConsistent(storeA, event, 2);
            }

            // The same again, every member's state current: one group of all.
            tasks.clear();
            for (Event event : events) {
                tasks.add(() ->
                        a.register(Tables.request(event, "third-" + event.id().value(), "")));
            }
            for (Object outcome : atOnce(tasks)) {
                assertThat(outcome).isInstanceOf(RegistrationOutcome.Waitlisted.class);
            }
            assertThat(group.grouped.get()).isEqualTo(events.size());
            group.beforeGather = null;
            for (Event event : events) {
                assertConsistent(storeA, event, 2);
            }
        }
    }

    @Test
    void aGroupWhoseConnectionBreaksLeavesEveryOutcomeUnknown() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 20)) {
            JdbcRegistrationStore store = store(tables, 1);
            RegistrationService node = Tables.service(store);
            List<Event> events = events(node, "broken", 4, 10);
            GroupCommit group = store.groupCommit();
            group.beforeGather = waitFor(group, events.size() - 1);
            group.beforeGroupSent = c -> terminate(tables, c);
            List<Callable<Object>> tasks = new ArrayList<>();
            for (Event event : events) {
                tasks.add(() -> node.register(
                        Tables.request(event, "kari", "form-" + event.id().value())));
            }
            for (Object outcome : atOnce(tasks)) {
                assertThat(outcome).isInstanceOf(OutcomeUnknownException.class);
            }
            assertThat(tables.count("registration")).isZero();
            group.beforeGather = null;
            group.beforeGroupSent = null;

            // Each sends the same request again: registered once.
            for (Event event : events) {
                assertThat(node.register(Tables.request(
                                event, "kari", "form-" + event.id().value())))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
                assertThat(store.findRegistrations(event.id())).hasSize(1);
                assertConsistent(store, event, 10);
            }
        }
    }

    /** Ends the backend of {@code c} from another connection: its next round trip fails. */
    private static void terminate(Tables tables, Connection c) {
        try (Connection other = tables.pool.getConnection();
                PreparedStatement ps = other.prepareStatement("SELECT pg_terminate_backend(?)")) {
            ps.setInt(1, c.unwrap(org.postgresql.PGConnection.class).getBackendPID());
            ps.execute();
            // The backend is gone once it no longer shows.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            int pid = c.unwrap(org.postgresql.PGConnection.class).getBackendPID();
            while (System.nanoTime() < until) {
                try (PreparedStatement q =
                        other.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid = ?")) {
                    q.setInt(1, pid);
                    try (java.sql.ResultSet rs = q.executeQuery()) {
                        rs.next();
                        if (rs.getInt(1) == 0) {
                            return;
                        }
                    }
                }
                Thread.sleep(10);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
