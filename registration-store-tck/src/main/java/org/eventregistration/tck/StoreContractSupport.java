package org.eventregistration.tck;

import java.util.Set;
import java.util.UUID;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.BeforeEach;

/**
 * The store under test and the small steps the contract's tests share. Part of {@link
 * RegistrationStoreContract}: extend that class, not this one.
 */
public abstract class StoreContractSupport {
    /** The store under test, new for each test. */
    protected RegistrationStore store;

    /** An empty store. Called before each test. */
    protected abstract RegistrationStore newStore();

    /** Threads for the concurrency tests; override for a store with a small connection pool. */
    protected int threads() {
        return 8;
    }

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    Event saved(String id, int seats) {
        Event event = Fixtures.event(id, seats);
        store.saveEvent(event);
        return event;
    }

    void insert(Registration r) {
        store.inTransaction(r.eventId(), tx -> {
            tx.insert(r);
            return null;
        });
    }

    /** Cancels a stored registration in a unit of work of its own. */
    void cancel(Registration r) {
        store.inTransaction(r.eventId(), tx -> {
            tx.update(Fixtures.moved(r, RegistrationStatus.CANCELLED, Set.of(), Fixtures.NOW));
            return null;
        });
    }

    static Notification notification(EventId eventId, RegistrationId registrationId) {
        return new Notification(
                UUID.randomUUID().toString(), Notification.Kind.CONFIRMED, eventId, registrationId, Fixtures.NOW);
    }
}
