package org.eventregistration.registration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a person changes in their own registration: the answers to the event's questions and the
 * sessions (workshops) chosen, both as a whole: what is left out is no longer chosen or answered.
 * Checked like a registration's form when it is applied. Immutable and thread-safe.
 *
 * @param answers the answers by question id, as typed
 * @param sessions the session ids chosen
 */
public record ChoicesChange(Map<String, String> answers, Set<String> sessions) {

    /** Validates and copies. */
    public ChoicesChange {
        Objects.requireNonNull(answers, "answers");
        Objects.requireNonNull(sessions, "sessions");
        answers.forEach((k, v) -> {
            Objects.requireNonNull(k, "question id");
            Objects.requireNonNull(v, "answer");
        });
        sessions.forEach(s -> Objects.requireNonNull(s, "session"));
        answers = Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        sessions = Collections.unmodifiableSet(new LinkedHashSet<>(sessions));
    }
}
