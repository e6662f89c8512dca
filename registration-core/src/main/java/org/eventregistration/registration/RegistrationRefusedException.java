package org.eventregistration.registration;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;

/**
 * A change the lifecycle allows in general but not now: cancelling after the deadline, accepting
 * an expired offer, approving when there is neither a seat nor a waiting list.
 */
public final class RegistrationRefusedException extends RegistrationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public RegistrationRefusedException(String message, Reason reason) {
        super(message, reason);
    }
}
