package org.eventregistration.service;

import org.eventregistration.event.EventId;
import org.eventregistration.registration.RegistrationId;
import org.slf4j.MDC;

/**
 * Puts the ids of what the service is working on into the SLF4J MDC ({@value #EVENT_ID}, {@value
 * #REGISTRATION_ID}) for as long as it is open, and restores what was there before on close, so
 * that nested contexts (a delivery inside a registration) and the caller's own keys survive. Ids
 * only, never personal data.
 */
final class LogContext implements AutoCloseable {
    static final String EVENT_ID = "eventId";
    static final String REGISTRATION_ID = "registrationId";

    /** The context of a call that runs inside one already naming its event: nothing to put or restore. */
    private static final LogContext UNCHANGED = new LogContext();

    private final String previousEvent;
    private final String previousRegistration;
    private final boolean registration;
    private final boolean changed;

    private LogContext() {
        this.previousEvent = null;
        this.previousRegistration = null;
        this.registration = false;
        this.changed = false;
    }

    private LogContext(EventId eventId, RegistrationId registrationId) {
        this.changed = true;
        this.previousEvent = MDC.get(EVENT_ID);
        MDC.put(EVENT_ID, eventId.value());
        this.registration = registrationId != null;
        if (registration) {
            this.previousRegistration = MDC.get(REGISTRATION_ID);
            MDC.put(REGISTRATION_ID, registrationId.value());
        } else {
            this.previousRegistration = null;
        }
    }

    /** The event's id until closed; nothing to do when the MDC already names it (a unit of work inside a request). */
    static LogContext event(EventId eventId) {
        return eventId.value().equals(MDC.get(EVENT_ID)) ? UNCHANGED : new LogContext(eventId, null);
    }

    /** The event's and the registration's ids until closed. */
    static LogContext registration(EventId eventId, RegistrationId registrationId) {
        return new LogContext(eventId, registrationId);
    }

    @Override
    public void close() {
        if (!changed) {
            return;
        }
        restore(EVENT_ID, previousEvent);
        if (registration) {
            restore(REGISTRATION_ID, previousRegistration);
        }
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
