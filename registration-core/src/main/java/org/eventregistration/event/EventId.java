package org.eventregistration.event;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Identifies an event: 1 to 64 characters of lower-case letters, digits, {@code -} and {@code _},
 * starting with a letter or digit (for example {@code feiltrinn-2026}), so it is safe in URLs,
 * logs and file names.
 *
 * @param value the id
 */
public record EventId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    /** Validates. */
    public EventId {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "an event id is 1-64 of [a-z0-9_-], starting with a letter or digit, but was '" + abbreviate(value)
                            + "'");
        }
    }

    /** Same as the constructor. */
    public static EventId of(String value) {
        return new EventId(value);
    }

    static String abbreviate(String value) {
        return value.length() > 70 ? value.substring(0, 70) + "…" : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
