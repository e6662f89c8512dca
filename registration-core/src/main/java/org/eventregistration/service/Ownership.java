package org.eventregistration.service;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.spi.RegistrationStore;

/**
 * Decides whether an event or a registration belongs to a console's organiser. Another
 * organiser's is reported exactly like one that does not exist, and the check is repeated under
 * the event's lock.
 */
final class Ownership {
    private final RegistrationStore store;
    private final UnitsOfWork units;

    Ownership(RegistrationStore store, UnitsOfWork units) {
        this.store = store;
        this.units = units;
    }

    Event ownEvent(OrganiserConsole console, EventId id) {
        Objects.requireNonNull(id, "eventId");
        // Another organiser's event is reported exactly like one that does not exist.
        return store.findEvent(id)
                .filter(e -> e.organiser().equals(console.organiser()))
                .orElseThrow(() -> new EventNotFoundException(id));
    }

    boolean owns(OrganiserConsole console, EventId eventId) {
        return store.findEvent(eventId)
                .map(e -> e.organiser().equals(console.organiser()))
                .orElse(false);
    }

    Registration ownRegistration(OrganiserConsole console, RegistrationId id) {
        Objects.requireNonNull(id, "id");
        return store.findRegistration(id)
                .filter(r -> owns(console, r.eventId()))
                .orElseThrow(() -> new RegistrationNotFoundException(id));
    }

    /** Runs a unit of work for an organiser, checking again under the lock that the event is theirs. */
    <T> T runOwn(
            OrganiserId organiser,
            EventId eventId,
            Instant now,
            Supplier<RuntimeException> notFound,
            Function<UnitOfWork, T> work) {
        return units.run(eventId, now, checked(organiser, notFound, work));
    }

    /**
     * As {@link #runOwn}, but the notifications are left in the outbox for {@code
     * deliverPendingNotifications()}: for changes that reach many people at once.
     */
    <T> T runOwnQueued(
            OrganiserId organiser,
            EventId eventId,
            Instant now,
            Supplier<RuntimeException> notFound,
            Function<UnitOfWork, T> work) {
        return units.runUndelivered(eventId, now, java.util.List.of(), checked(organiser, notFound, work))
                .value();
    }

    /** The work, preceded by the check, under the event's lock, that the event is the organiser's. */
    private static <T> Function<UnitOfWork, T> checked(
            OrganiserId organiser, Supplier<RuntimeException> notFound, Function<UnitOfWork, T> work) {
        return fx -> {
            if (!fx.event().organiser().equals(organiser)) {
                throw notFound.get();
            }
            return work.apply(fx);
        };
    }
}
