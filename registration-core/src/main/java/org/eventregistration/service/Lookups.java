package org.eventregistration.service;

import java.util.Objects;
import java.util.OptionalInt;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.RegistrationStore;

/** Reads outside a unit of work that several rooms share: an event that must exist, a waiting position. */
final class Lookups {
    private final RegistrationStore store;

    Lookups(RegistrationStore store) {
        this.store = store;
    }

    Event requireEvent(EventId id) {
        return store.findEvent(Objects.requireNonNull(id, "eventId")).orElseThrow(() -> new EventNotFoundException(id));
    }

    /** 1 = next in line; empty unless waitlisted. */
    OptionalInt waitingPosition(Registration r) {
        return r.status() == RegistrationStatus.WAITLISTED
                ? OptionalInt.of(store.countWaitingBefore(r.eventId(), r.waitlistSequence()) + 1)
                : OptionalInt.empty();
    }
}
