package org.eventregistration.registration;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;

/** No registration with the given id or manage token exists (or the caller may not see it). */
public final class RegistrationNotFoundException extends RegistrationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for an id. */
    public RegistrationNotFoundException(RegistrationId id) {
        super("no registration " + id, Reason.of("error.registrationNotFound"));
    }

    /** Creates the exception for a token that matches nothing; the token is not in the message. */
    public RegistrationNotFoundException() {
        super("no registration for the given manage token", Reason.of("error.registrationNotFound"));
    }
}
