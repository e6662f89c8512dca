package org.eventregistration.examples.quickstart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the story moves by hand, so that "25 hours later" takes no time and every run prints the
 * same. The library never reads the system clock itself: it asks the {@link Clock} it was built
 * with, which is what makes this possible (and what makes time testable in your own code).
 */
final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing still at the given time, in its zone. */
    static MutableClock at(ZonedDateTime time) {
        return new MutableClock(new AtomicReference<>(time.toInstant()), time.getZone());
    }

    /** Moves the clock forward. */
    void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the story's clock only moves forward, not by " + amount);
        }
        now.updateAndGet(i -> i.plus(amount));
    }

    /** The current time in the clock's zone. */
    ZonedDateTime now() {
        return instant().atZone(zone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        // Shares the time source: moving one moves both.
        return new MutableClock(now, Objects.requireNonNull(other, "zone"));
    }
}
