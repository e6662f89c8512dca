package org.eventregistration.registration;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Localizable;

/**
 * One problem with a request: which field, a stable code, and the message in bokmål, nynorsk and
 * English. Immutable and thread-safe.
 *
 * @param field the field's path, for example {@code email} or {@code answers[diet]}
 * @param code the message template or key, stable for programs
 * @param messages the message by language tag ({@code nb}, {@code nn}, {@code en})
 */
public record Violation(String field, String code, Map<String, String> messages) implements Localizable {
    /** Validates and copies. */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        messages = Map.copyOf(messages);
        for (Locale l : Languages.SUPPORTED) {
            if (!messages.containsKey(l.getLanguage())) {
                throw new IllegalArgumentException("violation of " + field + " lacks a message in " + l);
            }
        }
    }

    @Override
    public String message(Locale locale) {
        return messages.get(Languages.resolve(locale).getLanguage());
    }

    @Override
    public String toString() {
        return field + ": " + messages.get("en");
    }
}
