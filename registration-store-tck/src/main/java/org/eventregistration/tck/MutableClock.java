package org.eventregistration.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test sets or advances it, so that time-dependent code
 * (offer expiry, outbox claims, retention) is tested without waiting. After ThreeTen-Extra's
 * {@code MutableClock}.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2026-11-20T08:00:00Z"));
 * RegistrationService service = RegistrationService.builder().store(store).clock(clock).build();
 * clock.advance(Duration.ofHours(25));   // every holder of the clock sees the new time at once
 * }</pre>
 *
 * <p>Thread-safe: any thread may read, set and advance the clock; a change is seen by every
 * thread at once, and concurrent advances all count. {@link #withZone} returns a clock with the
 * same time source, so moving one moves both. Nulls are refused with a {@link NullPointerException}.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at {@code instant}, in UTC. */
    public static MutableClock at(Instant instant) {
        return at(instant, ZoneOffset.UTC);
    }

    /** A clock standing at {@code instant}, in {@code zone}. */
    public static MutableClock at(Instant instant, ZoneId zone) {
        return new MutableClock(
                new AtomicReference<>(Objects.requireNonNull(instant, "instant")),
                Objects.requireNonNull(zone, "zone"));
    }

    /** Sets the clock to {@code instant}, which may be earlier than its time now. */
    public void setInstant(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock by {@code amount}: forward, or back if it is negative. */
    public void advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        now.updateAndGet(i -> i.plus(amount));
    }

    /** The instant the clock stands at. */
    @Override
    public Instant instant() {
        return now.get();
    }

    /** The zone given when the clock was made (UTC unless given). */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in {@code zone} that shares this clock's time: setting or advancing either moves both. */
    @Override
    public MutableClock withZone(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        return zone.equals(this.zone) ? this : new MutableClock(now, zone);
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + "," + zone + "]";
    }
}
