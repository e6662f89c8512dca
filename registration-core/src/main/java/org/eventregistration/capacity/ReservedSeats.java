package org.eventregistration.capacity;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.i18n.LocalizedText;

/**
 * Seats held back for an audience until a moment, then released to everyone. For example: 40 of
 * 150 seats reserved for municipalities until 1 November.
 *
 * <p>Immutable and thread-safe. Before {@code until}, a person outside the audience is confirmed
 * only if, after taking a seat, enough free seats remain to cover what the audience has not yet
 * used of its reservation.
 *
 * @param id identifies the quota within the event (1-64 of {@code [a-z0-9_-]})
 * @param seats how many seats are reserved; 1 or more
 * @param audience who the seats are for
 * @param until when the reservation ends (exclusive)
 * @param description the audience as shown to people, for example "kommuner"
 */
public record ReservedSeats(String id, int seats, EligibilityRule audience, Instant until, LocalizedText description) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Validates. */
    public ReservedSeats {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(until, "until");
        Objects.requireNonNull(description, "description");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a reserved-seat id is 1-64 of [a-z0-9_-] but was '" + id + "'");
        }
        if (seats < 1) {
            throw new IllegalArgumentException("reserved seats must be >= 1 but was " + seats);
        }
    }

    /** True while the reservation holds. */
    public boolean isActive(Instant now) {
        return now.isBefore(until);
    }

    /** The ledger counter of this quota. */
    public CounterKey counter() {
        return CounterKey.reserved(id);
    }
}
