package org.eventregistration.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies an organiser: the body that owns events and is the unit of data separation when
 * several organisers (municipalities, agencies) share one store. Same format as {@link EventId}:
 * 1 to 64 characters of lower-case letters, digits, {@code -} and {@code _}, starting with a letter
 * or digit. Immutable and thread-safe.
 *
 * @param value the id
 */
public record OrganiserId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** The organiser of every event that does not name one: enough for an application with one organiser. */
    public static final OrganiserId DEFAULT = new OrganiserId("default");

    /** Validates. */
    public OrganiserId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "an organiser id is 1-64 of [a-z0-9_-], starting with a letter or digit, but was '"
                            + EventId.abbreviate(value) + "'");
        }
    }

    /** Same as the constructor. */
    public static OrganiserId of(String value) {
        return new OrganiserId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
