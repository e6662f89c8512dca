package org.eventregistration.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.Session;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.RegistrationStore;

/** The invariants every event must keep, whatever happened to it. */
public final class Invariants {
    private Invariants() {}

    /**
     * Checks one event's committed state.
     *
     * @param context printed with every failure (the seed, the step)
     */
    public static void check(RegistrationStore store, Event event, String context) {
        Ledger ledger = store.findLedger(event.id()).orElseThrow();
        List<Registration> all = store.findRegistrations(event.id());

        // The ledger's counters are exactly what the registrations hold.
        Map<CounterKey, Integer> held = new TreeMap<>();
        for (Registration r : all) {
            assertThat(r.status().holdsSeat())
                    .as("%s: %s holds %s", context, r, r.holds())
                    .isEqualTo(!r.holds().isEmpty());
            for (CounterKey k : r.holds()) {
                held.merge(k, 1, Integer::sum);
            }
            if (r.status().holdsSeat()) {
                assertThat(r.holds())
                        .as("%s: %s holds the event counter", context, r)
                        .contains(CounterKey.EVENT);
                for (var s : r.sessions()) {
                    assertThat(r.holds())
                            .as("%s: %s holds its session", context, r)
                            .contains(CounterKey.session(s));
                }
            }
        }
        assertThat(ledger.taken())
                .as("%s: ledger counters of %s equal the sum of holds()", context, event.id())
                .isEqualTo(held);

        // No rule over its limit.
        assertThat(ledger.taken(CounterKey.EVENT))
                .as("%s: event seats", context)
                .isLessThanOrEqualTo(event.capacity().seats());
        for (Session s : event.sessions()) {
            assertThat(ledger.taken(CounterKey.session(s.id())))
                    .as("%s: session %s seats", context, s.id())
                    .isLessThanOrEqualTo(s.seats());
        }
        if (event.capacity().limitsOrganisations()) {
            ledger.taken().forEach((k, v) -> {
                if (k.value().startsWith("org:")) {
                    assertThat(v)
                            .as("%s: quota of %s", context, k)
                            .isLessThanOrEqualTo(event.capacity().maxPerOrganisation());
                }
            });
        }

        // The waiting list: counted right, sequences unique and within the tail.
        List<Registration> waiting = all.stream()
                .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .toList();
        assertThat(ledger.waitingCount())
                .as("%s: waitingCount equals the number WAITLISTED", context)
                .isEqualTo(waiting.size());
        Set<Long> sequences = new HashSet<>();
        for (Registration r : waiting) {
            assertThat(sequences.add(r.waitlistSequence()))
                    .as("%s: duplicate waiting-list sequence %s", context, r.waitlistSequence())
                    .isTrue();
            assertThat(r.waitlistSequence())
                    .as("%s: sequence within the tail", context)
                    .isBetween(1L, ledger.waitlistTail());
        }

        // At most one active registration per e-mail.
        Map<String, Registration> active = new HashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Registration r : all) {
            if (r.status().isActive() && active.put(r.attendee().normalizedEmail(), r) != null) {
                duplicates.add(r.attendee().normalizedEmail());
            }
        }
        assertThat(duplicates)
                .as("%s: e-mails with two active registrations", context)
                .isEmpty();
    }

    /** Checks that the waiting positions the service reports are exactly 1..n in sequence order. */
    public static void checkPositions(
            org.eventregistration.service.RegistrationService service, Event event, String context) {
        List<Registration> waiting = Fixtures.console(service).waitingList(event.id());
        for (int i = 0; i < waiting.size(); i++) {
            if (i > 0) {
                assertThat(waiting.get(i).waitlistSequence())
                        .as("%s: waiting list in order", context)
                        .isGreaterThan(waiting.get(i - 1).waitlistSequence());
            }
            assertThat(Fixtures.console(service).waitingPosition(waiting.get(i).id()))
                    .as("%s: position of #%s", context, i)
                    .hasValue(i + 1);
        }
    }
}
