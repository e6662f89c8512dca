package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.tck.Fixtures;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two nodes on one database, each with its own store and service (and so its own caches: the
 * service's definitions it checked forms against, the store's decoded definitions): whatever the
 * other node did in between (a registration, a changed definition, the same person or the same
 * request) is never missed.
 */
class TwoNodesTest {

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    /** Two nodes: each its own store and service on the same tables; the event saved through node A. */
    private record Nodes(JdbcRegistrationStore storeA, RegistrationService a, RegistrationService b) {
        static Nodes on(Tables tables, Event event) {
            JdbcRegistrationStore storeA = tables.store();
            Nodes nodes = new Nodes(storeA, Tables.service(storeA), Tables.service(tables.store()));
            nodes.a.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            return nodes;
        }

        int seatsTaken(Event event) {
            return storeA.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT);
        }
    }

    private static void registers(RegistrationService node, Event event, String who, String key, Class<?> outcome) {
        assertThat(node.register(Tables.request(event, who, key))).as(who).isInstanceOf(outcome);
    }

    @ParameterizedTest(name = "[{0}] a seat taken by another node is seen")
    @MethodSource("databases")
    void seatTakenElsewhere(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("two-seat", 2);
            Nodes nodes = Nodes.on(tables, event);
            registers(nodes.a, event, "p1", "", RegistrationOutcome.Confirmed.class);
            registers(nodes.b, event, "p2", "", RegistrationOutcome.Confirmed.class);
            // Node A last saw one seat taken of two; the event is full now.
            registers(nodes.a, event, "p3", "", RegistrationOutcome.Waitlisted.class);
            registers(nodes.a, event, "p4", "", RegistrationOutcome.Waitlisted.class);
            assertThat(nodes.seatsTaken(event)).isEqualTo(2);
        }
    }

    @ParameterizedTest(name = "[{0}] a definition changed by another node is seen")
    @MethodSource("databases")
    void definitionChangedElsewhere(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("two-definition", 3);
            Nodes nodes = Nodes.on(tables, event);
            registers(nodes.a, event, "p1", "", RegistrationOutcome.Confirmed.class);
            // The organiser, on node B, cuts the seats to one: the ledger is untouched, the definition is not.
            nodes.b.console(OrganiserId.DEFAULT, "ola").saveEvent(Tables.event("two-definition", 1));
            registers(nodes.a, event, "p2", "", RegistrationOutcome.Waitlisted.class);
            assertThat(nodes.seatsTaken(event)).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "[{0}] the same person or the same request through another node is already registered")
    @MethodSource("databases")
    void samePersonElsewhere(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("two-person", 5);
            Nodes nodes = Nodes.on(tables, event);
            registers(nodes.a, event, "p1", "k1", RegistrationOutcome.Confirmed.class);
            registers(nodes.b, event, "p2", "k2", RegistrationOutcome.Confirmed.class);
            // p2 again, through node A: by e-mail (a verified address may be told), the same request
            // again (its registration), and the same idempotency key with another request (refused).
            registers(nodes.a, event, "p2", "k3", RegistrationOutcome.AlreadyRegistered.class);
            RegistrationOutcome again = nodes.a.register(Tables.request(event, "p2", "k2"));
            assertThat(again)
                    .isInstanceOfSatisfying(
                            RegistrationOutcome.Repeated.class,
                            r -> assertThat(r.registration())
                                    .isEqualTo(nodes.storeA
                                            .findRegistrations(event.id())
                                            .get(1)));
            registers(nodes.a, event, "p9", "k2", RegistrationOutcome.IdempotencyKeyReused.class);
            // Typed into a public form, unverified: the answer a newcomer would get, nothing stored.
            assertThat(nodes.a.register(Tables.unverified(event, "p2", "k4")))
                    .isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
            assertThat(nodes.seatsTaken(event)).isEqualTo(2);
            assertThat(tables.count("registration")).isEqualTo(2);
        }
    }

    @ParameterizedTest(
            name = "[{0}] an unconfirmed place taken on one node is held on the other, and freed by its expiry there")
    @MethodSource("databases")
    void unconfirmedElsewhere(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            Event event = Tables.event("two-unconfirmed", 1);
            MutableClock clock = MutableClock.at(Fixtures.NOW, Fixtures.OSLO);
            JdbcRegistrationStore storeA = tables.store();
            RegistrationService a =
                    RegistrationService.builder().store(storeA).clock(clock).build();
            RegistrationService b = RegistrationService.builder()
                    .store(tables.store())
                    .clock(clock)
                    .build();
            a.console(OrganiserId.DEFAULT, "ola").saveEvent(event);
            RegistrationOutcome first = a.register(Tables.unverified(event, "p1", "k1"));
            assertThat(first).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
            // Node B sees the seat held, unconfirmed as it is.
            registers(b, event, "p2", "k2", RegistrationOutcome.Waitlisted.class);
            assertThat(b.expireUnconfirmed()).isZero();
            clock.advance(AddressConfirmation.DEFAULT_HOLD);
            assertThat(b.expireUnconfirmed()).isEqualTo(1);
            assertThat(a.expireUnconfirmed()).isZero();
            assertThat(storeA.findRegistrations(event.id()))
                    .extracting(Registration::status)
                    .containsExactly(RegistrationStatus.EXPIRED, RegistrationStatus.CONFIRMED);
            assertThat(storeA.findLedger(event.id()).orElseThrow().taken(CounterKey.EVENT))
                    .isEqualTo(1);
        }
    }
}
