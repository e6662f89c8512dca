package org.eventregistration.capacity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.i18n.LocalizedText;

/**
 * The capacity rules of an event, all of which must have room for a registration to be confirmed:
 * the event's seats, each chosen session's seats (see {@link org.eventregistration.event.Session}),
 * a maximum per organisation, seats reserved for an audience, and a maximum number of sessions per
 * person.
 *
 * <p>Immutable and thread-safe; {@code with…} methods return copies.
 *
 * @param seats the event's seats; 0 or more
 * @param maxPerOrganisation the most registrations one organisation may hold; {@code
 *     Integer.MAX_VALUE} for no limit
 * @param maxSessionsPerPerson the most sessions one person may choose; {@code Integer.MAX_VALUE}
 *     for no limit
 * @param reservations seats reserved for audiences until a date
 */
public record CapacityPolicy(
        int seats, int maxPerOrganisation, int maxSessionsPerPerson, List<ReservedSeats> reservations) {

    /** Validates and copies. */
    public CapacityPolicy {
        if (seats < 0) {
            throw new IllegalArgumentException("seats must be >= 0 but was " + seats);
        }
        if (maxPerOrganisation < 1) {
            throw new IllegalArgumentException("maxPerOrganisation must be >= 1 but was " + maxPerOrganisation);
        }
        if (maxSessionsPerPerson < 0) {
            throw new IllegalArgumentException("maxSessionsPerPerson must be >= 0 but was " + maxSessionsPerPerson);
        }
        reservations = List.copyOf(reservations);
        Set<String> ids = new HashSet<>();
        long reserved = 0;
        for (ReservedSeats r : reservations) {
            if (!ids.add(r.id())) {
                throw new IllegalArgumentException("reserved-seat quota '" + r.id() + "' is defined twice");
            }
            reserved += r.seats();
        }
        if (reserved > seats) {
            throw new IllegalArgumentException(
                    "reserved seats (" + reserved + ") exceed the event's seats (" + seats + ")");
        }
    }

    /** An event with the given number of seats and no other limit. */
    public static CapacityPolicy seats(int seats) {
        return new CapacityPolicy(seats, Integer.MAX_VALUE, Integer.MAX_VALUE, List.of());
    }

    /** An event with no seat limit. */
    public static CapacityPolicy unlimited() {
        return seats(Integer.MAX_VALUE);
    }

    /** A copy in which one organisation may hold at most {@code max} registrations. */
    public CapacityPolicy withMaxPerOrganisation(int max) {
        return new CapacityPolicy(seats, max, maxSessionsPerPerson, reservations);
    }

    /** A copy in which one person may choose at most {@code max} sessions. */
    public CapacityPolicy withMaxSessionsPerPerson(int max) {
        return new CapacityPolicy(seats, maxPerOrganisation, max, reservations);
    }

    /** A copy with seats reserved for an audience until a moment. */
    public CapacityPolicy withReserved(
            String id, int reservedSeats, EligibilityRule audience, Instant until, LocalizedText description) {
        List<ReservedSeats> copy = new ArrayList<>(reservations);
        copy.add(new ReservedSeats(id, reservedSeats, audience, until, description));
        return new CapacityPolicy(seats, maxPerOrganisation, maxSessionsPerPerson, copy);
    }

    /** True if there is a per-organisation limit. */
    public boolean limitsOrganisations() {
        return maxPerOrganisation != Integer.MAX_VALUE;
    }

    @Override
    public String toString() {
        return "CapacityPolicy[seats=" + seats + ", maxPerOrganisation=" + maxPerOrganisation
                + ", maxSessionsPerPerson=" + maxSessionsPerPerson + ", reservations=" + reservations.size() + "]";
    }
}
