package org.eventregistration.capacity;

import java.util.Objects;
import org.eventregistration.event.SessionId;

/**
 * Names one counter of an event's {@link Ledger}: the event's seats, a session's seats, an
 * organisation's registrations, or a reserved-seat quota.
 *
 * <p>The textual {@link #value()} is what stores persist; at most 200 characters.
 *
 * @param value {@code event}, {@code session:<id>}, {@code org:<key>} or {@code reserved:<id>}
 */
public record CounterKey(String value) implements Comparable<CounterKey> {
    /** The event's seats. */
    public static final CounterKey EVENT = new CounterKey("event");

    /** Validates. */
    public CounterKey {
        Objects.requireNonNull(value, "value");
        if (!(value.equals("event")
                        || value.startsWith("session:")
                        || value.startsWith("org:")
                        || value.startsWith("reserved:"))
                || value.length() > 200) {
            throw new IllegalArgumentException(
                    "not a counter key: '" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
        }
    }

    /** The counter of one session's seats. */
    public static CounterKey session(SessionId id) {
        return new CounterKey("session:" + id.value());
    }

    /** The counter of one organisation's registrations (by organisation number or name). */
    public static CounterKey organisation(String organisationKey) {
        String key = "org:" + organisationKey;
        // Long organisation names are cut: the counter is a quota key, not a display value.
        return new CounterKey(key.length() > 200 ? key.substring(0, 200) : key);
    }

    /** Whether this is the counter of one organisation's registrations. */
    public boolean isOrganisation() {
        return value.startsWith("org:");
    }

    /** The counter of one reserved-seat quota. */
    public static CounterKey reserved(String quotaId) {
        return new CounterKey("reserved:" + quotaId);
    }

    @Override
    public int compareTo(CounterKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
