package org.eventregistration.event;

import java.util.Objects;

/**
 * Where an event takes place. Immutable and thread-safe.
 *
 * @param name the venue's name, for example {@code Oslo kongressenter}
 * @param address the street address and town, or the empty string
 */
public record Venue(String name, String address) {
    /** Validates. */
    public Venue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (name.isBlank()) {
            throw new IllegalArgumentException("venue name must not be blank");
        }
    }

    /** A venue with a name and an address. */
    public static Venue of(String name, String address) {
        return new Venue(name, address);
    }
}
