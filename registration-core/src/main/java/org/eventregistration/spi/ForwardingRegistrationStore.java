package org.eventregistration.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;

/**
 * A {@link RegistrationStore} that forwards every call to another: subclass it to decorate a store
 * (metrics, tracing, fault injection in tests) by overriding only what you need. Thread-safe if the
 * delegate is.
 */
public class ForwardingRegistrationStore implements RegistrationStore {
    private final RegistrationStore delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingRegistrationStore(RegistrationStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store calls are forwarded to. */
    protected RegistrationStore delegate() {
        return delegate;
    }

    @Override
    public void saveEvent(Event event) {
        delegate.saveEvent(event);
    }

    @Override
    public Optional<Event> findEvent(EventId id) {
        return delegate.findEvent(id);
    }

    @Override
    public List<Event> findEvents() {
        return delegate.findEvents();
    }

    @Override
    public List<Event> findEventsForRetention() {
        return delegate.findEventsForRetention();
    }

    @Override
    public void retentionDone(EventId eventId, java.time.Instant at) {
        delegate.retentionDone(eventId, at);
    }

    @Override
    public List<Event> findEvents(org.eventregistration.event.OrganiserId organiser) {
        return delegate.findEvents(organiser);
    }

    @Override
    public <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work) {
        return delegate.inTransaction(eventId, work);
    }

    @Override
    public Optional<Ledger> findLedger(EventId eventId) {
        return delegate.findLedger(eventId);
    }

    @Override
    public Optional<EventState> findEventState(EventId eventId) {
        return delegate.findEventState(eventId);
    }

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        return delegate.findRegistration(id);
    }

    @Override
    public Optional<Registration> findByManageTokenHash(String tokenHash) {
        return delegate.findByManageTokenHash(tokenHash);
    }

    @Override
    public List<Registration> findRegistrations(EventId eventId) {
        return delegate.findRegistrations(eventId);
    }

    @Override
    public org.eventregistration.registration.Page<Registration> findRegistrations(
            EventId eventId, org.eventregistration.registration.ParticipantQuery query) {
        return delegate.findRegistrations(eventId, query);
    }

    @Override
    public int countWaitingBefore(EventId eventId, long waitlistSequence) {
        return delegate.countWaitingBefore(eventId, waitlistSequence);
    }

    @Override
    public List<Registration> findExpiredOffers(Instant now, int limit) {
        return delegate.findExpiredOffers(now, limit);
    }

    @Override
    public List<Registration> findUnconfirmed(Instant now, int limit) {
        return delegate.findUnconfirmed(now, limit);
    }

    @Override
    public void saveLinkToken(LinkToken token, int maxLive) {
        delegate.saveLinkToken(token, maxLive);
    }

    @Override
    public Optional<LinkToken> findLinkToken(String tokenHash) {
        return delegate.findLinkToken(tokenHash);
    }

    @Override
    public int deleteExpiredLinkTokens(Instant now) {
        return delegate.deleteExpiredLinkTokens(now);
    }

    @Override
    public List<Registration> findRegistrationsByEmail(String normalizedEmail) {
        return delegate.findRegistrationsByEmail(normalizedEmail);
    }

    @Override
    public List<Registration> findLapsedHandovers(Instant now, int limit) {
        return delegate.findLapsedHandovers(now, limit);
    }

    @Override
    public List<Registration> findHandoversByEmail(String normalizedEmail) {
        return delegate.findHandoversByEmail(normalizedEmail);
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        delegate.appendAudit(entry);
    }

    @Override
    public List<AuditEntry> findAudit(EventId eventId) {
        return delegate.findAudit(eventId);
    }

    @Override
    public List<AuditEntry> findOrganiserAudit(OrganiserId organiser) {
        return delegate.findOrganiserAudit(organiser);
    }

    @Override
    public List<Notification> pendingNotifications(int limit) {
        return delegate.pendingNotifications(limit);
    }

    @Override
    public List<Notification> pendingNotifications(Instant now, int limit) {
        return delegate.pendingNotifications(now, limit);
    }

    @Override
    public boolean recordDeliveryFailure(String notificationId, Instant now, DeliveryRetry retry) {
        return delegate.recordDeliveryFailure(notificationId, now, retry);
    }

    @Override
    public void setAside(String notificationId, Instant at) {
        delegate.setAside(notificationId, at);
    }

    @Override
    public List<Notification> undeliverableNotifications(EventId eventId) {
        return delegate.undeliverableNotifications(eventId);
    }

    @Override
    public Optional<OutboxBacklog> outboxBacklog() {
        return delegate.outboxBacklog();
    }

    @Override
    public void markDelivered(Collection<String> notificationIds) {
        delegate.markDelivered(notificationIds);
    }

    @Override
    public void afterCommit(Runnable action) {
        delegate.afterCommit(action);
    }

    @Override
    public boolean joinsCallerTransactions() {
        return delegate.joinsCallerTransactions();
    }

    @Override
    public void saveMessage(OrganiserMessage message) {
        delegate.saveMessage(message);
    }

    @Override
    public Optional<OrganiserMessage> findMessage(String messageId) {
        return delegate.findMessage(messageId);
    }

    @Override
    public int deleteMessages(EventId eventId) {
        return delegate.deleteMessages(eventId);
    }

    @Override
    public java.util.Map<org.eventregistration.registration.RegistrationStatus, Integer> countByStatus(
            EventId eventId) {
        return delegate.countByStatus(eventId);
    }
}
