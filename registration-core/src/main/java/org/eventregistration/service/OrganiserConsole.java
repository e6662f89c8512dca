package org.eventregistration.service;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;

/**
 * What one organiser's staff may see and do: the organiser-facing half of the {@link
 * RegistrationService}, limited to the events of one {@link OrganiserId}. Get one with {@link
 * RegistrationService#console(OrganiserId, String)}.
 *
 * <p><b>Separation.</b> Every method checks that the event (or the registration's event) belongs
 * to this console's organiser. Another organiser's event or registration is reported exactly as
 * one that does not exist ({@link EventNotFoundException}, {@link RegistrationNotFoundException},
 * or an empty result), so ids cannot be probed. The check is repeated inside the unit of work.
 *
 * <p><b>Audit.</b> Changes (adding by hand, approve, decline, promote, cancel, check-in, no-shows, filling from
 * the waiting list, erasure) write an {@link AuditEntry} in the same unit of work as the change;
 * saving an event and exports write one right after. Entries carry ids only.
 *
 * <p>Thread-safe and cheap; the portal's own login decides which organiser a user acts for.
 */
public final class OrganiserConsole {
    private final OrganiserOperations operations;
    private final EventChanges changes;
    private final OrganiserQueries queries;
    private final PersonalData personalData;
    private final ManualRegistration manualRegistration;
    private final OrganiserId organiser;
    private final Actor actor;

    OrganiserConsole(
            OrganiserOperations operations,
            EventChanges changes,
            OrganiserQueries queries,
            PersonalData personalData,
            ManualRegistration manualRegistration,
            OrganiserId organiser,
            Actor actor) {
        this.manualRegistration = manualRegistration;
        this.operations = operations;
        this.changes = changes;
        this.queries = queries;
        this.personalData = personalData;
        this.organiser = organiser;
        this.actor = actor;
    }

    /** The organiser this console acts for. */
    public OrganiserId organiser() {
        return organiser;
    }

    /** The user acting, as kept in histories and the audit log. */
    public Actor actor() {
        return actor;
    }

    // ---------------------------------------------------------------- events

    /**
     * Stores an event definition of this organiser, or replaces it; the ledger of an existing event
     * is kept. Audited.
     *
     * <p>When a replaced definition moves the event ({@linkplain Event#movedIn a new start, end,
     * venue or title}), its {@linkplain Event#revision() revision} goes up and everyone pending,
     * confirmed, offered or waiting gets a {@link Notification.Kind#EVENT_CHANGED} message (those
     * with a seat with the updated calendar entry); the messages wait in the outbox for {@link
     * RegistrationService#deliverPendingNotifications()}. Seats added are given to the waiting list
     * by {@link #fillFromWaitingList} (or one by one with {@link #promote}).
     *
     * @throws IllegalArgumentException if the event names another organiser, or is cancelled (use
     *     {@link #cancelEvent})
     * @throws RegistrationRefusedException if another organiser already has an event with this id,
     *     or the stored event is cancelled ({@code error.eventCancelled})
     */
    public void saveEvent(Event event) {
        changes.saveEvent(this, event);
    }

    /**
     * Cancels the event: registration closes for good, every registration that is pending,
     * confirmed, offered or waiting is cancelled, and each person gets a {@link
     * Notification.Kind#EVENT_CANCELLED} message (which withdraws the calendar entry), from the
     * outbox. Audited. Cancelling a cancelled event again changes nothing.
     *
     * @param note why, kept in each registration's history; empty for the standard text
     * @return how many registrations were cancelled
     * @throws EventNotFoundException if there is no such event of this organiser
     * @throws RegistrationRefusedException if the event is over ({@code error.eventOver})
     */
    public int cancelEvent(EventId eventId, String note) {
        return changes.cancelEvent(this, eventId, note);
    }

    /**
     * Sends a message to the people whose registrations are in one of {@code recipients}: each
     * gets it (as {@link Notification.Kind#MESSAGE}, in their language, with their link) from the
     * outbox; people who have not confirmed their address yet do not. Audited; the message is
     * kept with the event ({@link RegistrationStore#findMessage}).
     *
     * @param recipients statuses of registrations that are alive, for example {@code
     *     EnumSet.of(CONFIRMED)}
     * @param subject one line, at most {@value OrganiserMessage#MAX_SUBJECT} characters per language
     * @param body plain text, at most {@value OrganiserMessage#MAX_BODY} characters per language
     * @return the message as kept
     * @throws EventNotFoundException if there is no such event of this organiser
     * @throws IllegalArgumentException if a text is too long or a status is not alive
     */
    public OrganiserMessage sendMessage(
            EventId eventId, Set<RegistrationStatus> recipients, LocalizedText subject, LocalizedText body) {
        return changes.sendMessage(this, eventId, recipients, subject, body);
    }

