package org.eventregistration.capacity;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eventregistration.i18n.Reason;

/** The answer of {@link CapacityCheck}: there is room (and these counters to take), or there is not (and why). */
public sealed interface CapacityDecision {

    /**
     * There is room in every rule.
     *
     * @param holds the counters the registration takes one of each
     */
    record Fits(SortedSet<CounterKey> holds) implements CapacityDecision {
        /** Copies. */
        public Fits {
            holds = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(holds));
        }

        static Fits of(Set<CounterKey> holds) {
            // The constructor makes the sorted copy; a sorted set need not be sorted into another first.
            return holds instanceof SortedSet<CounterKey> sorted ? new Fits(sorted) : new Fits(new TreeSet<>(holds));
        }
    }

    /**
     * Some rule has no room.
     *
     * @param reasons one reason per full rule
     */
    record Full(List<Reason> reasons) implements CapacityDecision {
        /** Copies. */
        public Full {
            reasons = List.copyOf(reasons);
        }
    }
}
