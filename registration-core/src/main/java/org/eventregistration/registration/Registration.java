package org.eventregistration.registration;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Languages;

/**
 * One person's registration for one event, with its status history. Immutable and thread-safe;
 * changes produce new instances.
 *
 * <p>Stores rebuild registrations with {@link #builder()}; applications get them from the {@link
 * org.eventregistration.service.RegistrationService}. {@link #toString()} leaves out personal data.
 */
public final class Registration {
    /** The history reason that marks a registration as anonymised. */
    public static final String ANONYMISED = "history.anonymised";
    /** The history reason that replaces an organiser's note when the registration is anonymised. */
    public static final String NOTE_REMOVED = "history.noteRemoved";
    /** The history reason of the entry that marks the e-mail address confirmed by its owner. */
    public static final String ADDRESS_CONFIRMED = "history.addressConfirmed";
    /** The history reason of a person's own change of their answers or sessions. */
    public static final String CHOICES_CHANGED = "history.choicesChanged";
    /** The history reason of a seat offered to a colleague (the status stays). */
    public static final String HANDOVER_OFFERED = "history.handoverOffered";
    /** The history reason of a registration cancelled because a colleague took its seat. */
    public static final String HANDED_OVER = "history.handedOver";
    /** The history reason of the first entry of a registration that took a colleague's seat. */
    public static final String TAKEN_OVER = "history.takenOver";
    /** The history reason when an offer to a colleague lapsed untaken and their name and address were removed. */
    public static final String HANDOVER_LAPSED = "history.handoverLapsed";
    /**
     * The history reason when an offer to a colleague was withdrawn because the colleague asked for
     * their personal data to be erased.
     */
    public static final String HANDOVER_WITHDRAWN = "history.handoverWithdrawn";
    /** The name an anonymised registration carries. */
    public static final String ANONYMOUS_NAME = "Anonymisert";

