package org.eventregistration.spi;

import java.time.Duration;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.RegistrationOutcome;

/**
 * Told of every answer {@code RegistrationService.register} and {@code registerGroup} give and
 * how long it took, for
 * metrics: outcomes by kind, a timer. Unlike a {@link RegistrationListener} it also hears of the
 * answers that change nothing (invalid, rejected, already registered) and of failures, and it is
 * called once per call, on the caller's thread, as {@code register} returns — when the store
 * joined the caller's transaction, before that commits.
 *
 * <p>Must be quick and thread-safe. One that throws is logged and ignored: the registration
 * stands.
 */
@FunctionalInterface
public interface RegistrationObserver {

    /** {@code register} answered {@code outcome} after {@code elapsed}. */
    void registered(RegistrationOutcome outcome, Duration elapsed);

    /**
     * {@code registerGroup} answered {@code outcome} after {@code elapsed}; nothing by default. A
     * group that was registered carries each member's outcome.
     */
    default void registeredGroup(GroupOutcome outcome, Duration elapsed) {}

    /** {@code register} or {@code registerGroup} threw {@code failure} after {@code elapsed}; nothing by default. */
    default void failed(RuntimeException failure, Duration elapsed) {}

    /** An observer that does nothing. */
    static RegistrationObserver noop() {
        return (outcome, elapsed) -> {};
    }
}
