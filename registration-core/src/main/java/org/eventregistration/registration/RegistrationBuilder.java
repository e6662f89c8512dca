package org.eventregistration.registration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Languages;

/** Builds a {@link Registration}. Not thread-safe. */
public final class RegistrationBuilder {
    RegistrationId id;
    EventId eventId;
    Attendee attendee;
    final SortedSet<SessionId> sessions = new TreeSet<>(Registration.SESSION_ORDER);
    final Map<String, String> answers = new LinkedHashMap<>();
    RegistrationStatus status;
    final SortedSet<CounterKey> holds = new TreeSet<>();
    long waitlistSequence;
    Instant offerExpiresAt;
    String manageTokenHash;
    String idempotencyKey;
    String groupId;
    Locale language = Languages.BOKMAL;
    Instant createdAt;
    Instant confirmAddressBy;
    String requestFingerprint;
    Instant linkWindowStart;
    Instant remindedAt;
    int linkRequests;
    Handover handover;
    final List<StatusChange> history = new ArrayList<>();

    RegistrationBuilder() {}

    /** The id. */
    public RegistrationBuilder id(RegistrationId id) {
        this.id = id;
        return this;
    }

    /** The event. */
    public RegistrationBuilder eventId(EventId eventId) {
        this.eventId = eventId;
        return this;
    }

    /** The person. */
    public RegistrationBuilder attendee(Attendee attendee) {
        this.attendee = attendee;
        return this;
    }

    /** The chosen sessions. */
    public RegistrationBuilder sessions(Set<SessionId> sessions) {
        this.sessions.clear();
        this.sessions.addAll(sessions);
        return this;
    }

    /** The answers by question id. */
    public RegistrationBuilder answers(Map<String, String> answers) {
        this.answers.clear();
        this.answers.putAll(answers);
        return this;
    }

    /** The status. */
    public RegistrationBuilder status(RegistrationStatus status) {
        this.status = status;
        return this;
    }

    /** The counters held. */
    public RegistrationBuilder holds(Set<CounterKey> holds) {
        this.holds.clear();
        this.holds.addAll(holds);
        return this;
    }

    /** The waiting-list sequence; 0 if never on it. */
    public RegistrationBuilder waitlistSequence(long sequence) {
        this.waitlistSequence = sequence;
        return this;
    }

    /** The offer expiry, for OFFERED; {@code Optional.empty()} otherwise. */
    public RegistrationBuilder offerExpiresAt(Optional<Instant> expiresAt) {
        this.offerExpiresAt = expiresAt.orElse(null);
        return this;
    }

    /** The manage token's hash. */
    public RegistrationBuilder manageTokenHash(String hash) {
        this.manageTokenHash = hash;
        return this;
    }

    /** The idempotency key, if any. */
    public RegistrationBuilder idempotencyKey(Optional<String> key) {
        this.idempotencyKey = key.orElse(null);
        return this;
    }

    /** The group id, if any. */
    public RegistrationBuilder groupId(Optional<String> groupId) {
        this.groupId = groupId.orElse(null);
        return this;
    }

    /** The person's language. */
    public RegistrationBuilder language(Locale language) {
        this.language = language;
        return this;
    }

    /** When it was created. */
    public RegistrationBuilder createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /** The address confirmation deadline while unconfirmed; {@code Optional.empty()} otherwise. */
    public RegistrationBuilder confirmAddressBy(Optional<Instant> deadline) {
        this.confirmAddressBy = deadline.orElse(null);
        return this;
    }

    /** The digest of the request that made it, if it came with an idempotency key. */
    public RegistrationBuilder requestFingerprint(Optional<String> fingerprint) {
        this.requestFingerprint = fingerprint.orElse(null);
        return this;
    }

    /** The links sent on request: the window's start (empty if none) and the count in it. */
    public RegistrationBuilder linkRequests(Optional<Instant> windowStart, int count) {
        this.linkWindowStart = windowStart.orElse(null);
        this.linkRequests = count;
        return this;
    }

    /** When the person was reminded, if they were. */
    public RegistrationBuilder remindedAt(Optional<Instant> at) {
        this.remindedAt = at.orElse(null);
        return this;
    }

    /** The seat offered to a colleague, while it is (only a confirmed registration has one). */
    public RegistrationBuilder handover(Optional<Handover> offer) {
        this.handover = offer.orElse(null);
        return this;
    }

    /** The full history, oldest first. */
    public RegistrationBuilder history(List<StatusChange> history) {
        this.history.clear();
        this.history.addAll(history);
        return this;
    }

    /**
     * Builds, checking that the parts agree (status and history, seats and status, offers).
     *
     * @throws NullPointerException if a required part is missing
     * @throws IllegalArgumentException if parts disagree
     */
    public Registration build() {
        return new Registration(this);
    }
}