    /** This organiser's events, by start time. */
    public List<Event> events() {
        return queries.events(this);
    }

    /**
     * The event's counters: seats taken, waiting-list length and the number of registrations in
     * each status.
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public EventStatistics statistics(EventId eventId) {
        return queries.statistics(this, eventId);
    }

    // ---------------------------------------------------------------- reading

    /**
     * All registrations of an event, oldest first.
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public List<Registration> registrations(EventId eventId) {
        return queries.registrations(this, eventId);
    }

    /**
     * One page of an event's participant list: the registrations that match the query's statuses
     * and search text (name, e-mail, organisation; case-insensitive), in its order (names in
     * Norwegian order), with the total that match. The store filters and pages where the data is.
     *
     * <pre>{@code
     * Page<Registration> page = console.registrations(eventId, ParticipantQuery.builder()
     *         .statuses(EnumSet.of(CONFIRMED, WAITLISTED))
     *         .search("kommune")
     *         .sort(ParticipantQuery.Sort.NAME)
     *         .limit(25)
     *         .build());
     * }</pre>
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public org.eventregistration.registration.Page<Registration> registrations(
            EventId eventId, org.eventregistration.registration.ParticipantQuery query) {
        return queries.registrations(this, eventId, query);
    }

    /**
     * The registrations of an event in one status, oldest first.
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public List<Registration> registrations(EventId eventId, RegistrationStatus status) {
        return queries.registrations(this, eventId, status);
    }

    /**
     * The waiting list of an event in order.
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public List<Registration> waitingList(EventId eventId) {
        return queries.waitingList(this, eventId);
    }

    /** A registration by id; empty if there is none in this organiser's events. */
    public Optional<Registration> findRegistration(RegistrationId id) {
        return queries.findRegistration(this, id);
    }

    /** The current waiting-list position (1 = next in line), if the registration is waitlisted and this organiser's. */
    public OptionalInt waitingPosition(RegistrationId id) {
        return queries.waitingPosition(this, id);
    }

    /**
     * The audit log of an event, oldest first.
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public List<AuditEntry> auditLog(EventId eventId) {
        return queries.auditLog(this, eventId);
    }

    /**
     * This organiser's audit entries about no single event, oldest first: access and erasure
     * requests for an address that had no registration with this organiser.
     */
    public List<AuditEntry> auditLog() {
        return queries.organiserAuditLog(this);
    }

    /**
     * The messages of one of this organiser's events that could not be delivered and were set
     * aside (every attempt failed, or the message bounced), oldest first: the people to reach
     * another way.
     *
     * @throws EventNotFoundException if the event is not this organiser's
     */
    public List<Notification> undeliverable(EventId eventId) {
        return queries.undeliverable(this, eventId);
    }

    // ---------------------------------------------------------------- changing

    /**
     * Approves a registration that awaits approval: it gets a seat if one is free, else a place on
     * the waiting list. Audited.
     *
     * @throws RegistrationNotFoundException if there is no such registration in this organiser's events
     * @throws IllegalTransitionException if it does not await approval
     * @throws RegistrationRefusedException if there is neither a free seat nor room on a waiting
     *     list, or it is anonymised
     */
    public Registration approve(RegistrationId id) {
        return operations.approve(this, id);
    }

    /**
     * Declines a registration that awaits approval. Audited.
     *
     * @param note why, kept in the history (neutralised, at most 500 characters); may be empty
     * @throws RegistrationNotFoundException if there is no such registration in this organiser's events
     * @throws IllegalTransitionException if it is not pending approval
     */
    public Registration decline(RegistrationId id, String note) {
        return operations.decline(this, id, note);
    }

    /**
     * Moves one person from the waiting list to a seat, ahead of their turn, if every capacity rule
     * has room. Audited.
     *
     * @throws RegistrationNotFoundException if there is no such registration in this organiser's events
     * @throws RegistrationRefusedException if there is no room
     */
    public Registration promote(RegistrationId id) {
        return operations.promote(this, id);
    }

    /**
     * Cancels a registration on the person's behalf (no deadline applies). A freed seat goes to the
     * waiting list. Audited.
     *
     * @param note why, kept in the history (neutralised, at most 500 characters); may be empty
     * @throws RegistrationNotFoundException if there is no such registration in this organiser's events
     * @throws IllegalTransitionException if it has already ended
     */
    public Registration cancel(RegistrationId id, String note) {
        return operations.cancel(this, id, note);
    }

    /**
     * Checks a person in at the door (from confirmed, or from no-show if they came late). Audited.
     *
     * @throws RegistrationNotFoundException if there is no such registration in this organiser's events
     * @throws IllegalTransitionException if it holds no seat
     */
    public Registration checkIn(RegistrationId id) {
        return operations.checkIn(this, id);
    }

