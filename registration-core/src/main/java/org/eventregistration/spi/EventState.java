package org.eventregistration.spi;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;

/**
 * An event's definition and its committed ledger, read together ({@link
 * RegistrationStore#findEventState}): what the public counts of an event page are made from.
 *
 * <p>The ledger here has no per-organisation counters ({@code org:<key>}, {@link
 * CounterKey#isOrganisation}): no public count shows them, their keys may be the employer names
 * people typed, and an event has as many of them as organisations register, so a read that
 * carried them would grow with the crowd. The constructor leaves them out; its version, waiting
 * list and other counters are the ledger's.
 *
 * @param event the definition
 * @param ledger the event's ledger, without per-organisation counters
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
        if (hasOrganisationCounter(ledger)) {
            Map<CounterKey, Integer> counters = new TreeMap<>(ledger.taken());
            counters.keySet().removeIf(CounterKey::isOrganisation);
            ledger = new Ledger(
                    ledger.eventId(), ledger.version(), counters, ledger.waitlistTail(), ledger.waitingCount());
        }
    }

    /** A loop, not a stream: the public counts of an event page build one of these per view. */
    private static boolean hasOrganisationCounter(Ledger ledger) {
        for (CounterKey key : ledger.taken().keySet()) {
            if (key.isOrganisation()) {
                return true;
            }
        }
        return false;
    }
}
