package org.eventregistration.event;

import org.eventregistration.RegistrationException;
import org.eventregistration.i18n.Reason;

/** No event with the given id exists (or the caller may not see it). */
public final class EventNotFoundException extends RegistrationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public EventNotFoundException(EventId id) {
        super("no event " + id, Reason.of("error.eventNotFound"));
    }
}
