package org.eventregistration.spi;

import java.util.Objects;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;

/**
 * An event's definition and its committed ledger, read together ({@link
 * RegistrationStore#findEventState}): what the public counts of an event page are made from.
 *
 * @param event the definition
 * @param ledger the event's ledger
 */
public record EventState(Event event, Ledger ledger) {
    /**
     * @throws IllegalArgumentException if the ledger is another event's
     */
    public EventState {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(ledger, "ledger");
        if (!ledger.eventId().equals(event.id())) {
            throw new IllegalArgumentException(
                    "the ledger of " + ledger.eventId() + " is not event " + event.id() + "'s");
        }
    }
}
