package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventregistration.jdbc.JdbcProxies.invoke;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL: a unit of work on an event whose state the store saw last, in the store's own
 * transaction, runs in one round trip when that state is all it needs; a read that needs the
 * database still gets the database's answer. (Another node's changes in between: {@link
 * TwoNodesTest}; the contract: {@link PostgresJdbcStoreContractTest}.)
 */
class SeenStateTest {

    @Test
    void aRegistrationOnAnEventSeenLastIsOneRoundTrip() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            AtomicInteger roundTrips = new AtomicInteger();
            JdbcRegistrationStore store = store(tables, counting(tables.pool, roundTrips));
            Event event = Fixtures.event("seen", 10);
            store.saveEvent(event);
            // The store created the event: it knows its empty ledger and the version of its row.
            roundTrips.set(0);
            register(store, event, "first@example.org");
            assertThat(roundTrips).as("the first registration of a new event").hasValue(1);
            roundTrips.set(0);
            Registration second = register(store, event, "second@example.org");
            assertThat(roundTrips).hasValue(1);

            // A read the state cannot answer locks the ledger and asks the database.
            roundTrips.set(0);
            store.inTransaction(event.id(), tx -> {
                assertThat(tx.findRegistration(second.id())).contains(second);
                assertThat(tx.findActiveByEmail("first@example.org")).isPresent();
                return null;
            });
            assertThat(roundTrips.get()).isGreaterThan(1);
            assertThat(store.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(2);

            // Turned off: under the lock, three round trips (the lock with the address look-up,
            // the idempotency key's look-up, the writes with the COMMIT).
            System.setProperty(UnitsOfWork.SEEN_STATE, "false");
            JdbcRegistrationStore locked;
            try {
                locked = store(tables, counting(tables.pool, roundTrips));
            } finally {
                System.clearProperty(UnitsOfWork.SEEN_STATE);
            }
            register(locked, event, "third@example.org");
            roundTrips.set(0);
            register(locked, event, "fourth@example.org");
            assertThat(roundTrips).hasValue(3);
        }
    }

    @Test
    void aNewEventChangedByAnotherNodeBeforeItsFirstRegistrationIsReadAgain() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            JdbcRegistrationStore creator = tables.store();
            JdbcRegistrationStore other = tables.store();
            Event event = Fixtures.event("changed", 10);
            creator.saveEvent(event);
            // Another node cancels the event before anyone registers: the creator's remembered row
            // version is stale, and its first unit of work must see the cancelled definition.
            Event cancelled =
                    event.toBuilder().cancelledAt(java.time.Instant.now()).build();
            other.saveEvent(cancelled);
            boolean[] sawCancelled = new boolean[1];
            creator.inTransaction(event.id(), tx -> {
                sawCancelled[0] = tx.event().isCancelled();
                tx.updateLedger(tx.ledger().take(java.util.Set.of(CounterKey.EVENT)));
                return null;
            });
            assertThat(sawCancelled[0])
                    .as("the unit of work saw the other node's definition")
                    .isTrue();
            assertThat(creator.findLedger(event.id()).orElseThrow().version()).isEqualTo(1);
        }
    }

    @Test
    void theEventWithItsLedgerIsOneRoundTrip() {
        try (Tables tables = new Tables(TestDatabases.postgres(), 2)) {
            AtomicInteger roundTrips = new AtomicInteger();
            JdbcRegistrationStore store = store(tables, counting(tables.pool, roundTrips));
            Event event = Fixtures.event("counts", 10);
            store.saveEvent(event);
            register(store, event, "first@example.org");
            register(store, event, "second@example.org");
            roundTrips.set(0);
            org.eventregistration.spi.EventState state =
                    store.findEventState(event.id()).orElseThrow();
            assertThat(roundTrips).as("round trips of the public counts' read").hasValue(1);
            assertThat(state.ledger().taken(CounterKey.EVENT)).isEqualTo(2);
            assertThat(state.ledger()).isEqualTo(store.findLedger(event.id()).orElseThrow());
            assertThat(state.event()).isEqualTo(event);
        }
    }

    @Test
    void thePublicCountsLeaveTheDefinitionOutWhileItsRowIsUnchanged() throws Exception {
        try (Tables tables = new Tables(TestDatabases.postgres(), 3)) {
            AtomicInteger roundTrips = new AtomicInteger();
            AtomicInteger definitions = new AtomicInteger();
            JdbcRegistrationStore store = store(tables, counting(tables.pool, roundTrips, definitions));
            JdbcRegistrationStore otherNode = tables.store();
            Event event = Fixtures.event("unchanged", 10);
            store.saveEvent(event);
            assertThat(store.findEventState(event.id()).orElseThrow().event()).isEqualTo(event);
            assertThat(definitions).as("the first read").hasValue(1);

            definitions.set(0);
            register(store, event, "first@example.org");
            org.eventregistration.spi.EventState state =
                    store.findEventState(event.id()).orElseThrow();
            assertThat(definitions).as("the definition's row is unchanged").hasValue(0);
            assertThat(state.event()).isEqualTo(event);
            assertThat(state.ledger().taken(CounterKey.EVENT)).isEqualTo(1);

            // Another node changes the definition: the next read brings it.
            Event renamed = event.toBuilder()
                    .title(org.eventregistration.i18n.LocalizedText.of("Nytt namn"))
                    .build();
            otherNode.saveEvent(renamed);
            definitions.set(0);
            Event got = store.findEventState(event.id()).orElseThrow().event();
            assertThat(got).usingRecursiveComparison().isEqualTo(renamed);
            assertThat(definitions).hasValue(1);
            definitions.set(0);
            assertThat(store.findEventState(event.id()).orElseThrow().event()).isSameAs(got);
            assertThat(definitions).hasValue(0);

            // In a caller's transaction every read brings the definition, and sees what the
            // transaction wrote (not yet committed, it is no version to start from).
            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(false);
                AtomicInteger joinedDefinitions = new AtomicInteger();
                DataSource joinedSource = counting(single(callers), new AtomicInteger(), joinedDefinitions);
                JdbcRegistrationStore joined = JdbcRegistrationStore.builder(
                                ConnectionFactory.joining(joinedSource::getConnection, c -> {}))
                        .tablePrefix(tables.prefix)
                        .build();
                Event first = renamed.toBuilder()
                        .title(org.eventregistration.i18n.LocalizedText.of("Første"))
                        .build();
                joined.saveEvent(first);
                assertThat(joined.findEventState(event.id()).orElseThrow().event())
                        .isEqualTo(first);
                Event second = first.toBuilder()
                        .title(org.eventregistration.i18n.LocalizedText.of("Andre"))
                        .build();
                joined.saveEvent(second);
                assertThat(joined.findEventState(event.id()).orElseThrow().event())
                        .isEqualTo(second);
                assertThat(joinedDefinitions).hasValue(2);
                callers.commit();
                callers.setAutoCommit(true);
            }
            definitions.set(0);
            assertThat(store.findEventState(event.id()).orElseThrow().event().title())
                    .isEqualTo(org.eventregistration.i18n.LocalizedText.of("Andre"));
            assertThat(definitions).hasValue(1);
        }
    }

    /** A data source that always gives the same connection (its close does nothing). */
    private static DataSource single(Connection c) {
        Connection kept =
                JdbcProxies.proxy(Connection.class, (p, m, a) -> m.getName().equals("close") ? null : invoke(c, m, a));
        return JdbcProxies.proxy(
                DataSource.class, (p, m, a) -> m.getName().equals("getConnection") ? kept : invoke(c, m, a));
    }

    /** A store on the tables through another data source, closed with them. */
    private static JdbcRegistrationStore store(Tables tables, DataSource ds) {
        return tables.closing(
                JdbcRegistrationStore.builder(ds).tablePrefix(tables.prefix).build());
    }

    /** What the service does: look the address up, insert, take a seat. */
    private static Registration register(JdbcRegistrationStore store, Event event, String email) {
        Registration r = Fixtures.confirmed(event.id(), email);
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.findActiveByEmails(java.util.List.of(email))).isEmpty();
            r.idempotencyKey()
                    .ifPresent(key -> assertThat(tx.findByIdempotencyKey(key)).isEmpty());
            tx.insert(r);
            tx.updateLedger(tx.ledger().take(java.util.Set.of(CounterKey.EVENT)));
            return null;
        });
        return r;
    }

    /**
     * Counts round trips: statement executions, and commits and rollbacks the driver sends (none
     * when it knows no transaction is open, after a COMMIT sent with the writes).
     */
    private static DataSource counting(DataSource ds, AtomicInteger roundTrips) {
        return counting(ds, roundTrips, new AtomicInteger());
    }

    /** Counts round trips, and event definitions read (JSON in the first column of a public counts' row). */
    private static DataSource counting(DataSource ds, AtomicInteger roundTrips, AtomicInteger definitions) {
        return JdbcProxies.wrapping(ds, c -> connection(c, roundTrips, definitions));
    }

    private static Connection connection(Connection c, AtomicInteger roundTrips, AtomicInteger definitions) {
        return JdbcProxies.proxy(Connection.class, (p, m, a) -> {
            if (JdbcProxies.sendsTransactionEnd(c, m)) {
                roundTrips.incrementAndGet();
            }
            Object result = invoke(c, m, a);
            if (result instanceof java.sql.PreparedStatement s) {
                boolean counts =
                        a != null && a.length > 0 && String.valueOf(a[0]).contains("ledger_counter c");
                return statement(s, java.sql.PreparedStatement.class, roundTrips, counts ? definitions : null);
            }
            if (result instanceof Statement s) {
                return statement(s, Statement.class, roundTrips, null);
            }
            return result;
        });
    }

    private static Object statement(Statement s, Class<?> type, AtomicInteger roundTrips, AtomicInteger definitions) {
        return Proxy.newProxyInstance(SeenStateTest.class.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getName().startsWith("execute")) {
                roundTrips.incrementAndGet();
            }
            Object result = invoke(s, m, a);
            if (definitions != null && result instanceof java.sql.ResultSet rs) {
                return Proxy.newProxyInstance(
                        SeenStateTest.class.getClassLoader(), new Class<?>[] {java.sql.ResultSet.class}, (q, n, b) -> {
                            Object value = invoke(rs, n, b);
                            if (n.getName().equals("getString")
                                    && Integer.valueOf(1).equals(b[0])
                                    && value instanceof String text
                                    && text.startsWith("{")) {
                                definitions.incrementAndGet();
                            }
                            return value;
                        });
            }
            return result;
        });
    }
}
