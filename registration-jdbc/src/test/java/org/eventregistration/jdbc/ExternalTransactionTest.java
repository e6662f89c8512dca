package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.util.stream.Stream;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.RegistrationService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application with its own transactions hands the store the connection of its current
 * transaction (as Spring's DataSourceUtils would): the store joins it and never commits it.
 */
class ExternalTransactionTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    private static JdbcRegistrationStore joining(Tables tables, Connection callers) {
        return JdbcRegistrationStore.builder(ConnectionFactory.joining(() -> callers, c -> {}))
                .tablePrefix(tables.prefix)
                .build();
    }

    @ParameterizedTest(name = "[{0}] joined: the caller's rollback removes our writes, the caller's commit keeps them")
    @MethodSource("databases")
    void callerDecides(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore outside = tables.store();
            Event event = Tables.event("joined", 5);
            outside.saveEvent(event);

            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(false);
                RegistrationService inside = Tables.service(joining(tables, callers));
                assertThat(inside.register(Tables.request(event, "kari", "k")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
                assertThat(callers.getAutoCommit()).isFalse();
                assertThat(callers.isClosed()).isFalse();
                // Not committed: other connections see nothing yet.
                assertThat(outside.findRegistrations(event.id())).isEmpty();
                callers.rollback();
                assertThat(outside.findRegistrations(event.id())).isEmpty();
                assertThat(outside.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                        .isZero();
                assertThat(tables.count("outbox")).isZero();

                assertThat(inside.register(Tables.request(event, "ola", "o")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
                callers.commit();
                assertThat(outside.findRegistrations(event.id())).hasSize(1);
                assertThat(outside.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                        .isEqualTo(1);
                callers.setAutoCommit(true);
            }
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] joined: listeners hear of a registration only after the caller commits, never after a rollback")
    @MethodSource("databases")
    void listenersAfterCallersCommit(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore outside = tables.store();
            Event event = Tables.event("listeners", 5);
            outside.saveEvent(event);
            java.util.List<Runnable> afterCommit = new java.util.ArrayList<>();
            java.util.List<org.eventregistration.spi.Notification> heard =
                    new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(false);
                JdbcRegistrationStore joined = JdbcRegistrationStore.builder(
                                ConnectionFactory.joining(() -> callers, c -> {}, afterCommit::add))
                        .tablePrefix(tables.prefix)
                        .build();
                RegistrationService inside = RegistrationService.builder()
                        .store(joined)
                        .listener(heard::add)
                        .build();

                inside.register(Tables.request(event, "kari", "k"));
                assertThat(heard).isEmpty();
                callers.rollback();
                afterCommit.clear(); // a transaction manager drops them on rollback
                assertThat(heard).isEmpty();

                inside.register(Tables.request(event, "ola", "o"));
                assertThat(heard).isEmpty();
                callers.commit();
                afterCommit.forEach(Runnable::run);
                assertThat(heard)
                        .extracting(org.eventregistration.spi.Notification::kind)
                        .containsExactly(org.eventregistration.spi.Notification.Kind.CONFIRMED);
                callers.setAutoCommit(true);
            }
            assertThat(outside.pendingNotifications(10)).isEmpty();
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] a joining factory outside any transaction: the store commits its own, listeners are told at once")
    @MethodSource("databases")
    void joiningFactoryWithoutTransactionTellsAtOnce(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore outside = tables.store();
            Event event = Tables.event("autocommit", 5);
            outside.saveEvent(event);
            java.util.List<Runnable> deferred = new java.util.ArrayList<>();
            java.util.List<org.eventregistration.spi.Notification> heard =
                    new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(true);
                JdbcRegistrationStore store = JdbcRegistrationStore.builder(
                                ConnectionFactory.joining(() -> callers, c -> {}, deferred::add))
                        .tablePrefix(tables.prefix)
                        .build();
                RegistrationService service = RegistrationService.builder()
                        .store(store)
                        .listener(heard::add)
                        .build();
                service.register(Tables.request(event, "kari", "k"));
            }
            assertThat(deferred)
                    .as("nothing to defer: the unit of work committed on its own")
                    .isEmpty();
            assertThat(heard).hasSize(1);
            assertThat(outside.findRegistrations(event.id())).hasSize(1);
            assertThat(outside.pendingNotifications(10)).isEmpty();
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] joined without an after-commit hook: nothing is told early; the outbox keeps it for later delivery")
    @MethodSource("databases")
    void joinedWithoutHookKeepsOutbox(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore outside = tables.store();
            Event event = Tables.event("nohook", 5);
            outside.saveEvent(event);
            java.util.List<org.eventregistration.spi.Notification> heard =
                    new java.util.concurrent.CopyOnWriteArrayList<>();
            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(false);
                RegistrationService inside = RegistrationService.builder()
                        .store(joining(tables, callers))
                        .listener(heard::add)
                        .build();
                inside.register(Tables.request(event, "kari", "k"));
                callers.commit();
                callers.setAutoCommit(true);
            }
            assertThat(heard).isEmpty();
            RegistrationService later = RegistrationService.builder()
                    .store(outside)
                    .listener(heard::add)
                    .build();
            assertThat(later.deliverPendingNotifications()).isEqualTo(1);
            assertThat(heard).hasSize(1);
        }
    }

    @ParameterizedTest(
            name = "[{0}] joined: a failing unit of work is undone to a savepoint; the caller's own work stays")
    @MethodSource("databases")
    void failureUndoneToSavepoint(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore outside = tables.store();
            try (Connection callers = tables.pool.getConnection()) {
                callers.setAutoCommit(false);
                JdbcRegistrationStore inside = joining(tables, callers);
                Event event = Tables.event("savepoint", 5);
                inside.saveEvent(event); // the caller's work in the same transaction
                assertThatThrownBy(() -> inside.inTransaction(event.id(), tx -> {
                            tx.updateLedger(tx.ledger().take(java.util.List.of(CounterKey.EVENT)));
                            throw new IllegalStateException("changed my mind");
                        }))
                        .hasMessage("changed my mind");
                callers.commit();
                callers.setAutoCommit(true);
                assertThat(outside.findEvent(event.id())).isPresent();
                assertThat(outside.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                        .isZero();
            }
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] a joining factory whose connection is in auto-commit mode: the store commits its own transaction")
    @MethodSource("databases")
    void noOpenTransaction(TestDatabases.TestDatabase db) throws Exception {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore outside = tables.store();
            Event event = Tables.event("autocommit", 5);
            outside.saveEvent(event);
            try (Connection callers = tables.pool.getConnection()) {
                assertThat(callers.getAutoCommit()).isTrue();
                RegistrationService inside = Tables.service(joining(tables, callers));
                assertThat(inside.register(Tables.request(event, "kari", "k")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
                assertThat(callers.getAutoCommit()).isTrue();
                assertThat(outside.findRegistrations(event.id())).hasSize(1);
            }
        }
    }
}
