package org.eventregistration.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;

/**
 * The public counts of an event: seats, seats taken and the waiting list, per event and per
 * session. Read from the event's definition and its ledger alone, so reading them costs the same
 * with ten registrations or a hundred thousand ({@link RegistrationService#seatCounts}). Numbers
 * only, no personal data. Immutable.
 *
 * @param eventId the event
 * @param seats the event's seats
 * @param seatsTaken seats held (confirmed, offered, checked in, no-show)
 * @param sessionSeats each session's seats, in the event's order
 * @param sessionSeatsTaken seats held per session
 * @param waiting people on the waiting list
 */
public record SeatCounts(
        EventId eventId,
        int seats,
        int seatsTaken,
        Map<SessionId, Integer> sessionSeats,
        Map<SessionId, Integer> sessionSeatsTaken,
        int waiting) {

    /** Copies. */
    public SeatCounts {
        Objects.requireNonNull(eventId, "eventId");
        sessionSeats = Collections.unmodifiableMap(new LinkedHashMap<>(sessionSeats));
        sessionSeatsTaken = Collections.unmodifiableMap(new LinkedHashMap<>(sessionSeatsTaken));
    }

    /** The counts of an event from its definition and its ledger. */
    static SeatCounts of(Event event, Ledger ledger) {
        Map<SessionId, Integer> sessionSeats = new LinkedHashMap<>();
        Map<SessionId, Integer> sessionsTaken = new LinkedHashMap<>();
        for (Session s : event.sessions()) {
            sessionSeats.put(s.id(), s.seats());
            sessionsTaken.put(s.id(), ledger.taken(CounterKey.session(s.id())));
        }
        return new SeatCounts(
                event.id(),
                event.capacity().seats(),
                ledger.taken(CounterKey.EVENT),
                sessionSeats,
                sessionsTaken,
                ledger.waitingCount());
    }

    /** Free seats, never negative. */
    public int seatsLeft() {
        return Math.max(0, seats - seatsTaken);
    }

    /** Free seats of one session, never negative; zero for a session the event does not have. */
    public int seatsLeft(SessionId session) {
        Objects.requireNonNull(session, "session");
        return Math.max(0, sessionSeats.getOrDefault(session, 0) - sessionSeatsTaken.getOrDefault(session, 0));
    }
}
