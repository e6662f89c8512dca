package org.eventregistration.capacity;

/**
 * How long an event's waiting list may grow before a new registration is rejected ("the waiting
 * list is full"): a multiple of the event's seats, a fixed length, or explicitly unlimited. It
 * bounds what a flood of fake registrations can pile up. The default is {@link #DEFAULT}, ten
 * times the seats. {@link WaitlistPolicy#maxLength()} still applies too: the shorter one counts.
 *
 * <p>Immutable and thread-safe.
 *
 * @param multiple the length as a multiple of the event's seats, or 0 if {@code length} is fixed
 * @param length the fixed length when {@code multiple} is 0; {@code Integer.MAX_VALUE} for unlimited
 */
public record WaitingListCap(int multiple, int length) {
    /** Ten times the event's seats: the cap of an event that sets none. */
    public static final WaitingListCap DEFAULT = new WaitingListCap(10, 0);

    /** Validates. */
    public WaitingListCap {
        if (multiple < 0 || length < 0 || (multiple > 0 && length != 0)) {
            throw new IllegalArgumentException(
                    "a waiting-list cap is a multiple of the seats (>= 1) or a length (>= 0), but was multiple="
                            + multiple + " length=" + length);
        }
    }

    /**
     * A multiple of the event's seats.
     *
     * @throws IllegalArgumentException if {@code multiple} is less than 1
     */
    public static WaitingListCap timesSeats(int multiple) {
        if (multiple < 1) {
            throw new IllegalArgumentException("the multiple must be >= 1 but was " + multiple);
        }
        return new WaitingListCap(multiple, 0);
    }

    /**
     * A fixed length, whatever the seats.
     *
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public static WaitingListCap atMost(int length) {
        return new WaitingListCap(0, length);
    }

    /** No cap: the waiting list may grow without bound. */
    public static WaitingListCap unlimited() {
        return new WaitingListCap(0, Integer.MAX_VALUE);
    }

    /** The longest the waiting list of an event with these seats may be. */
    public int length(int seats) {
        return multiple == 0 ? length : (int) Math.min(Integer.MAX_VALUE, (long) multiple * seats);
    }

    /** A short, stable text: {@code 10xSeats}, {@code 200} or {@code unlimited} (the stored form). */
    @Override
    public String toString() {
        if (multiple > 0) {
            return multiple + "xSeats";
        }
        return length == Integer.MAX_VALUE ? "unlimited" : Integer.toString(length);
    }

    /**
     * The cap a {@link #toString()} text describes.
     *
     * @throws IllegalArgumentException if the text is not one
     */
    public static WaitingListCap parse(String text) {
        if (text.equals("unlimited")) {
            return unlimited();
        }
        try {
            return text.endsWith("xSeats")
                    ? timesSeats(Integer.parseInt(text.substring(0, text.length() - "xSeats".length())))
                    : atMost(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a waiting-list cap: '" + text + "'", e);
        }
    }
}
