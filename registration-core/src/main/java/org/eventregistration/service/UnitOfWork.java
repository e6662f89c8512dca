package org.eventregistration.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CapacityCheck;
import org.eventregistration.capacity.CapacityDecision;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.eligibility.Applicant;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationBuilder;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.spi.EventTransaction;
import org.eventregistration.spi.IdGenerator;
import org.eventregistration.spi.Notification;

/**
 * The moves of one unit of work on one locked event: every status change keeps the ledger's
 * counters in step with what registrations hold, records its history entry and publishes its
 * notification in the same transaction. The ledger is written once, at the end.
 */
final class UnitOfWork {
    private final EventTransaction tx;
    private final Instant now;
    private Event event;
    private final IdGenerator ids;
    private Ledger ledger;
    private boolean ledgerChanged;
    private final List<Notification> notifications = new ArrayList<>();

    /** The messages sent to an address that is not confirmed yet: each carries a link that confirms it. */
    private static final Set<Notification.Kind> CONFIRMING = EnumSet.of(
            Notification.Kind.ADDRESS_CONFIRMATION,
            Notification.Kind.ALREADY_REGISTERED,
            Notification.Kind.LINK_REQUESTED,
            Notification.Kind.DATA_REQUEST);

    UnitOfWork(EventTransaction tx, Instant now, IdGenerator ids) {
        this.tx = tx;
        this.now = now;
        this.ids = ids;
        this.event = tx.event();
        this.ledger = tx.ledger();
    }

    /** The event's definition as read under its lock. */
    Event event() {
        return event;
    }

    /** Replaces the event's definition in this unit of work. */
    void saveEvent(Event changed) {
        tx.saveEvent(changed);
        event = changed;
    }

    Instant now() {
        return now;
    }

    EventTransaction tx() {
        return tx;
    }

    String newId() {
        return ids.newId();
    }

    Ledger ledger() {
        return ledger;
    }

    void ledger(Ledger next) {
        ledger = next;
        ledgerChanged = true;
    }

    void flushLedger() {
        if (ledgerChanged) {
            tx.updateLedger(ledger);
        }
    }

    List<Notification> notifications() {
        return notifications;
    }

    Registration require(RegistrationId id) {
        return tx.findRegistration(id).orElseThrow(() -> new RegistrationNotFoundException(id));
    }

    /** A registration an organiser may still change: not anonymised. */
    Registration requireChangeable(RegistrationId id) {
        Registration r = require(id);
        if (r.anonymised()) {
            throw new RegistrationRefusedException(
                    "registration " + id + " is anonymised", Reason.of("error.anonymised"));
        }
        return r;
    }

    /**
     * Writes a changed registration as it is, with no status move (anonymising, removing answers);
     * an offer to a colleague that has lapsed by now is removed on the way (see {@link
     * #withoutLapsedHandover}).
     */
    void update(Registration r) {
        tx.update(withoutLapsedHandover(r));
    }

    /**
     * The registration without its offer to a colleague if that offer has lapsed by now: the
     * colleague's name and address are not kept longer than the offer needs them, whichever unit
     * of work writes the registration next (the expiry job removes the rest).
     */
    Registration withoutLapsedHandover(Registration r) {
        return r.handover().filter(h -> !h.liveAt(now)).isPresent()
                ? r.withoutHandover(now, Actor.system(), Registration.HANDOVER_LAPSED)
                : r;
    }

    /** Writes an audit entry in this unit of work; {@code registrationId} may be null for the event as a whole. */
    void audit(Actor actor, AuditAction action, RegistrationId registrationId) {
        tx.audit(
                registrationId == null
                        ? AuditEntry.of(now, actor, event.organiser(), action, event.id())
                        : AuditEntry.of(now, actor, event.organiser(), action, event.id(), registrationId));
    }

    /** Which answers survive anonymisation: choices and yes/no of questions that are not sensitive. */
    Predicate<String> keepAfterAnonymising() {
        return questionId -> event.question(questionId)
                .filter(q -> q.kind() != Question.Kind.TEXT && !q.sensitive())
                .isPresent();
    }

    /** Whether a registration would fit now, with what it would hold. */
    CapacityDecision check(Registration r) {
        return CapacityCheck.check(event, ledger, Applicant.of(r.attendee()), r.sessions(), now);
    }

    /** Stores a new registration in its first status, with its first history entry and notification. */
    Registration insert(
            RegistrationBuilder draft,
            RegistrationStatus status,
            Set<CounterKey> holds,
            long sequence,
            Actor actor,
            String reason,
            Notification.Kind kind) {
        Registration r = draft.status(status)
                .holds(holds)
                .waitlistSequence(sequence)
                .history(List.of(new StatusChange(status, now, actor, reason)))
                .build();
        tx.insert(r);
        notify(kind, r);
        return r;
    }

    /** Moves to a seat-holding status, taking the counters. */
    Registration take(
            Registration r,
            RegistrationStatus target,
            Set<CounterKey> holds,
            Actor actor,
            String reason,
            Notification.Kind kind) {
        ledger(ledger.take(holds));
        return move(r, target, holds, actor, reason, kind);
    }

    /** Moves to a status that holds nothing, releasing what it held and leaving the waiting list. */
    Registration release(
            Registration r, RegistrationStatus target, Actor actor, String reason, Notification.Kind kind) {
        if (!r.status().canMoveTo(target)) {
            throw new IllegalTransitionException(r.id(), r.status(), target);
        }
        if (!r.holds().isEmpty()) {
            ledger(ledger.release(r.holds()));
        }
        if (r.status() == RegistrationStatus.WAITLISTED) {
            ledger(ledger.leaveWaitlist());
        }
        return move(r, target, Set.of(), actor, reason, kind);
    }

    /** Moves to {@code target} holding {@code holds}; no notification if {@code kind} is null. */
    Registration move(
            Registration r,
            RegistrationStatus target,
            Set<CounterKey> holds,
            Actor actor,
            String reason,
            Notification.Kind kind) {
        Registration next =
                withoutLapsedHandover(r.moveTo(target, holds, new StatusChange(target, now, actor, reason)));
        tx.update(next);
        if (kind != null) {
            notify(kind, next);
        }
        return next;
    }

    /**
     * Publishes a notification in this unit of work; the listeners hear of it after the commit.
     * While the address is not confirmed, only messages that let its owner confirm it are sent:
     * it may not be the registrant's, and the status's own message follows the confirmation.
     */
    void notify(Notification.Kind kind, Registration r) {
        if (!r.addressConfirmed() && !CONFIRMING.contains(kind)) {
            return;
        }
        Notification n = new Notification(ids.newId(), kind, r.eventId(), r.id(), now);
        tx.publish(n);
        notifications.add(n);
    }

    /**
     * Publishes an organiser's message to the owner of a registration; not while the address is
     * unconfirmed (false then).
     */
    boolean notifyMessage(String messageId, Registration r) {
        if (!r.addressConfirmed()) {
            return false;
        }
        Notification n = new Notification(
                ids.newId(), Notification.Kind.MESSAGE, r.eventId(), r.id(), now, java.util.Optional.of(messageId));
        tx.publish(n);
        notifications.add(n);
        return true;
    }
}
