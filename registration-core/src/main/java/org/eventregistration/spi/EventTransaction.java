package org.eventregistration.spi;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;

/**
 * One atomic unit of work on one event, handed to the callback of {@link
 * RegistrationStore#inTransaction}. While it is open, no other unit of work on the same event runs
 * (on any node sharing the store). Reads see the unit's own writes. Not thread-safe: use it only
 * on the callback's thread and only during the callback.
 */
public interface EventTransaction {

    /** The event definition. */
    Event event();

    /** The event's ledger as of this unit of work, including its own changes. */
    Ledger ledger();

    /**
     * Replaces the ledger. The new ledger's version must be greater than the current one's.
     *
     * @throws IllegalArgumentException if the version does not grow or the event differs
     */
    void updateLedger(Ledger ledger);

    /** A registration of this event by id. */
    Optional<Registration> findRegistration(RegistrationId id);

    /**
     * The active (not cancelled, declined or expired) registration of this event with the given
     * normalized e-mail address, if any.
     */
    Optional<Registration> findActiveByEmail(String normalizedEmail);

    /**
     * The active registrations of this event for several normalized e-mail addresses at once, keyed
     * by address; addresses without one are absent. The service calls this first in every unit of
     * work that registers people (a combined batch, or one person), with every address it will
     * then look up with {@link #findActiveByEmail}, so a store can answer with one query instead
     * of one per person, and remember the answers for the look-ups that follow (the JDBC store
     * even sends it together with the event's lock). The default asks {@link #findActiveByEmail}
     * for each.
     */
    default Map<String, Registration> findActiveByEmails(Collection<String> normalizedEmails) {
        Map<String, Registration> found = new HashMap<>();
        for (String email : normalizedEmails) {
            findActiveByEmail(email).ifPresent(r -> found.put(email, r));
        }
        return found;
    }

    /** The registration of this event made with the given idempotency key, if any. */
    Optional<Registration> findByIdempotencyKey(String idempotencyKey);

    /**
     * Up to {@code limit} waitlisted registrations of this event whose waiting-list sequence is
     * greater than {@code afterSequence}, in sequence order.
     */
    List<Registration> waitingList(long afterSequence, int limit);

    /**
     * The registrations of this event in any of {@code statuses}, oldest first, with this unit of
     * work's own inserts and updates. For changes that reach many people at once (an event moved or
     * cancelled, an organiser's message): under the event's lock, no registration of the event
     * appears or changes status outside this unit of work while it runs.
     */
    List<Registration> registrations(Set<RegistrationStatus> statuses);

    /**
     * Replaces the event's definition, committed with the unit of work: {@link #event()} answers
     * with it from now on.
     *
     * @throws IllegalArgumentException if the definition is of another event
     */
    void saveEvent(Event event);

    /**
     * Stores a new registration.
     *
     * @throws DuplicateRegistrationException if the id, the active e-mail or the idempotency key is
     *     taken (the unit of work should have checked; the store enforces it)
     */
    void insert(Registration registration);

    /**
     * Replaces a stored registration (same id and event).
     *
     * @throws org.eventregistration.registration.RegistrationNotFoundException if it does not exist
     */
    void update(Registration registration);

    /** Queues a notification: stored with the unit of work, delivered after it commits. */
    void publish(Notification notification);

    /**
     * Appends an entry to the audit log, committed with the unit of work (and rolled back with it).
     *
     * @throws IllegalArgumentException if the entry is about another event
     */
    void audit(AuditEntry entry);
}
