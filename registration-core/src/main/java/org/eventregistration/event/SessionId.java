package org.eventregistration.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies a session (workshop, track, day) within its event; same format as {@link EventId}.
 *
 * @param value the id
 */
public record SessionId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Validates. */
    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a session id is 1-64 of [a-z0-9_-], starting with a letter or digit, but was '"
                            + EventId.abbreviate(value) + "'");
        }
    }

    /** Same as the constructor. */
    public static SessionId of(String value) {
        return new SessionId(value);
    }

    /** True if the text is a well-formed session id. */
    public static boolean isValid(String value) {
        return FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
