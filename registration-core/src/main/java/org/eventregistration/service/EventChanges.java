package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.i18n.Reason;
import org.eventregistration.internal.Texts;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.IdGenerator;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what reaches everyone registered for an event at once: a changed definition (and who
 * hears that the event moved), the cancellation of the event, and an organiser's message. Each is
 * one unit of work on the event, audited in it; under the event's lock no registration appears or
 * changes status meanwhile, so nobody is missed. The messages wait in the outbox for {@code
 * deliverPendingNotifications()}, so that the organiser does not wait for hundreds of them.
 */
final class EventChanges {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    /** Who hears that the event moved: everyone whose registration is alive and not yet over. */
    private static final Set<RegistrationStatus> TOLD_OF_CHANGES = EnumSet.of(
            RegistrationStatus.PENDING_APPROVAL,
            RegistrationStatus.CONFIRMED,
            RegistrationStatus.WAITLISTED,
            RegistrationStatus.OFFERED);

    private final RegistrationStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final Ownership ownership;
    private final Registrar registrar;

    EventChanges(RegistrationStore store, Clock clock, IdGenerator ids, Ownership ownership, Registrar registrar) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.ownership = ownership;
        this.registrar = registrar;
    }

    void saveEvent(OrganiserConsole console, Event event) {
        Objects.requireNonNull(event, "event");
        if (!event.organiser().equals(console.organiser())) {
            throw new IllegalArgumentException("event " + event.id() + " belongs to organiser " + event.organiser()
                    + ", not to this console's organiser " + console.organiser());
        }
        Optional<Event> existing = store.findEvent(event.id());
        if (existing.isPresent() && !existing.get().organiser().equals(console.organiser())) {
            // Event definitions are public, so saying that the id is taken reveals nothing new.
            throw new RegistrationRefusedException(
                    "event " + event.id() + " belongs to another organiser", Reason.of("error.eventIdTaken"));
        }
        if (event.isCancelled()) {
            throw new IllegalArgumentException(
                    "event " + event.id() + ": cancel an event with cancelEvent, not by saving a cancelled definition");
        }
        Instant now = clock.instant();
        if (existing.isEmpty()) {
            Event first = event.toBuilder().revision(0).build();
            store.saveEvent(first);
            registrar.definitionSeen(first);
            store.appendAudit(
                    AuditEntry.of(now, console.actor(), console.organiser(), AuditAction.EVENT_SAVED, event.id()));
            log.info("event saved: event={} organiser={} by={}", event.id(), console.organiser(), console.actor());
            return;
        }
        Event saved = ownership.runOwnQueued(
                console.organiser(), event.id(), now, () -> new EventNotFoundException(event.id()), fx -> {
                    Event current = fx.event();
                    if (current.isCancelled()) {
                        throw new RegistrationRefusedException(
                                "event " + event.id() + " is cancelled", Reason.of("error.eventCancelled"));
                    }
                    boolean moved = current.movedIn(event);
                    Event next = event.toBuilder()
                            .revision(current.revision() + (moved ? 1 : 0))
                            .build();
                    fx.saveEvent(next);
                    if (moved) {
                        for (Registration r : fx.tx().registrations(TOLD_OF_CHANGES)) {
                            if (!r.anonymised()) {
                                fx.notify(Notification.Kind.EVENT_CHANGED, r);
                            }
                        }
                    }
                    fx.audit(console.actor(), AuditAction.EVENT_SAVED, null);
                    return next;
                });
        registrar.definitionSeen(saved);
        log.info(
                "event saved: event={} organiser={} revision={} by={}",
                event.id(),
                console.organiser(),
                saved.revision(),
                console.actor());
    }

    int cancelEvent(OrganiserConsole console, EventId eventId, String note) {
        Objects.requireNonNull(note, "note");
        String reason = Texts.neutralise(note, 500);
        Instant now = clock.instant();
        int cancelled = ownership.runOwnQueued(
                console.organiser(), eventId, now, () -> new EventNotFoundException(eventId), fx -> {
                    Event event = fx.event();
                    if (event.isCancelled()) {
                        return 0; // cancelled before: nothing more to do
                    }
                    if (!now.isBefore(event.end().toInstant())) {
                        throw new RegistrationRefusedException(
                                "event " + eventId + " is over", Reason.of("error.eventOver"));
                    }
                    fx.saveEvent(event.toBuilder()
                            .revision(event.revision() + 1)
                            .cancelledAt(now)
                            .build());
                    int n = 0;
                    for (Registration r : fx.tx().registrations(TOLD_OF_CHANGES)) {
                        fx.release(
                                r,
                                RegistrationStatus.CANCELLED,
                                console.actor(),
                                reason.isEmpty() ? "history.eventCancelled" : reason,
                                Notification.Kind.EVENT_CANCELLED);
                        n++;
                    }
                    fx.audit(console.actor(), AuditAction.EVENT_CANCELLED, null);
                    return n;
                });
        store.findEvent(eventId).ifPresent(registrar::definitionSeen);
        log.info("event cancelled: event={} registrations={} by={}", eventId, cancelled, console.actor());
        return cancelled;
    }

    OrganiserMessage sendMessage(
            OrganiserConsole console,
            EventId eventId,
            Set<RegistrationStatus> recipients,
            LocalizedText subject,
            LocalizedText body) {
        Instant now = clock.instant();
        OrganiserMessage message =
                new OrganiserMessage(ids.newId(), eventId, subject, body, recipients, console.actor(), now);
        ownership.ownEvent(console, eventId);
        // Saved first, on its own: a message nobody was sent (the unit of work failed) harms no one.
        store.saveMessage(message);
        int sent = ownership.runOwnQueued(
                console.organiser(), eventId, now, () -> new EventNotFoundException(eventId), fx -> {
                    int n = 0;
                    for (Registration r : fx.tx().registrations(message.recipients())) {
                        if (!r.anonymised() && fx.notifyMessage(message.id(), r)) {
                            n++;
                        }
                    }
                    fx.audit(console.actor(), AuditAction.MESSAGE_SENT, null);
                    return n;
                });
        log.info("message sent: event={} message={} recipients={} by={}", eventId, message.id(), sent, console.actor());
        return message;
    }
}
