package org.eventregistration.jdbc;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;

/**
 * The counter rows a unit of work's ledger change writes: the counters set (in key order, the
 * order rows are written in), which of them are new, and those deleted (down to zero, which a
 * ledger does not keep).
 *
 * @param setKeys the keys of the counters set, in key order
 * @param setTaken their new values, in the same order
 * @param newKeys those of {@code setKeys} without a row yet
 * @param deleted the keys of the counters deleted, in key order
 */
record CounterChanges(List<String> setKeys, List<Integer> setTaken, Set<String> newKeys, List<String> deleted) {

    /**
     * The changes from one ledger to another. A ledger keeps its counters sorted by key and none
     * that is zero: one pass over each, without sorting them all again.
     */
    static CounterChanges between(Ledger before, Ledger after) {
        List<String> setKeys = new ArrayList<>();
        List<Integer> setTaken = new ArrayList<>();
        Set<String> newKeys = new HashSet<>();
        List<String> deleted = new ArrayList<>();
        Map<CounterKey, Integer> was = before.taken();
        Map<CounterKey, Integer> is = after.taken();
        if (before != after && was != is) {
            for (Map.Entry<CounterKey, Integer> e : is.entrySet()) {
                Integer old = was.get(e.getKey());
                if (!e.getValue().equals(old)) {
                    setKeys.add(e.getKey().value());
                    setTaken.add(e.getValue());
                    if (old == null) {
                        newKeys.add(e.getKey().value());
                    }
                }
            }
            for (CounterKey k : was.keySet()) {
                if (!is.containsKey(k)) {
                    deleted.add(k.value());
                }
            }
        }
        return new CounterChanges(setKeys, setTaken, newKeys, deleted);
    }
}
