package org.eventregistration.service;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.RegistrationStatus;

/**
 * Counts for an organiser's overview. Immutable.
 *
 * @param eventId the event
 * @param seats the event's seats
 * @param seatsTaken seats held (confirmed, offered, checked in, no-show)
 * @param sessionSeats each session's seats
 * @param sessionSeatsTaken seats held per session
 * @param waiting people on the waiting list
 * @param byStatus registrations per status, every status present
 */
public record EventStatistics(
        EventId eventId,
        int seats,
        int seatsTaken,
        Map<SessionId, Integer> sessionSeats,
        Map<SessionId, Integer> sessionSeatsTaken,
        int waiting,
        Map<RegistrationStatus, Integer> byStatus) {
    /** Copies. */
    public EventStatistics {
        Objects.requireNonNull(eventId, "eventId");
        sessionSeats = Collections.unmodifiableMap(new LinkedHashMap<>(sessionSeats));
        sessionSeatsTaken = Collections.unmodifiableMap(new LinkedHashMap<>(sessionSeatsTaken));
        byStatus = Collections.unmodifiableMap(new EnumMap<>(byStatus));
    }

    /** The public part of these statistics: the counts without the registrations per status. */
    public SeatCounts seatCounts() {
        return new SeatCounts(eventId, seats, seatsTaken, sessionSeats, sessionSeatsTaken, waiting);
    }

    /** Free seats, never negative. */
    public int seatsLeft() {
        return Math.max(0, seats - seatsTaken);
    }
}
