package org.eventregistration.event;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether a person must confirm their e-mail address, through a link sent to it, before a
 * registration counts; and how long the registration holds its place (a seat or a waiting
 * position) while it waits. An unconfirmed registration whose hold has run out expires and its
 * place goes to the next in line, like an expired offer. Immutable and thread-safe.
 *
 * <p>Required, with a 30-minute hold, for every new event unless set otherwise: without it anyone
 * can register someone else's address, and the answer to the form tells a stranger whether an
 * address is registered. A request the application has already verified (a logged-in person, an
 * organiser adding someone by hand) is never asked to confirm; see {@code
 * RegistrationRequest.Builder#addressVerified}.
 *
 * @param required whether unverified requests must confirm the address
 * @param hold how long an unconfirmed registration holds its place: 1 minute to 7 days
 */
public record AddressConfirmation(boolean required, Duration hold) {
    // Before DEFAULT: its constructor checks against them.
    private static final Duration MIN_HOLD = Duration.ofMinutes(1);
    private static final Duration MAX_HOLD = Duration.ofDays(7);

    /** The hold of {@link #DEFAULT}: 30 minutes. */
    public static final Duration DEFAULT_HOLD = Duration.ofMinutes(30);

    /** Required, with a 30-minute hold: the default of every new event. */
    public static final AddressConfirmation DEFAULT = new AddressConfirmation(true, DEFAULT_HOLD);

    /** Validates. */
    public AddressConfirmation {
        Objects.requireNonNull(hold, "hold");
        if (hold.compareTo(MIN_HOLD) < 0 || hold.compareTo(MAX_HOLD) > 0) {
            throw new IllegalArgumentException(
                    "an address confirmation hold must be 1 minute to 7 days but was " + hold);
        }
    }

    /** Required, holding the place for {@code hold}. */
    public static AddressConfirmation required(Duration hold) {
        return new AddressConfirmation(true, hold);
    }

    /**
     * Not required: every request counts at once, as if its address were verified. Only for events
     * where the application verifies addresses itself, or where the risks above are accepted.
     */
    public static AddressConfirmation notRequired() {
        return new AddressConfirmation(false, DEFAULT_HOLD);
    }
}
