package org.eventregistration.spi;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Page;
import org.eventregistration.registration.ParticipantQuery;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;

/**
 * Where events, ledgers, registrations and pending notifications are kept.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>One atomic unit of work per event.</b> {@link #inTransaction} runs the callback with the
 *       event exclusively locked: no other unit of work on that event runs until it ends, on this
 *       node or any other sharing the store. If the callback returns, everything it wrote (ledger,
 *       registrations, notifications) is committed together; if it throws, nothing is, and the
 *       exception propagates. Units of work on different events do not wait for each other.
 *   <li>Reads outside a unit of work see committed data only.
 *   <li>At most one active registration per event and normalized e-mail, and one per event and
 *       idempotency key: the store enforces it even if a caller forgets to check.
 *   <li>The manage token and every link token are stored only as their hashes.
 *   <li>Audit entries written with {@link EventTransaction#audit} are committed with their unit of
 *       work; the audit log holds ids only and is never changed by anonymisation.
 * </ul>
 *
 * <p>Implementations must be thread-safe. The registration-store-tck module has the contract test
 * suite every implementation should pass.
 */
public interface RegistrationStore {

    /**
     * Stores an event definition, replacing an earlier one with the same id. A new event gets an
     * empty ledger; an existing ledger is kept.
     */
    void saveEvent(Event event);

    /** An event by id. */
    Optional<Event> findEvent(EventId id);

    /** All events, ordered by start time. */
    List<Event> findEvents();

    /**
     * The events the retention run still has to look at, ordered by start time: those not marked
     * with {@link #retentionDone}. The default is every event; a store should leave the done ones
     * out without reading them, so that the run's cost does not grow with the events of the past.
     */
    default List<Event> findEventsForRetention() {
        return findEvents();
    }

    /**
     * Records that the retention run has removed all personal data of an event (every registration
     * anonymised), so that {@link #findEventsForRetention()} leaves it out from now on. The default
     * remembers nothing.
     */
    default void retentionDone(EventId eventId, Instant at) {}

    /**
     * The events of one organiser, ordered by start time. The default filters {@link #findEvents()};
     * a store with many events should answer from an index (the JDBC store does).
     */
    default List<Event> findEvents(OrganiserId organiser) {
        java.util.Objects.requireNonNull(organiser, "organiser");
        return findEvents().stream()
                .filter(e -> e.organiser().equals(organiser))
                .toList();
    }

    /**
     * Runs one atomic unit of work on an event; see the class documentation. A store that retries
     * on transient failures (deadlocks, serialization failures) calls the callback again, so it
     * must be idempotent apart from its effects through the transaction.
     *
     * @throws org.eventregistration.event.EventNotFoundException if the event does not exist
     * @throws StoreException if the store fails; nothing was written
     * @throws OutcomeUnknownException if the store failed while committing, so that the unit of
     *     work may or may not have been stored
     */
    <T> T inTransaction(EventId eventId, Function<EventTransaction, T> work);

    /** The committed ledger of an event. */
    Optional<Ledger> findLedger(EventId eventId);

    /**
     * An event's definition and its committed ledger, read together: what the public counts of an
     * event page are made from ({@link org.eventregistration.service.RegistrationService#seatCounts}),
     * the read that thousands make when registration opens. Its ledger has no per-organisation
     * counters ({@link EventState}): a store need not read them. The default reads {@link
     * #findEvent} and then {@link #findLedger}; a store should read both at once, from one
     * consistent state, in one round trip.
     *
     * @return empty if there is no such event
     */
    default Optional<EventState> findEventState(EventId eventId) {
        Optional<Event> event = findEvent(eventId);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        return findLedger(eventId).map(ledger -> new EventState(event.get(), ledger));
    }

    /** A registration by id. */
    Optional<Registration> findRegistration(RegistrationId id);

    /** The registration whose manage token hashes to this value. */
    Optional<Registration> findByManageTokenHash(String tokenHash);

    /** All registrations of an event, oldest first. */
    List<Registration> findRegistrations(EventId eventId);

