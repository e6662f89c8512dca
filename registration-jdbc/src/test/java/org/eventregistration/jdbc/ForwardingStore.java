package org.eventregistration.jdbc;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;

/** Forwards everything to a store; tests override what they need to interfere with. */
class ForwardingStore implements RegistrationStore {
    private final RegistrationStore target;

    ForwardingStore(RegistrationStore target) {
        this.target = target;
    }

    @Override
    public void saveEvent(Event event) {
        target.saveEvent(event);
    }

    @Override
    public Optional<Event> findEvent(EventId id) {
        return target.findEvent(id);
    }

    @Override
    public List<Event> findEvents() {
        return target.findEvents();
    }

    @Override
    public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        return target.inTransaction(eventId, work);
    }

    @Override
    public Optional<Ledger> findLedger(EventId eventId) {
        return target.findLedger(eventId);
    }

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        return target.findRegistration(id);
    }

    @Override
    public Optional<Registration> findByManageTokenHash(String tokenHash) {
        return target.findByManageTokenHash(tokenHash);
    }

    @Override
    public List<Registration> findRegistrations(EventId eventId) {
        return target.findRegistrations(eventId);
    }

    @Override
    public int countWaitingBefore(EventId eventId, long waitlistSequence) {
        return target.countWaitingBefore(eventId, waitlistSequence);
    }

    @Override
    public List<Registration> findExpiredOffers(Instant now, int limit) {
        return target.findExpiredOffers(now, limit);
    }

    @Override
    public List<Registration> findRegistrationsByEmail(String normalizedEmail) {
        return target.findRegistrationsByEmail(normalizedEmail);
    }

    @Override
    public void appendAudit(org.eventregistration.audit.AuditEntry entry) {
        target.appendAudit(entry);
    }

    @Override
    public List<org.eventregistration.audit.AuditEntry> findAudit(EventId eventId) {
        return target.findAudit(eventId);
    }

    @Override
    public List<Notification> pendingNotifications(int limit) {
        return target.pendingNotifications(limit);
    }

    @Override
    public void markDelivered(Collection<String> notificationIds) {
        target.markDelivered(notificationIds);
    }
}
