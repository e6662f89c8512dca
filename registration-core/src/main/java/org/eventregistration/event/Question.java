package org.eventregistration.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eventregistration.i18n.LocalizedText;

/**
 * A question the organiser asks everyone who registers ("Allergier?", "Hvilken lunsj?").
 * Immutable and thread-safe.
 *
 * <p>Answers are strings: free text for {@link Kind#TEXT}, one of {@link #options()}' ids for
 * {@link Kind#CHOICE}, and {@code yes} or {@code no} for {@link Kind#YES_NO}.
 *
 * @param id identifies the question within the event
 * @param label the question as shown
 * @param kind text, choice or yes/no
 * @param required whether an answer is required
 * @param options the choices (id to label), only for {@link Kind#CHOICE}
 * @param maxLength the longest text answer accepted
 * @param sensitive whether an answer may reveal health or similar (diet, accessibility needs); such
 *     answers can be erased earlier than the rest of the registration
 */
public record Question(
        String id,
        LocalizedText label,
        Kind kind,
        boolean required,
        Map<String, LocalizedText> options,
        int maxLength,
        boolean sensitive) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** The longest text answer accepted unless a question says otherwise. */
    public static final int DEFAULT_MAX_LENGTH = 1000;

    /** The kinds of question. */
    public enum Kind {
        /** Free text. */
        TEXT,
        /** One of a fixed set of options. */
        CHOICE,
        /** Yes or no. */
        YES_NO
    }

    /** Validates and copies. */
    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "a question id is 1-64 of [a-z0-9_-] but was '" + EventId.abbreviate(id) + "'");
        }
        LinkedHashMap<String, LocalizedText> ordered = new LinkedHashMap<>();
        options.forEach((k, v) ->
                ordered.put(Objects.requireNonNull(k, "option id"), Objects.requireNonNull(v, "option label")));
        options = Collections.unmodifiableMap(ordered);
        if (kind == Kind.CHOICE && options.isEmpty()) {
            throw new IllegalArgumentException("choice question " + id + " needs at least one option");
        }
        if (kind != Kind.CHOICE && !options.isEmpty()) {
            throw new IllegalArgumentException("only a choice question has options, not " + kind + " question " + id);
        }
        if (maxLength < 1 || maxLength > 10_000) {
            throw new IllegalArgumentException("maxLength must be 1..10000 but was " + maxLength);
        }
    }

    /** An optional free-text question. */
    public static Question text(String id, LocalizedText label) {
        return new Question(id, label, Kind.TEXT, false, Map.of(), DEFAULT_MAX_LENGTH, false);
    }

    /** An optional yes/no question. */
    public static Question yesNo(String id, LocalizedText label) {
        return new Question(id, label, Kind.YES_NO, false, Map.of(), DEFAULT_MAX_LENGTH, false);
    }

    /** An optional choice question; the options are shown in the order of the list. */
    public static Question choice(String id, LocalizedText label, List<Option> options) {
        Map<String, LocalizedText> map = new LinkedHashMap<>();
        for (Option o : options) {
            if (map.put(o.id(), o.label()) != null) {
                throw new IllegalArgumentException("option " + o.id() + " appears twice in question " + id);
            }
        }
        return new Question(id, label, Kind.CHOICE, false, map, DEFAULT_MAX_LENGTH, false);
    }

    /** A copy that requires an answer. */
    public Question asRequired() {
        return new Question(id, label, kind, true, options, maxLength, sensitive);
    }

    /** A copy marked as sensitive (health, diet, accessibility). */
    public Question asSensitive() {
        return new Question(id, label, kind, required, options, maxLength, true);
    }

    /** A copy with another maximum text length. */
    public Question withMaxLength(int maxLength) {
        return new Question(id, label, kind, required, options, maxLength, sensitive);
    }

    /** The label of a choice option, if the id is one. */
    public Optional<LocalizedText> option(String optionId) {
        return Optional.ofNullable(options.get(optionId));
    }

    /**
     * One option of a choice question.
     *
     * @param id the value stored as the answer
     * @param label what is shown
     */
    public record Option(String id, LocalizedText label) {
        /** Validates. */
        public Option {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException(
                        "an option id is 1-64 of [a-z0-9_-] but was '" + EventId.abbreviate(id) + "'");
            }
        }

        /** Shorthand for the constructor. */
        public static Option of(String id, LocalizedText label) {
            return new Option(id, label);
        }
    }
}
