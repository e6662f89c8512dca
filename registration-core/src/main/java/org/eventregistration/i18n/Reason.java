package org.eventregistration.i18n;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Why a decision came out the way it did: a message key of the library's bundle and its arguments.
 *
 * <p>Immutable and thread-safe. {@link #message(Locale)} renders it as a sentence in bokmål,
 * nynorsk or English; {@link #key()} is stable and meant for programs (tests, API clients).
 *
 * @param key the message key, for example {@code eligibility.sector.notIn}
 * @param args the arguments; {@link Localizable} ones are rendered in the reader's language
 */
public record Reason(String key, List<Object> args) implements Localizable {

    /** Validates and copies the arguments. */
    public Reason {
        Objects.requireNonNull(key, "key");
        args = List.copyOf(args);
    }

    /** A reason with the given key and arguments. */
    public static Reason of(String key, Object... args) {
        return new Reason(key, Arrays.asList(args));
    }

    @Override
    public String message(Locale locale) {
        return Messages.format(key, locale, args.toArray());
    }

    @Override
    public String toString() {
        return key + args;
    }
}
