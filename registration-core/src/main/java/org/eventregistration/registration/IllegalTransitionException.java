package org.eventregistration.registration;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;

/** A lifecycle move that is not allowed, such as checking in a cancelled registration. */
public final class IllegalTransitionException extends RegistrationException {
    private static final long serialVersionUID = 1L;
    private final RegistrationStatus from;
    private final RegistrationStatus to;

    /** Creates the exception. */
    public IllegalTransitionException(RegistrationId id, RegistrationStatus from, RegistrationStatus to) {
        super(
                "registration " + id + " cannot move from " + from + " to " + to,
                Reason.of("error.illegalTransition", from, to));
        this.from = from;
        this.to = to;
    }

    /** The status it was in. */
    public RegistrationStatus from() {
        return from;
    }

    /** The status it was asked to move to. */
    public RegistrationStatus to() {
        return to;
    }
}
