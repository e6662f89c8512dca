package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: the statements of the round trip that commits the store's own unit of work are not
 * planned again at every execution (PostgreSQL's {@code pg_prepared_statements} counts the plans
 * each connection made): a group's run on their generic plans only ({@code SET LOCAL
 * plan_cache_mode}), a unit of work's alone settle on theirs. A caller's transaction keeps its own
 * planning.
 */
class GenericPlansTest {

    /** Generic and custom plans made, by statement text, over {@code connections} of the pool's connections. */
    private static Map<String, long[]> plans(Tables tables, int connections) throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            Map<String, long[]> plans = new HashMap<>();
            for (int i = 0; i < connections; i++) {
                Connection c = tables.pool.getConnection(); // held: the next one is another connection
                held.add(c);
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")) {
                    while (rs.next()) {
                        plans.merge(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)}, (a, b) ->
                                new long[] {a[0] + b[0], a[1] + b[1]});
                    }
                }
            }
            return plans;
        } finally {
            for (Connection c : held) {
                c.close();
            }
        }
    }

    /** The plans of the statements whose text starts with {@code start}; fails if there is none. */
    private static long[] plansOf(Map<String, long[]> plans, String start) {
        long[] sum = new long[2];
        boolean found = false;
        for (Map.Entry<String, long[]> e : plans.entrySet()) {
            if (e.getKey().strip().startsWith(start)) {
                found = true;
                sum[0] += e.getValue()[0];
                sum[1] += e.getValue()[1];
            }
        }
        assertThat(found)
                .as("a prepared statement starting %s among %s", start, plans.keySet())
                .isTrue();
        return sum;
    }

    /**
     * PostgreSQL's default: a statement's first five plans are custom, then its generic plan is
     * kept unless a custom one looks cheaper; here it must have been kept.
     */
    private static void assertSettled(Map<String, long[]> plans, String start) {
        long[] p = plansOf(plans, start);
        assertThat(p[0]).as("generic plans of %s (custom: %s)", start, p[1]).isGreaterThan(p[1]);
    }

    private static void assertGenericOnly(Map<String, long[]> plans, String start) {
        long[] p = plansOf(plans, start);
        assertThat(p[1]).as("custom plans of %s", start).isZero();
        assertThat(p[0]).as("generic plans of %s", start).isPositive();
    }

    @Test
    void aUnitOfWorkAloneSettlesOnGenericPlans() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            JdbcRegistrationStore store = tables.store();
            RegistrationService node = Tables.service(store);
            Event event = Tables.event("generic", 100);
            node.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            for (int i = 0; i < 20; i++) {
                assertThat(node.register(Tables.request(event, "p" + i, "")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
            }
            // Delivery marks ride with the next unit of work's round trip (as in RidingMarksTest):
            // marked, then a unit of work at once, with no read in between that would flush them.
            String previous = null;
            for (int i = 0; i < 20; i++) {
                if (previous != null) {
                    store.markDelivered(List.of(previous));
                }
                Registration r = Fixtures.confirmed(event.id(), "q" + i + "@example.org");
                Notification n = new Notification(
                        UUID.randomUUID().toString(), Notification.Kind.CONFIRMED, r.eventId(), r.id(), Fixtures.NOW);
                store.inTransaction(event.id(), tx -> {
                    tx.insert(r);
                    tx.publish(n);
                    tx.updateLedger(tx.ledger().take(Set.of(CounterKey.EVENT)));
                    return null;
                });
                previous = n.id();
            }
            store.close(); // the last queued marks are sent
            Map<String, long[]> plans = plans(tables, 2);
            plans.forEach((k, v) -> System.out.println("PLANS " + v[0] + " " + v[1] + " "
                    + k.strip().substring(0, Math.min(60, k.strip().length()))));
            String p = tables.prefix;
            assertSettled(plans, "WITH l AS (UPDATE " + p + "ledger");
            assertSettled(plans, "SELECT CASE WHEN count(*) = 1 THEN 1 ELSE ('stale state: event");
            assertSettled(plans, "INSERT INTO " + p + "registration");
            assertSettled(plans, "INSERT INTO " + p + "outbox");
            // The delivery mark of one notification: IN (?), not an array.
            assertSettled(plans, "DELETE FROM " + p + "outbox WHERE notification_id IN ($1)");
        }
    }

    @Test
    void aGroupRunsOnGenericPlans() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 20)) {
            JdbcRegistrationStore store = GroupCommitTest.store(tables, 1);
            RegistrationService node = Tables.service(store);
            List<Event> events = GroupCommitTest.events(node, "plans", 24, 100);
            for (Object result : GroupCommitTest.sixteenThreads(node, events)) {
                assertThat(result).as("no thread failed").isInstanceOf(List.class);
                assertThat((List<?>) result)
                        .allSatisfy(o -> assertThat(o).isInstanceOf(RegistrationOutcome.Confirmed.class));
            }
            assertThat(store.groupCommit().grouped.get())
                    .as("units of work committed in groups")
                    .isPositive();
            Map<String, long[]> plans = plans(tables, 20);
            String p = tables.prefix;
            // The group's checks of the ledgers and of the events' rows, with an array each.
            assertGenericOnly(plans, "SELECT CASE WHEN count(*) = $1 THEN 1 ELSE ('stale state: ledger");
            assertGenericOnly(plans, "SELECT CASE WHEN count(*) = $1 THEN 1 ELSE ('stale state: event");
            assertGenericOnly(plans, "UPDATE " + p + "ledger l SET");
        }
    }

    @Test
    void aCallersTransactionKeepsItsOwnPlanning() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 4)) {
            JdbcRegistrationStore outside = tables.store();
            Event event = Tables.event("callers", 5);
            outside.saveEvent(event);
            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(false);
                RegistrationService inside =
                        Tables.service(JdbcRegistrationStore.builder(ConnectionFactory.joining(() -> callers, c -> {}))
                                .tablePrefix(tables.prefix)
                                .build());
                for (int i = 0; i < 3; i++) {
                    assertThat(inside.register(Tables.request(event, "k" + i, "")))
                            .isInstanceOf(RegistrationOutcome.Confirmed.class);
                }
                try (Statement s = callers.createStatement();
                        ResultSet rs = s.executeQuery("SHOW plan_cache_mode")) {
                    rs.next();
                    assertThat(rs.getString(1))
                            .as("the caller's transaction, after the store's units of work in it")
                            .isEqualTo("auto");
                }
                callers.rollback();
                callers.setAutoCommit(true);
            }
        }
    }
}