    static final java.util.Comparator<SessionId> SESSION_ORDER = java.util.Comparator.comparing(SessionId::value);
    // Shared by every registration without sessions, answers or held counters: most have none of
    // the first two, and a waiting or ended one holds nothing.
    private static final SortedSet<SessionId> NO_SESSIONS =
            Collections.unmodifiableSortedSet(new TreeSet<>(SESSION_ORDER));
    private static final Map<String, String> NO_ANSWERS = Collections.unmodifiableMap(new LinkedHashMap<>());
    private static final SortedSet<CounterKey> NO_HOLDS = Collections.unmodifiableSortedSet(new TreeSet<>());
    /** What most seat holders hold: a seat of the event, no session, quota or reservation. */
    private static final SortedSet<CounterKey> EVENT_SEAT =
            Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(CounterKey.EVENT)));

    private final RegistrationId id;
    private final EventId eventId;
    private final Attendee attendee;
    private final SortedSet<SessionId> sessions;
    private final Map<String, String> answers;
    private final RegistrationStatus status;
    private final SortedSet<CounterKey> holds;
    private final long waitlistSequence;
    private final Instant offerExpiresAt;
    private final String manageTokenHash;
    private final String idempotencyKey;
    private final String groupId;
    private final Locale language;
    private final Instant createdAt;
    private final List<StatusChange> history;
    private final Instant confirmAddressBy;
    private final String requestFingerprint;
    private final Instant linkWindowStart;
    private final int linkRequests;
    private final Instant remindedAt;
    private final Handover handover;

    Registration(RegistrationBuilder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.eventId = Objects.requireNonNull(b.eventId, "eventId");
        this.attendee = Objects.requireNonNull(b.attendee, "attendee");
        this.sessions =
                b.sessions.isEmpty() ? NO_SESSIONS : Collections.unmodifiableSortedSet(new TreeSet<>(b.sessions));
        this.answers = b.answers.isEmpty() ? NO_ANSWERS : Collections.unmodifiableMap(new LinkedHashMap<>(b.answers));
        this.status = Objects.requireNonNull(b.status, "status");
        this.holds = b.holds.isEmpty()
                ? NO_HOLDS
                : b.holds.equals(EVENT_SEAT) ? EVENT_SEAT : Collections.unmodifiableSortedSet(new TreeSet<>(b.holds));
        this.waitlistSequence = b.waitlistSequence;
        this.offerExpiresAt = b.offerExpiresAt;
        this.manageTokenHash = Objects.requireNonNull(b.manageTokenHash, "manageTokenHash");
        this.idempotencyKey = b.idempotencyKey;
        this.groupId = b.groupId;
        this.language = Languages.resolve(Objects.requireNonNull(b.language, "language"));
        this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
        this.history = List.copyOf(b.history);
        this.confirmAddressBy = b.confirmAddressBy;
        this.requestFingerprint = b.requestFingerprint;
        this.linkWindowStart = b.linkWindowStart;
        this.linkRequests = b.linkRequests;
        this.remindedAt = b.remindedAt;
        this.handover = b.handover;
        if (handover != null && status != RegistrationStatus.CONFIRMED) {
            throw new IllegalArgumentException(
                    "registration " + id + ": only a confirmed seat can be offered to a colleague");
        }
        if (confirmAddressBy != null && !status.isActive()) {
            throw new IllegalArgumentException(
                    "registration " + id + ": an address confirmation deadline belongs to an active registration");
        }
        if (linkRequests < 0 || (linkRequests > 0) != (linkWindowStart != null)) {
            throw new IllegalArgumentException("registration " + id + ": link requests need a window start");
        }
        if (history.isEmpty() || history.get(history.size() - 1).status() != status) {
            throw new IllegalArgumentException(
                    "registration " + id + ": the last history entry must be the current status " + status);
        }
        if (status.holdsSeat() != !holds.isEmpty()) {
            throw new IllegalArgumentException(
                    "registration " + id + ": status " + status + " and held counters " + holds + " disagree");
        }
        if ((status == RegistrationStatus.OFFERED) != (offerExpiresAt != null)) {
            throw new IllegalArgumentException("registration " + id + ": an offer expiry belongs to OFFERED only");
        }
        if (waitlistSequence < 0) {
            throw new IllegalArgumentException("registration " + id + ": negative waiting-list sequence");
        }
        if (status == RegistrationStatus.WAITLISTED && waitlistSequence == 0) {
            throw new IllegalArgumentException("registration " + id + ": WAITLISTED needs a waiting-list sequence");
        }
    }

    /** A builder for stores and the service. */
    public static RegistrationBuilder builder() {
        return new RegistrationBuilder();
    }

    /** A builder with this registration's values. */
    public RegistrationBuilder toBuilder() {
        RegistrationBuilder b = new RegistrationBuilder();
        b.id = id;
        b.eventId = eventId;
        b.attendee = attendee;
        b.sessions.addAll(sessions);
        b.answers.putAll(answers);
        b.status = status;
        b.holds.addAll(holds);
        b.waitlistSequence = waitlistSequence;
        b.offerExpiresAt = offerExpiresAt;
        b.manageTokenHash = manageTokenHash;
        b.idempotencyKey = idempotencyKey;
        b.groupId = groupId;
        b.language = language;
        b.createdAt = createdAt;
        b.history.addAll(history);
        b.confirmAddressBy = confirmAddressBy;
        b.requestFingerprint = requestFingerprint;
        b.linkWindowStart = linkWindowStart;
        b.linkRequests = linkRequests;
        b.remindedAt = remindedAt;
        b.handover = handover;
        return b;
    }

    /**
     * Moves to another status, checking the lifecycle.
     *
     * @param target the new status
     * @param holds the counters held in the new status (empty unless it {@link
     *     RegistrationStatus#holdsSeat() holds a seat})
     * @param change the history entry
     * @throws IllegalTransitionException if the lifecycle does not allow the move
     */
    public Registration moveTo(RegistrationStatus target, Set<CounterKey> holds, StatusChange change) {
        if (target == RegistrationStatus.OFFERED) {
            throw new IllegalArgumentException("use offer(...) to move to OFFERED: an offer needs an expiry");
        }
        return move(target, holds, change, null);
    }

    /**
     * Offers this (waitlisted) registration a seat until {@code expiresAt}.
     *
     * @param holds the counters held for the offer
     * @param expiresAt when the offer lapses
     * @param change the history entry (status OFFERED)
     * @throws IllegalTransitionException if it is not waitlisted
     */
    public Registration offer(Set<CounterKey> holds, Instant expiresAt, StatusChange change) {
        return move(RegistrationStatus.OFFERED, holds, change, Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    private Registration move(
            RegistrationStatus target, Set<CounterKey> holds, StatusChange change, Instant expiresAt) {
        if (!status.canMoveTo(target)) {
            throw new IllegalTransitionException(id, status, target);
        }
        if (change.status() != target) {
            throw new IllegalArgumentException("history entry " + change.status() + " does not match " + target);
        }
        RegistrationBuilder b = toBuilder();
        b.status = target;
        b.holds.clear();
        b.holds.addAll(holds);
        b.offerExpiresAt = expiresAt;
        b.history.add(change);
        if (!target.isActive()) {
            b.confirmAddressBy = null; // ended: nothing left to confirm
        }
        if (target != RegistrationStatus.CONFIRMED) {
            b.handover = null; // the seat is no longer the person's to give
        }
        return b.build();
    }

    /**
     * A copy with the personal data removed, for retention and erasure: the name becomes a
     * placeholder, the e-mail {@code anonymised-<id>@invalid}, phone and organisation (name and
     * number) are dropped, only the answers {@code keepAnswer} accepts are kept, organisers' notes
     * in the history become {@value #NOTE_REMOVED}, the idempotency key is dropped and the manage
     * token is invalidated. Status, sessions, held counters, sector, role, language, times and the
     * history's statuses are kept. A history entry {@value #ANONYMISED} (same status, by the
     * system) marks it; anonymising again returns this registration unchanged.
     *
     * <p>The held counters ({@link #holds()}) stay as they are, so that the ledger stays exact; an
     * organisation counter names the employer's number or name, not the person.
     *
     * @param at when
     * @param keepAnswer which question ids' answers to keep (choices, yes/no)
     */
    public Registration anonymise(Instant at, java.util.function.Predicate<String> keepAnswer) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(keepAnswer, "keepAnswer");
        if (anonymised()) {
            return this;
        }
        RegistrationBuilder b = toBuilder();
        b.attendee = Attendee.builder(ANONYMOUS_NAME, "anonymised-" + id.value() + "@invalid")
                .sector(attendee.sector())
                .role(attendee.role())
                .build();
        b.answers.keySet().removeIf(k -> !keepAnswer.test(k));
        // A per-organisation hold may be keyed by the employer's name as the person typed it.
        b.holds.removeIf(CounterKey::isOrganisation);
        b.history.replaceAll(c ->
                c.reason().startsWith("history.") ? c : new StatusChange(c.status(), c.at(), c.actor(), NOTE_REMOVED));
        b.history.add(new StatusChange(status, at, Actor.system(), ANONYMISED));
        b.idempotencyKey = null;
        b.requestFingerprint = null;
        b.linkWindowStart = null;
        b.linkRequests = 0;
        b.manageTokenHash = "anonymised-" + id.value();
        b.handover = null;
        return b.build();
    }

    /**
     * A copy with the e-mail address confirmed by its owner (through a link sent to it), with a
     * history entry {@value #ADDRESS_CONFIRMED} in the current status; this registration if the
     * address is already confirmed.
     *
     * @param at when
     * @param actor who confirmed: the attendee, through the link
     */
    public Registration confirmAddress(Instant at, Actor actor) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        if (confirmAddressBy == null) {
            return this;
        }
        RegistrationBuilder b = toBuilder();
        b.confirmAddressBy = null;
        b.history.add(new StatusChange(status, at, actor, ADDRESS_CONFIRMED));
        return b.build();
    }

    /**
     * A copy whose seat is offered to a colleague ({@link #handover()}), replacing any earlier
     * offer, with a history entry {@value #HANDOVER_OFFERED}.
     *
     * @throws IllegalArgumentException unless it is confirmed
     */
    public Registration withHandover(Handover offer, Actor actor) {
        RegistrationBuilder b = toBuilder();
        b.handover = Objects.requireNonNull(offer, "offer");
        b.history.add(new StatusChange(status, offer.requestedAt(), actor, HANDOVER_OFFERED));
        return b.build();
    }

    /**
     * A copy without its offer to a colleague (their name and address), with a history entry
     * {@code reason} in the current status, such as {@value #HANDOVER_LAPSED} or {@value
     * #HANDOVER_WITHDRAWN}; this registration if it has no offer. The registration keeps its seat.
     *
     * @param at when
     * @param actor who removed it
     * @param reason the history entry's reason
     */
    public Registration withoutHandover(Instant at, Actor actor, String reason) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        if (handover == null) {
            return this;
        }
        RegistrationBuilder b = toBuilder();
        b.handover = null;
        b.history.add(new StatusChange(status, at, actor, reason));
        return b.build();
    }

    /** The seat offered to a colleague who has not taken it yet, if any (possibly expired). */
    public Optional<Handover> handover() {
        return Optional.ofNullable(handover);
    }

    /** True if it ended because a colleague took its seat. */
    public boolean handedOver() {
        return status == RegistrationStatus.CANCELLED
                && HANDED_OVER.equals(history.get(history.size() - 1).reason());
    }

    /** A copy without the answers to the given questions; this registration if it has none of them. */
    public Registration withoutAnswers(Set<String> questionIds) {
        if (answers.keySet().stream().noneMatch(questionIds::contains)) {
            return this;
        }
        RegistrationBuilder b = toBuilder();
        b.answers.keySet().removeAll(questionIds);
        return b.build();
    }

    /** True once the personal data has been removed (see {@link #anonymise}); such a registration is read-only. */
    public boolean anonymised() {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (ANONYMISED.equals(history.get(i).reason())) {
                return true;
            }
        }
        return false;
    }

    /** The id. */
    public RegistrationId id() {
        return id;
    }

    /** The event. */
    public EventId eventId() {
        return eventId;
    }

    /** The person. */
    public Attendee attendee() {
        return attendee;
    }

    /** The sessions chosen; possibly empty. */
    public SortedSet<SessionId> sessions() {
        return sessions;
    }

    /** The answers to the event's questions, by question id. */
    public Map<String, String> answers() {
        return answers;
    }

    /** The current status. */
    public RegistrationStatus status() {
        return status;
    }

    /** The ledger counters this registration holds one of each; empty unless it holds a seat. */
    public SortedSet<CounterKey> holds() {
        return holds;
    }

    /**
     * The order in which it joined the waiting list (1 for the first ever); 0 if it never did.
     * Kept after leaving the list, for the record.
     */
    public long waitlistSequence() {
        return waitlistSequence;
    }

    /** When the current offer expires; present only while {@link RegistrationStatus#OFFERED}. */
    public Optional<Instant> offerExpiresAt() {
        return Optional.ofNullable(offerExpiresAt);
    }

    /** The SHA-256 hex of the manage token. The token itself is never stored. */
    public String manageTokenHash() {
        return manageTokenHash;
    }

    /** The client's idempotency key, if it sent one. */
    public Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    /**
     * Until when the registration holds its place without its e-mail address being confirmed;
     * empty once confirmed (or if it never needed to be).
     */
    public Optional<Instant> confirmAddressBy() {
        return Optional.ofNullable(confirmAddressBy);
    }

    /** True unless the registration still waits for its owner to confirm the e-mail address. */
    public boolean addressConfirmed() {
        return confirmAddressBy == null;
    }

    /**
     * A digest of the request that made this registration, kept with its idempotency key: the same
     * key with a different request is refused instead of answered with this registration.
     */
    public Optional<String> requestFingerprint() {
        return Optional.ofNullable(requestFingerprint);
    }

    /** When the current window of links sent on request started; empty if none was sent. */
    public Optional<Instant> linkWindowStart() {
        return Optional.ofNullable(linkWindowStart);
    }

    /** How many links were sent on request in the current window. */
    public int linkRequests() {
        return linkRequests;
    }

    /** When the person was reminded of the event; empty if not (yet). */
    public Optional<Instant> remindedAt() {
        return Optional.ofNullable(remindedAt);
    }

    /** A copy that records the reminder sent at {@code at}. */
    public Registration reminded(Instant at) {
        RegistrationBuilder b = toBuilder();
        b.remindedAt = Objects.requireNonNull(at, "at");
        return b.build();
    }

    /** The group this registration was made with, if any. */
    public Optional<String> groupId() {
        return Optional.ofNullable(groupId);
    }

    /** The language the person registered in: nb, nn or en. For notifications. */
    public Locale language() {
        return language;
    }

    /** When it was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Every status it has had, oldest first; the last is the current one. */
    public List<StatusChange> history() {
        return history;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Registration r
                && id.equals(r.id)
                && eventId.equals(r.eventId)
                && attendee.equals(r.attendee)
                && sessions.equals(r.sessions)
                && answers.equals(r.answers)
                && status == r.status
                && holds.equals(r.holds)
                && waitlistSequence == r.waitlistSequence
                && Objects.equals(offerExpiresAt, r.offerExpiresAt)
                && manageTokenHash.equals(r.manageTokenHash)
                && Objects.equals(idempotencyKey, r.idempotencyKey)
                && Objects.equals(groupId, r.groupId)
                && language.equals(r.language)
                && createdAt.equals(r.createdAt)
                && history.equals(r.history)
                && Objects.equals(confirmAddressBy, r.confirmAddressBy)
                && Objects.equals(requestFingerprint, r.requestFingerprint)
                && Objects.equals(linkWindowStart, r.linkWindowStart)
                && linkRequests == r.linkRequests
                && Objects.equals(remindedAt, r.remindedAt)
                && Objects.equals(handover, r.handover);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status, history.size());
    }

    @Override
    public String toString() {
        return "Registration[" + id + ", event=" + eventId + ", " + status + "]";
    }
}
