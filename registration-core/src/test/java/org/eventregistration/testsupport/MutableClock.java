package org.eventregistration.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A clock the test moves by hand (after ThreeTen-Extra's MutableClock). Thread-safe. */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at the given instant, in UTC. */
    public static MutableClock at(Instant instant) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant)), ZoneId.of("UTC"));
    }

    /** Moves the clock forward (or back, for a negative amount). */
    public MutableClock advance(Duration amount) {
        now.updateAndGet(i -> i.plus(amount));
        return this;
    }

    /** Sets the clock. */
    public MutableClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant));
        return this;
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
        // Shares the same time source, as ThreeTen-Extra's MutableClock does.
        return new MutableClock(now, other);
    }
}
