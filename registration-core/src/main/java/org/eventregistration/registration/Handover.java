package org.eventregistration.registration;

import java.time.Instant;
import java.util.Objects;
import org.eventregistration.attendee.Attendee;

/**
 * A seat offered to a colleague, waiting for them to confirm their address through the link sent
 * to it: kept on the offering registration, which keeps its seat until then. Immutable and
 * thread-safe. {@link #toString()} leaves out the personal data.
 *
 * @param name the colleague's name, as the person typed it
 * @param email the colleague's e-mail address, where the confirmation link goes
 * @param requestedAt when the seat was offered
 * @param expiresAt when the offer lapses; after {@code requestedAt}. A link to the offer works only
 *     until then, and only for this offer: a newer offer replaces it
 */
public record Handover(String name, String email, Instant requestedAt, Instant expiresAt) {

    /** Validates. */
    public Handover {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (name.isBlank() || email.isBlank()) {
            throw new IllegalArgumentException("a hand-over names the colleague and their address");
        }
        if (!expiresAt.isAfter(requestedAt)) {
            throw new IllegalArgumentException("a hand-over must expire after it is offered");
        }
    }

    /** The colleague's address, normalized as registrations are matched by. */
    public String normalizedEmail() {
        return Attendee.normalizeEmail(email);
    }

    /** True while the colleague may still take the seat. */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "Handover[requestedAt=" + requestedAt + ", expiresAt=" + expiresAt + "]";
    }
}
