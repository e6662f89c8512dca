package org.eventregistration.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.junit.jupiter.api.Test;

/** The ledger's counters: immutable, sorted, never zero or negative, however the ledger was made. */
class LedgerTest {
    private static final EventId EVENT = EventId.of("ledger");
    private static final CounterKey SESSION = CounterKey.session(SessionId.of("a"));

    @Test
    void takingAndReleasingKeepsOnlyPositiveCounters() {
        Ledger one = Ledger.empty(EVENT).take(List.of(CounterKey.EVENT, SESSION));
        Ledger two = one.take(List.of(CounterKey.EVENT));
        assertThat(two.taken()).containsExactly(Map.entry(CounterKey.EVENT, 2), Map.entry(SESSION, 1));
        assertThat(two.version()).isEqualTo(2);

        Ledger released = two.release(List.of(SESSION));
        assertThat(released.taken()).containsExactly(Map.entry(CounterKey.EVENT, 2));
        assertThat(released.taken(SESSION)).isZero();
        assertThat(released.taken().containsKey(SESSION)).isFalse();
        // The earlier ledgers are unchanged.
        assertThat(two.taken(SESSION)).isEqualTo(1);
        assertThat(one.taken(CounterKey.EVENT)).isEqualTo(1);
    }

    @Test
    void releasingBelowZeroFails() {
        Ledger one = Ledger.empty(EVENT).take(List.of(CounterKey.EVENT));
        assertThatThrownBy(() -> one.release(List.of(SESSION)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be negative");
        assertThatThrownBy(() -> new Ledger(EVENT, 1, Map.of(SESSION, -1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be negative");
    }

    @Test
    void countersAreImmutableAndEqualToPlainMaps() {
        Ledger taken = Ledger.empty(EVENT).take(List.of(CounterKey.EVENT, SESSION));
        Map<CounterKey, Integer> counters = taken.taken();
        assertThatThrownBy(() -> counters.put(SESSION, 5)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counters.remove(SESSION)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(counters::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> counters.entrySet().iterator().next().setValue(9))
                .isInstanceOf(UnsupportedOperationException.class);

        Map<CounterKey, Integer> plain = new HashMap<>(Map.of(CounterKey.EVENT, 1, SESSION, 1));
        assertThat(counters).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(counters.toString()).isEqualTo(new TreeMap<>(plain).toString());
        // A ledger built from the same values (as a store reads it back) is equal.
        Ledger read = new Ledger(EVENT, 1, plain, 0, 0);
        assertThat(read).isEqualTo(taken).hasSameHashCodeAs(taken);
    }

    @Test
    void aLedgerCopiesTheMapItIsGiven() {
        Map<CounterKey, Integer> given = new HashMap<>(Map.of(CounterKey.EVENT, 3, SESSION, 0));
        Ledger ledger = new Ledger(EVENT, 4, given, 0, 0);
        given.put(CounterKey.EVENT, 99);
        assertThat(ledger.taken()).containsExactly(Map.entry(CounterKey.EVENT, 3));
    }
}
