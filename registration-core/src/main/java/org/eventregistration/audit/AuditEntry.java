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
 * registrations. Ids only: an entry holds no name, e-mail address, answer or note, so it survives
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
        this.eventId = Objects.requireNonNull(eventId, "eventId");
        this.registrationId = registrationId;
    }

    /** An entry about an event as a whole. */
    public static AuditEntry of(Instant at, Actor actor, OrganiserId organiser, AuditAction action, EventId eventId) {
        return new AuditEntry(at, actor, organiser, action, eventId, null);
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
                at, actor, organiser, action, eventId, Objects.requireNonNull(registrationId, "registrationId"));
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

    /** The event. */
    public EventId eventId() {
        return eventId;
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
                && eventId.equals(e.eventId)
                && Objects.equals(registrationId, e.registrationId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(at, actor, organiser, action, eventId, registrationId);
    }

    @Override
    public String toString() {
        return "AuditEntry[" + at + ", " + actor + ", organiser=" + organiser + ", " + action + ", event=" + eventId
                + (registrationId != null ? ", registration=" + registrationId : "") + "]";
    }
}