    /**
     * Undoes a check-in made by mistake: the registration is confirmed again, with the same seat.
     * Nobody is told. Audited.
     *
     * @throws RegistrationNotFoundException if there is no such registration of this organiser
     * @throws IllegalTransitionException unless it is checked in
     */
    public Registration undoCheckIn(RegistrationId id) {
        return operations.undoCheckIn(this, id);
    }

    /**
     * Marks every confirmed registration of an event that has started as a no-show. Audited.
     *
     * @return how many were marked
     * @throws EventNotFoundException if there is no such event of this organiser
     * @throws RegistrationRefusedException if the event has not started yet
     */
    public int markNoShows(EventId eventId) {
        return operations.markNoShows(this, eventId);
    }

    /**
     * Gives free seats to the waiting list: promotes or makes offers (by the event's policy) to
     * everyone in line who now fits. Call it after raising capacity or when reserved seats are
     * released. Audited.
     *
     * @return the registrations promoted or offered a seat
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public List<Registration> fillFromWaitingList(EventId eventId) {
        return operations.fillFromWaitingList(this, eventId);
    }

    /**
     * Adds a person by hand, for someone who registers by telephone or at the desk: the organiser
     * types in the person's details, checked like the public form's (the event's own fields,
     * sessions and questions). Audited ({@link org.eventregistration.audit.AuditAction#ADDED_BY_ORGANISER}).
     *
     * <ul>
     *   <li>The address counts as verified: the organiser spoke to the person, so there is no
     *       address-confirmation step, and an address that is already registered is answered with
     *       {@link RegistrationOutcome.AlreadyRegistered} (no e-mail is sent about it).
     *   <li>Capacity applies as to anyone: a seat if every quota has room, else the waiting list
     *       (in its order), else {@link RegistrationOutcome.Rejected} with the reasons.
     *   <li>The organiser decides who may come: the event's audience rules ({@linkplain
     *       Event#eligibility() eligibility}) and registration window do not apply, and the person
     *       is not put up for approval: adding them is the approval. A cancelled event, or one that
     *       has ended, takes nobody ({@code registration.eventCancelled}, {@code error.eventOver}).
     *   <li>The person gets the usual e-mail (confirmed or waiting, with their manage link and, for
     *       a seat, the check-in code) in {@link RegistrationRequest#language()}.
     * </ul>
     *
     * @return {@link RegistrationOutcome.Confirmed}, {@link RegistrationOutcome.Waitlisted}, {@link
     *     RegistrationOutcome.Invalid}, {@link RegistrationOutcome.AlreadyRegistered} or {@link
     *     RegistrationOutcome.Rejected}
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public RegistrationOutcome addParticipant(RegistrationRequest request) {
        Objects.requireNonNull(request, "request");
        return manualRegistration.add(this, request);
    }

    /**
     * The registration a check-in link ({@link org.eventregistration.registration.LinkPurpose#CHECK_IN},
     * the QR code in the person's confirmation) reaches: empty if the link is unknown, expired
     * (the event has ended), of another purpose (a manage link is no check-in link), anonymised, or
     * of another organiser's event. Check the person in with {@link #checkIn(RegistrationId)}.
     */
    public Optional<Registration> findByCheckInLink(org.eventregistration.registration.ManageToken token) {
        return queries.findByCheckInLink(this, token);
    }

    // ---------------------------------------------------------------- exports and personal data

    /**
     * All registrations of an event, for an export file (participant list, CSV). The export is
     * audited: use this, not {@link #registrations(EventId)}, when the data leaves the portal.
     *
     * @throws EventNotFoundException if there is no such event of this organiser
     */
    public List<Registration> exportRegistrations(EventId eventId) {
        return queries.exportRegistrations(this, eventId);
    }

    /**
     * Everything held about one e-mail address (compared normalized) in this organiser's events,
     * for a request under the right of access: every registration with its event, history and
     * audit entries. Audited, one entry per registration.
     *
     * @throws IllegalArgumentException if the address is blank or longer than 320 characters
     */
    public PersonalDataExport exportPersonalData(String email) {
        Objects.requireNonNull(email, "email");
        return personalData.exportPersonalData(this, email);
    }

    /**
     * Erases one person's data on request, in this organiser's events: every registration of the
     * (normalized) e-mail address that is still active is cancelled exactly as an organiser's
     * cancellation would (the seat is freed and goes to the waiting list), without a message to
     * the person; then every registration of the address is anonymised. Audited, one entry per
     * registration. Erasing an address that has nothing left is a no-op.
     *
     * @return the anonymised registrations
     * @throws IllegalArgumentException if the address is blank or longer than 320 characters
     */
    public List<Registration> erasePersonalData(String email) {
        Objects.requireNonNull(email, "email");
        return personalData.erasePersonalData(this, email);
    }

    @Override
    public String toString() {
        return "OrganiserConsole[" + organiser + ", " + actor + "]";
    }
}
