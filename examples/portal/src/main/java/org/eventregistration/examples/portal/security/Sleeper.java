package org.eventregistration.examples.portal.security;

import java.time.Duration;

/** Waits; a bean so that tests can record the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Waits this long. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper threadSleep() {
        return duration -> Thread.sleep(duration.toMillis());
    }
}