    /**
     * One page of an event's registrations for the organiser's participant list: those that match
     * the query's statuses and search, in its order, and how many match in all. The default applies
     * the query to {@link #findRegistrations} in memory; a store with many registrations per event
     * should filter, count and page where the data is (the JDBC store does, on indexed columns).
     * An unknown event gives an empty page.
     */
    default Page<Registration> findRegistrations(EventId eventId, ParticipantQuery query) {
        return query.apply(findRegistrations(eventId));
    }

    /**
     * How many registrations of an event are in each status (statuses with none may be left out),
     * for the organiser's statistics. The default counts {@link #findRegistrations}; a store should
     * answer from an index or counters instead of reading every registration.
     */
    default Map<RegistrationStatus, Integer> countByStatus(EventId eventId) {
        Map<RegistrationStatus, Integer> counts = new EnumMap<>(RegistrationStatus.class);
        for (Registration r : findRegistrations(eventId)) {
            counts.merge(r.status(), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The number of waitlisted registrations of the event with a waiting-list sequence below the
     * given one: a waiting person's current position is this plus one.
     */
    int countWaitingBefore(EventId eventId, long waitlistSequence);

    /** Up to {@code limit} offers (status OFFERED) of any event that expire at or before {@code now}. */
    List<Registration> findExpiredOffers(Instant now, int limit);

    /**
     * Up to {@code limit} active registrations of any event whose {@linkplain
     * Registration#confirmAddressBy() address confirmation deadline} is at or before {@code now},
     * earliest deadline first.
     */
    List<Registration> findUnconfirmed(Instant now, int limit);

    /**
     * Up to {@code limit} registrations of any event whose {@linkplain Registration#handover() offer
     * to a colleague} lapsed at or before {@code now} (its {@code expiresAt}), earliest first: the
     * colleague's name and address are no longer needed once the offer can no longer be taken.
     *
     * <p>The default reads every event's registrations; a store should answer from an index that
     * holds only the registrations with an offer (the JDBC store does).
     */
    default List<Registration> findLapsedHandovers(Instant now, int limit) {
        java.util.Objects.requireNonNull(now, "now");
        if (limit <= 0) {
            return List.of();
        }
        return findEvents().stream()
                .flatMap(e -> findRegistrations(e.id()).stream())
                .filter(r -> r.handover().filter(h -> !h.liveAt(now)).isPresent())
                .sorted(java.util.Comparator.comparing(
                        (Registration r) -> r.handover().orElseThrow().expiresAt()))
                .limit(limit)
                .toList();
    }

    /**
     * Every registration, of any event, whose {@linkplain Registration#handover() offer to a
     * colleague} names the given {@linkplain org.eventregistration.registration.Handover#normalizedEmail()
     * normalized address} (live or lapsed), in no particular order: what an access or erasure
     * request for the colleague's address must find.
     *
     * <p>The default reads every event's registrations; a store should answer from an index that
     * holds only the registrations with an offer (the JDBC store does).
     */
    default List<Registration> findHandoversByEmail(String normalizedEmail) {
        java.util.Objects.requireNonNull(normalizedEmail, "normalizedEmail");
        return findEvents().stream()
                .flatMap(e -> findRegistrations(e.id()).stream())
                .filter(r -> r.handover()
                        .filter(h -> h.normalizedEmail().equals(normalizedEmail))
                        .isPresent())
                .toList();
    }

    /**
     * Stores a link's token (its hash only), keeping at most {@code maxLive} tokens of the same
     * registration and purpose: the oldest beyond that are deleted. Committed when this returns;
     * not part of any unit of work.
     *
     * @throws IllegalArgumentException if {@code maxLive} is below 1
     */
    void saveLinkToken(LinkToken token, int maxLive);

    /** The link token with this hash, live or expired. */
    Optional<LinkToken> findLinkToken(String tokenHash);

    /**
     * Deletes the link tokens that expired at or before {@code now}.
     *
     * @return how many were deleted
     */
    int deleteExpiredLinkTokens(Instant now);

    /**
     * Every registration, of any event, whose attendee's {@linkplain
     * org.eventregistration.attendee.Attendee#normalizedEmail() normalized e-mail} is the given one
     * (active or not), in no particular order. Served by an index, for access and erasure requests.
     */
    List<Registration> findRegistrationsByEmail(String normalizedEmail);

    /**
     * Appends an entry to the audit log outside a unit of work (for actions that change nothing,
     * such as an export). Committed when this returns.
     */
    void appendAudit(AuditEntry entry);

    /** The audit log of an event, oldest first. Kept when personal data is anonymised. */
    List<AuditEntry> findAudit(EventId eventId);

    /**
     * The audit entries of an organiser that are about no single event ({@link
     * AuditEntry#ofOrganiser}: look-ups that found nothing), oldest first.
     */
    List<AuditEntry> findOrganiserAudit(OrganiserId organiser);

    /**
     * Up to {@code limit} notifications not yet marked delivered nor set aside, oldest first,
     * including those waiting for a retry.
     */
    List<Notification> pendingNotifications(int limit);

    /**
     * Up to {@code limit} notifications due for delivery at {@code now}: not delivered, not set
     * aside, and either never failed or past the time of their retry; oldest first.
     */
    List<Notification> pendingNotifications(Instant now, int limit);

    /**
     * Records that delivering a notification failed at {@code now}: one more failed attempt, and
     * the next one at {@link DeliveryRetry#nextAttempt}, or, once that is empty, the notification is
     * set aside as undeliverable. An unknown or delivered id is ignored.
     *
     * @return true if it was set aside
     */
    boolean recordDeliveryFailure(String notificationId, Instant now, DeliveryRetry retry);

    /**
     * Sets a notification aside as undeliverable at once (a bounce: the address does not take
     * mail). An unknown, delivered or already set-aside id is ignored.
     */
    void setAside(String notificationId, Instant at);

    /** The notifications of an event set aside as undeliverable, oldest first. */
    List<Notification> undeliverableNotifications(EventId eventId);

    /**
     * Keeps an organiser's message, for the notifications that carry it ({@link
     * Notification#messageId()}). Saving the same id again is ignored.
     */
    void saveMessage(OrganiserMessage message);

    /** An organiser's message by id; empty if unknown or deleted with its event's personal data. */
    Optional<OrganiserMessage> findMessage(String messageId);

    /**
     * Deletes the messages of an event (the retention run does, once the event's personal data is
     * due for anonymisation: a message may name people).
     *
     * @return how many were deleted
     */
    int deleteMessages(EventId eventId);

    /**
     * What waits in the outbox now (pending, retrying, the oldest pending, set aside), for health
     * checks and metrics: read-only, it claims and changes nothing (unlike {@link
     * #pendingNotifications(int)} with a claim), and cheap enough to call every few seconds. Empty
     * by default: a store that cannot count without side effects says so instead of guessing.
     */
    default Optional<OutboxBacklog> outboxBacklog() {
        return Optional.empty();
    }

    /** Marks notifications delivered; unknown ids are ignored. */
    void markDelivered(Collection<String> notificationIds);

    /**
     * Runs {@code action} once the unit of work that the calling thread has just finished is
     * committed. The service calls this right after {@link #inTransaction} returns, on the same
     * thread, to tell the listeners.
     *
     * <p>A store whose units of work are committed when {@code inTransaction} returns (the
     * default) runs the action at once. A store that joined a transaction the caller manages must
     * run it only after that transaction commits, or not at all: the notifications then stay
     * pending in the store for {@link org.eventregistration.service.RegistrationService#deliverPendingNotifications()}.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    /**
     * True if a unit of work started now, on the calling thread, may become part of a transaction
     * that this thread owns (the JDBC store joining an application's transaction). The service
     * asks for every registration, on the caller's thread, before it decides: when true it runs
     * the registration in that caller's own unit of work, never batched with other callers'; when
     * false it may combine it with concurrent registrations for the same event. A store that can
     * join some calls and not others answers per call. False by default. Must be cheap and
     * thread-safe.
     */
    default boolean joinsCallerTransactions() {
        return false;
    }
}
