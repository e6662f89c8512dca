package org.eventregistration.registration;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a registration's history: it moved to {@code status} at {@code at}, by {@code
 * actor}, because of {@code reason}. The previous status is the previous entry's. Immutable.
 *
 * @param status the status entered
 * @param at when
 * @param actor who
 * @param reason a message key of the library ({@code history.*}) or an organiser's note; at most
 *     500 characters
 */
public record StatusChange(RegistrationStatus status, Instant at, Actor actor, String reason) {
    /** Validates. */
    public StatusChange {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (reason.length() > 500) {
            throw new IllegalArgumentException("a history reason is at most 500 characters");
        }
    }
}
