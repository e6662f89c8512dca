package org.eventregistration.spi;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;

/**
 * An {@link EventTransaction} that forwards every call to another, for decorating a store's units
 * of work (see {@link ForwardingRegistrationStore}). Same threading rules as the delegate.
 */
public class ForwardingEventTransaction implements EventTransaction {
    private final EventTransaction delegate;

    /** Forwards to {@code delegate}. */
    public ForwardingEventTransaction(EventTransaction delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The unit of work calls are forwarded to. */
    protected EventTransaction delegate() {
        return delegate;
    }

    @Override
    public Event event() {
        return delegate.event();
    }

    @Override
    public Ledger ledger() {
        return delegate.ledger();
    }

    @Override
    public void updateLedger(Ledger ledger) {
        delegate.updateLedger(ledger);
    }

    @Override
    public Optional<Registration> findRegistration(RegistrationId id) {
        return delegate.findRegistration(id);
    }

    @Override
    public Optional<Registration> findActiveByEmail(String normalizedEmail) {
        return delegate.findActiveByEmail(normalizedEmail);
    }

    @Override
    public Map<String, Registration> findActiveByEmails(Collection<String> normalizedEmails) {
        return delegate.findActiveByEmails(normalizedEmails);
    }

    @Override
    public Optional<Registration> findByIdempotencyKey(String idempotencyKey) {
        return delegate.findByIdempotencyKey(idempotencyKey);
    }

    @Override
    public List<Registration> waitingList(long afterSequence, int limit) {
        return delegate.waitingList(afterSequence, limit);
    }

    @Override
    public void insert(Registration registration) {
        delegate.insert(registration);
    }

    @Override
    public void update(Registration registration) {
        delegate.update(registration);
    }

    @Override
    public void publish(Notification notification) {
        delegate.publish(notification);
    }

    @Override
    public void audit(AuditEntry entry) {
        delegate.audit(entry);
    }

    @Override
    public List<Registration> registrations(Set<RegistrationStatus> statuses) {
        return delegate.registrations(statuses);
    }

    @Override
    public void saveEvent(Event event) {
        delegate.saveEvent(event);
    }
}
