package org.eventregistration.registration;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who made a change: the attendee themself, an organiser (by user id), or the system (expiry,
 * promotion). Kept in the registration's history. Immutable and thread-safe.
 *
 * @param kind attendee, organiser or system
 * @param id a user id for organisers ({@code [A-Za-z0-9._@-]}, 1-100 characters); {@code attendee}
 *     or {@code system} otherwise
 */
public record Actor(Kind kind, String id) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    private static final Actor ATTENDEE = new Actor(Kind.ATTENDEE, "attendee");
    private static final Actor SYSTEM = new Actor(Kind.SYSTEM, "system");

    /** The kinds of actor. */
    public enum Kind {
        /** The registered person. */
        ATTENDEE,
        /** A person working for the organiser. */
        ORGANISER,
        /** The library itself. */
        SYSTEM
    }

    /** Validates. */
    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an actor id is 1-100 of [A-Za-z0-9._@-]");
        }
    }

    /** The registered person. */
    public static Actor attendee() {
        return ATTENDEE;
    }

    /** The library (expiry, automatic promotion). */
    public static Actor system() {
        return SYSTEM;
    }

    /** An organiser, by the portal's user id. */
    public static Actor organiser(String userId) {
        return new Actor(Kind.ORGANISER, userId);
    }

    @Override
    public String toString() {
        return kind == Kind.ORGANISER ? "organiser:" + id : id;
    }
}
