package org.eventregistration.spi;

import java.time.Instant;
import java.util.Objects;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.RegistrationId;

/**
 * A live link's secret as a store keeps it: only the {@linkplain
 * org.eventregistration.registration.ManageToken#hash() hash} of the token, never the token, with
 * what it is for, whose registration it reaches and until when. Immutable and thread-safe.
 *
 * @param hash the SHA-256 hex of the token (64 characters)
 * @param purpose what the link lets its holder do
 * @param registrationId the registration it reaches
 * @param eventId that registration's event
 * @param createdAt when it was made
 * @param expiresAt when it stops working; after {@code createdAt}
 */
public record LinkToken(
        String hash,
        LinkPurpose purpose,
        RegistrationId registrationId,
        EventId eventId,
        Instant createdAt,
        Instant expiresAt) {

    /** Validates. */
    public LinkToken {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (hash.length() != 64) {
            throw new IllegalArgumentException("a token hash is 64 hex digits");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a link token must expire after it is made");
        }
    }

    /** True while the link works: before {@link #expiresAt()}. */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
