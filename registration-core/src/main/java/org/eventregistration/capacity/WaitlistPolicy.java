package org.eventregistration.capacity;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens when an event is full, and when a seat frees up. Immutable and thread-safe.
 *
 * @param mode no waiting list, automatic promotion, or offers that expire
 * @param offerValidity how long an offer stands, for {@link Mode#OFFER}; zero otherwise
 * @param maxLength the longest the waiting list may grow; {@code Integer.MAX_VALUE} for no limit
 */
public record WaitlistPolicy(Mode mode, Duration offerValidity, int maxLength) {

    /** The waiting-list modes. */
    public enum Mode {
        /** A full event rejects further registrations. */
        NONE,
        /** When a seat frees, the first person on the list who fits every quota is confirmed. */
        AUTO_PROMOTE,
        /**
         * When a seat frees, the first person who fits is offered it; the seat is held for them
         * until they accept, decline or the offer expires, and then goes to the next.
         */
        OFFER
    }

    /** Validates. */
    public WaitlistPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(offerValidity, "offerValidity");
        if (mode == Mode.OFFER && (offerValidity.isNegative() || offerValidity.isZero())) {
            throw new IllegalArgumentException(
                    "an offer must be valid for a positive duration but was " + offerValidity);
        }
        if (mode != Mode.OFFER && !offerValidity.isZero()) {
            throw new IllegalArgumentException("only the OFFER mode has an offer validity");
        }
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0 but was " + maxLength);
        }
    }

    /** No waiting list. */
    public static WaitlistPolicy none() {
        return new WaitlistPolicy(Mode.NONE, Duration.ZERO, 0);
    }

    /** An unbounded waiting list with automatic promotion. */
    public static WaitlistPolicy autoPromote() {
        return new WaitlistPolicy(Mode.AUTO_PROMOTE, Duration.ZERO, Integer.MAX_VALUE);
    }

    /** An unbounded waiting list whose freed seats are offered for the given time. */
    public static WaitlistPolicy offers(Duration validity) {
        return new WaitlistPolicy(Mode.OFFER, validity, Integer.MAX_VALUE);
    }

    /** A copy with a bounded length. */
    public WaitlistPolicy withMaxLength(int maxLength) {
        return new WaitlistPolicy(mode, offerValidity, maxLength);
    }

    /** True unless the mode is {@link Mode#NONE}. */
    public boolean enabled() {
        return mode != Mode.NONE;
    }
}
