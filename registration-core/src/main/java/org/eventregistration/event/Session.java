package org.eventregistration.event;

import java.time.ZonedDateTime;
import java.util.Objects;
import org.eventregistration.i18n.LocalizedText;

/**
 * A part of an event with seats of its own: a workshop, a parallel track, day two. Immutable and
 * thread-safe.
 *
 * @param id identifies the session within its event
 * @param title what it is called
 * @param start when it starts (with its time zone)
 * @param end when it ends; after {@code start}
 * @param seats how many may take part; zero or more
 */
public record Session(SessionId id, LocalizedText title, ZonedDateTime start, ZonedDateTime end, int seats) {
    /** Validates. */
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("session " + id + " must end after it starts: " + start + " .. " + end);
        }
        if (seats < 0) {
            throw new IllegalArgumentException("session " + id + " seats must be >= 0 but was " + seats);
        }
    }

    /** Shorthand for the constructor. */
    public static Session of(String id, LocalizedText title, ZonedDateTime start, ZonedDateTime end, int seats) {
        return new Session(SessionId.of(id), title, start, end, seats);
    }

    /** True if this session overlaps the other in time (half-open intervals). */
    public boolean overlaps(Session other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }
}
