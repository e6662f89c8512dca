package org.eventregistration.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.RegistrationId;

/**
 * One line of the audit log: at {@code at}, {@code actor} (an organiser's user id, or {@code
 * system}) acting for {@code organiser} did {@code action} to an event and possibly one of its
 * registrations (or, rarely, to no single event: a look-up that found nothing). Ids only: an entry holds no name, e-mail address, answer or note, so it survives
 * anonymisation. Immutable and thread-safe.
 */
public final class AuditEntry {
    private final Instant at;
    private final Actor actor;
    private final OrganiserId organiser;
    private final AuditAction action;
    private final EventId eventId;
    private final RegistrationId registrationId;

    private AuditEntry(
            Instant at,
            Actor actor,
            OrganiserId organiser,
            AuditAction action,
            EventId eventId,
            RegistrationId registrationId) {
        this.at = Objects.requireNonNull(at, "at");
        this.actor = Objects.requireNonNull(actor, "actor");
        this.organiser = Objects.requireNonNull(organiser, "organiser");
        this.action = Objects.requireNonNull(action, "action");
        this.eventId = eventId;
        this.registrationId = registrationId;
        if (registrationId != null && eventId == null) {
            throw new IllegalArgumentException("an entry about a registration names its event");
        }
    }

    /** An entry about an event as a whole. */
    public static AuditEntry of(Instant at, Actor actor, OrganiserId organiser, AuditAction action, EventId eventId) {
        return new AuditEntry(at, actor, organiser, action, Objects.requireNonNull(eventId, "eventId"), null);
    }

    /**
     * An entry about no single event: an organiser's action that found nothing to act on, such as
     * an access or erasure request for an address that has no registration with them. Read with
     * {@code RegistrationStore.findOrganiserAudit}.
     */
    public static AuditEntry ofOrganiser(Instant at, Actor actor, OrganiserId organiser, AuditAction action) {
        return new AuditEntry(at, actor, organiser, action, null, null);
    }

    /** An entry about one registration of an event. */
    public static AuditEntry of(
            Instant at,
            Actor actor,
            OrganiserId organiser,
            AuditAction action,
            EventId eventId,
            RegistrationId registrationId) {
        return new AuditEntry(
                at,
                actor,
                organiser,
                action,
                Objects.requireNonNull(eventId, "eventId"),
                Objects.requireNonNull(registrationId, "registrationId"));
    }

    /** When it happened. */
    public Instant at() {
        return at;
    }

    /** Who did it: an organiser (by user id) or the system. */
    public Actor actor() {
        return actor;
    }

    /** The organiser the actor acted for (the event's owner). */
    public OrganiserId organiser() {
        return organiser;
    }

    /** What was done. */
    public AuditAction action() {
        return action;
    }

    /** The event; empty for an entry about no single event ({@link #ofOrganiser}). */
    public Optional<EventId> eventId() {
        return Optional.ofNullable(eventId);
    }

    /** The registration, if the action concerned one. */
    public Optional<RegistrationId> registrationId() {
        return Optional.ofNullable(registrationId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditEntry e
                && at.equals(e.at)
                && actor.equals(e.actor)
                && organiser.equals(e.organiser)
                && action == e.action
                && Objects.equals(eventId, e.eventId)
                && Objects.equals(registrationId, e.registrationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, actor, organiser, action, eventId, registrationId);
    }

    @Override
    public String toString() {
        return "AuditEntry[" + at + ", " + actor + ", organiser=" + organiser + ", " + action
                + (eventId != null ? ", event=" + eventId : "")
                + (registrationId != null ? ", registration=" + registrationId : "") + "]";
    }
}
