package org.eventregistration.capacity;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.eventregistration.event.EventId;

/**
 * The per-event record of what is taken: seat counters, the waiting list's tail and length, and a
 * version that grows with every change.
 *
 * <p>Immutable and thread-safe. Capacity decisions read the ledger, never a scan of registrations,
 * so a registration costs the same with ten or a hundred thousand registrations already stored.
 * Counters that are zero are not kept.
 *
 * @param eventId the event
 * @param version incremented on every change
 * @param taken the counters; no zero or negative values
 * @param waitlistTail the sequence number of the last person who joined the waiting list (0 if
 *     none ever did); sequence numbers are never reused
 * @param waitingCount how many are on the waiting list now
 */
public record Ledger(
        EventId eventId, long version, Map<CounterKey, Integer> taken, long waitlistTail, int waitingCount) {

    /** Validates and copies. */
    public Ledger {
        Objects.requireNonNull(eventId, "eventId");
        if (!(taken instanceof Counters)) { // a Counters map is immutable and already checked
            TreeMap<CounterKey, Integer> copy = new TreeMap<>();
            EventId id = eventId;
            taken.forEach((k, v) -> {
                if (v != 0) {
                    copy.put(k, v);
                }
            });
            taken = new Counters(checked(id, copy));
        }
        if (waitlistTail < 0 || waitingCount < 0 || waitingCount > waitlistTail) {
            throw new IllegalArgumentException(
                    "inconsistent waiting list for " + eventId + ": tail " + waitlistTail + ", count " + waitingCount);
        }
    }

    /** The empty ledger of a new event. */
    public static Ledger empty(EventId eventId) {
        return new Ledger(eventId, 0, Map.of(), 0, 0);
    }

    /** The value of one counter; zero if never taken. */
    public int taken(CounterKey key) {
        return taken.getOrDefault(key, 0);
    }

    /** A copy with the given counters incremented by one each. */
    public Ledger take(Iterable<CounterKey> keys) {
        return adjust(keys, 1);
    }

    /** A copy with the given counters decremented by one each. */
    public Ledger release(Iterable<CounterKey> keys) {
        return adjust(keys, -1);
    }

    /** A copy with one more person on the waiting list; their sequence is the new {@link #waitlistTail}. */
    public Ledger joinWaitlist() {
        return new Ledger(eventId, version + 1, taken, waitlistTail + 1, waitingCount + 1);
    }

    /**
     * A copy whose waiting-list tail moves on by one while nobody joins: the new {@link
     * #waitlistTail} is a sequence number set aside for a registration that may join later (one
     * pending approval), so that it then takes its place by the time it registered, ahead of
     * everyone who joined after it. Sequence numbers stay unique; the waiting list may have gaps.
     */
    public Ledger reserveWaitlistSequence() {
        return new Ledger(eventId, version + 1, taken, waitlistTail + 1, waitingCount);
    }

    /**
     * A copy with one more person on the waiting list under a sequence number set aside earlier
     * ({@link #reserveWaitlistSequence}): the tail stays where it is.
     */
    public Ledger joinWaitlistReserved() {
        return new Ledger(eventId, version + 1, taken, waitlistTail, waitingCount + 1);
    }

    /** A copy with one person fewer on the waiting list. */
    public Ledger leaveWaitlist() {
        return new Ledger(eventId, version + 1, taken, waitlistTail, waitingCount - 1);
    }

    /**
     * A copy without the per-organisation counters ({@code org:<key>}, where the key may be the
     * name a person typed for their employer); this ledger if it has none. For the end of an
     * event's personal data: the quotas they enforced no longer matter.
     */
    public Ledger withoutOrganisationCounters() {
        TreeMap<CounterKey, Integer> copy = new TreeMap<>(((Counters) taken).counters);
        if (!copy.keySet().removeIf(CounterKey::isOrganisation)) {
            return this;
        }
        return new Ledger(eventId, version + 1, new Counters(copy), waitlistTail, waitingCount);
    }

    private Ledger adjust(Iterable<CounterKey> keys, int delta) {
        TreeMap<CounterKey, Integer> copy = new TreeMap<>(((Counters) taken).counters);
        for (CounterKey key : keys) {
            // Zero counters are not kept: merge removes a key whose sum is null, so map 0 to null.
            copy.merge(key, delta, (a, b) -> a + b == 0 ? null : a + b);
        }
        return new Ledger(eventId, version + 1, new Counters(checked(eventId, copy)), waitlistTail, waitingCount);
    }

    private static TreeMap<CounterKey, Integer> checked(EventId eventId, TreeMap<CounterKey, Integer> counters) {
        counters.forEach((k, v) -> {
            if (v < 0) {
                throw new IllegalArgumentException("counter " + k + " of " + eventId + " would be negative: " + v);
            }
        });
        return counters;
    }

    /**
     * The counters of a ledger: immutable, sorted by key, no zero or negative values. Lets a ledger
     * made from another skip copying them again.
     */
    private static final class Counters extends AbstractMap<CounterKey, Integer> {
        private final TreeMap<CounterKey, Integer> counters;
        private final Set<Map.Entry<CounterKey, Integer>> entries;

        Counters(TreeMap<CounterKey, Integer> counters) {
            this.counters = counters;
            this.entries = Collections.unmodifiableMap(counters).entrySet();
        }

        @Override
        public Set<Map.Entry<CounterKey, Integer>> entrySet() {
            return entries;
        }

        @Override
        public Integer get(Object key) {
            return counters.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return counters.containsKey(key);
        }

        @Override
        public int size() {
            return counters.size();
        }
    }
}
