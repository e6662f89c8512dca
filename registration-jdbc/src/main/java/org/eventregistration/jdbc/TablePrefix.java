package org.eventregistration.jdbc;

import java.util.Objects;
import java.util.regex.Pattern;

/** Decides which table prefixes are allowed: safe in every statement, short enough for every index name. */
final class TablePrefix {
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,20}");

    private TablePrefix() {}

    /** The prefix, checked: 1-21 of {@code [a-z0-9_]}, starting with a letter. */
    static String check(String prefix) {
        Objects.requireNonNull(prefix, "tablePrefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a table prefix is 1-21 of [a-z0-9_], starting with a letter, but was '"
                    + (prefix.length() > 30 ? prefix.substring(0, 30) + "…" : prefix) + "'");
        }
        return prefix;
    }
}
