package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.eligibility.EligibilityDecision;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Event definitions shared between nodes, custom rules, and what the database itself enforces. */
class EventStorageTest {
    private static final EligibilityRule VIP = EligibilityRule.custom(
            "vip-list",
            a -> a.attendee().email().startsWith("vip"),
            Reason.of("eligibility.custom.vip"),
            Reason.of("eligibility.custom.notVip"));

    static Stream<TestDatabases.TestDatabase> databases() {
        return TestDatabases.all();
    }

    @ParameterizedTest(name = "[{0}] every built-in rule and a registered custom rule round-trip to another node")
    @MethodSource("databases")
    void rulesRoundTrip(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            EligibilityRule rule = EligibilityRule.anyOf(
                            EligibilityRule.allOf(
                                    EligibilityRule.sectorIn(Sector.STATE, Sector.COUNTY),
                                    EligibilityRule.roleIn(Role.LEADER)),
                            EligibilityRule.organisationNumberIn(
                                    OrganisationNumber.parse("974760673"), OrganisationNumber.parse("944382038")),
                            EligibilityRule.not(EligibilityRule.emailDomainIn("example.org", "@Kommune.no")),
                            EligibilityRule.invitationCode("SECRET-1", "Secret-2"),
                            EligibilityRule.everyone(),
                            VIP)
                    .orApproval();
            Event event = Fixtures.event("rules", 10).toBuilder()
                    .eligibility(rule, OutsideAudience.REJECT)
                    .build();
            JdbcRegistrationStore nodeA = JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .customRule(VIP)
                    .build();
            JdbcRegistrationStore nodeB = JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .customRule(VIP)
                    .build();
            nodeA.saveEvent(event);
            Event read = nodeB.findEvent(event.id()).orElseThrow();
            assertThat(read.eligibility()).isEqualTo(rule);
            assertThat(read.capacity()).isEqualTo(event.capacity());
            assertThat(read.questions()).isEqualTo(event.questions());
            // A node that does not know the custom rule says which one is missing.
            JdbcRegistrationStore nodeC = JdbcRegistrationStore.builder(tables.pool)
                    .tablePrefix(tables.prefix)
                    .build();
            assertThatThrownBy(() -> nodeC.findEvent(event.id()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vip-list")
                    .hasMessageContaining("customRule");
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] an event with an unregistered custom rule or a lambda is refused clearly, and nothing is stored")
    @MethodSource("databases")
    void unstorableRules(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event custom = Fixtures.event("custom", 10).toBuilder()
                    .eligibility(VIP, OutsideAudience.REJECT)
                    .build();
            assertThatThrownBy(() -> store.saveEvent(custom))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'vip-list'")
                    .hasMessageContaining("not registered");
            EligibilityRule lambda = applicant -> EligibilityDecision.eligible(Reason.of("x"));
            Event withLambda = Fixtures.event("lambda", 10).toBuilder()
                    .eligibility(lambda, OutsideAudience.REJECT)
                    .build();
            assertThatThrownBy(() -> store.saveEvent(withLambda))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot be stored");
            assertThat(store.findEvents()).isEmpty();
            assertThatThrownBy(() -> JdbcRegistrationStore.builder(tables.pool).customRule(EligibilityRule.everyone()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> JdbcRegistrationStore.builder(tables.pool)
                            .customRule(VIP)
                            .customRule(VIP))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("vip-list");
        }
    }

    @ParameterizedTest(
            name =
                    "[{0}] the unique constraints refuse a second active e-mail even past the store's own check (SQLState 23xxx)")
    @MethodSource("databases")
    void databaseEnforcesUniqueness(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("unique", 10);
            store.saveEvent(event);
            Registration active = Fixtures.confirmed(event.id(), "kari@example.org");
            Registration cancelled = Fixtures.moved(
                    Fixtures.confirmed(event.id(), "kari@example.org"),
                    RegistrationStatus.CANCELLED,
                    Set.of(),
                    Fixtures.NOW);
            store.inTransaction(event.id(), tx -> {
                tx.insert(cancelled);
                tx.insert(active);
                return null;
            });
            // Made active again behind the lifecycle's back: only the database can refuse it.
            Registration revived = cancelled.toBuilder()
                    .status(RegistrationStatus.CONFIRMED)
                    .holds(Set.of(CounterKey.EVENT))
                    .history(List.of(new StatusChange(RegistrationStatus.CONFIRMED, Fixtures.NOW, Actor.system(), "x")))
                    .build();
            assertThatThrownBy(() -> store.inTransaction(event.id(), tx -> {
                        tx.update(revived);
                        return null;
                    }))
                    .isInstanceOfSatisfying(
                            DuplicateRegistrationException.class,
                            e -> assertThat(e.sqlState())
                                    .hasValueSatisfying(s -> assertThat(s).startsWith("23")));
            assertThat(store.findRegistration(cancelled.id())).contains(cancelled);
        }
    }

    @ParameterizedTest(name = "[{0}] ids, idempotency keys and e-mails compare exactly (case and accents)")
    @MethodSource("databases")
    void exactComparison(TestDatabases.TestDatabase db) {
        try (Tables tables = new Tables(db, 4)) {
            JdbcRegistrationStore store = tables.store();
            Event event = Fixtures.event("exact", 10);
            store.saveEvent(event);
            Registration lower = Fixtures.minimal(event.id(), "jose@example.org").toBuilder()
                    .id(RegistrationId.of("abc"))
                    .idempotencyKey(Optional.of("key"))
                    .build();
            Registration upper = Fixtures.minimal(event.id(), "josé@example.org").toBuilder()
                    .id(RegistrationId.of("ABC"))
                    .idempotencyKey(Optional.of("KEY"))
                    .build();
            store.inTransaction(event.id(), tx -> {
                tx.insert(lower);
                tx.insert(upper);
                return null;
            });
            assertThat(store.findRegistration(RegistrationId.of("abc"))).contains(lower);
            assertThat(store.findRegistration(RegistrationId.of("ABC"))).contains(upper);
        }
    }
}
