package org.eventregistration.service;

import java.time.Clock;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an organiser's staff may read: their own events, statistics, lists, waiting
 * positions, the audit log, and the export of an event's registrations (audited).
 */
final class OrganiserQueries {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final Ownership ownership;
    private final Lookups lookups;
    private final Links links;

    OrganiserQueries(RegistrationStore store, Clock clock, Ownership ownership, Lookups lookups, Links links) {
        this.store = store;
        this.clock = clock;
        this.ownership = ownership;
        this.lookups = lookups;
        this.links = links;
    }

    /** The registration a live check-in link reaches, if it is in one of this organiser's events. */
    Optional<Registration> findByCheckInLink(OrganiserConsole console, ManageToken token) {
        Objects.requireNonNull(token, "token");
        return links.follow(token, Set.of(LinkPurpose.CHECK_IN)).filter(r -> ownership.owns(console, r.eventId()));
    }

    List<Event> events(OrganiserConsole console) {
        return store.findEvents(console.organiser());
    }

    EventStatistics statistics(OrganiserConsole console, EventId eventId) {
        Event event = ownership.ownEvent(console, eventId);
        Ledger ledger = store.findLedger(eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        Map<RegistrationStatus, Integer> byStatus = new EnumMap<>(RegistrationStatus.class);
        for (RegistrationStatus s : RegistrationStatus.values()) {
            byStatus.put(s, 0);
        }
        byStatus.putAll(store.countByStatus(eventId));
        SeatCounts seats = SeatCounts.of(event, ledger);
        return new EventStatistics(
                eventId,
                seats.seats(),
                seats.seatsTaken(),
                seats.sessionSeats(),
                seats.sessionSeatsTaken(),
                seats.waiting(),
                byStatus);
    }

    Optional<Registration> findRegistration(OrganiserConsole console, RegistrationId id) {
        Objects.requireNonNull(id, "id");
        return store.findRegistration(id).filter(r -> ownership.owns(console, r.eventId()));
    }

    List<Registration> registrations(OrganiserConsole console, EventId eventId) {
        ownership.ownEvent(console, eventId);
        return store.findRegistrations(eventId);
    }

    org.eventregistration.registration.Page<Registration> registrations(
            OrganiserConsole console, EventId eventId, org.eventregistration.registration.ParticipantQuery query) {
        Objects.requireNonNull(query, "query");
        ownership.ownEvent(console, eventId);
        return store.findRegistrations(eventId, query);
    }

    List<Registration> registrations(OrganiserConsole console, EventId eventId, RegistrationStatus status) {
        Objects.requireNonNull(status, "status");
        return registrations(console, eventId).stream()
                .filter(r -> r.status() == status)
                .toList();
    }

    List<Registration> waitingList(OrganiserConsole console, EventId eventId) {
        return registrations(console, eventId).stream()
                .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                .sorted(Comparator.comparingLong(Registration::waitlistSequence))
                .toList();
    }

    OptionalInt waitingPosition(OrganiserConsole console, RegistrationId id) {
        return findRegistration(console, id).map(lookups::waitingPosition).orElse(OptionalInt.empty());
    }

    List<Registration> exportRegistrations(OrganiserConsole console, EventId eventId) {
        ownership.ownEvent(console, eventId);
        List<Registration> all = store.findRegistrations(eventId);
        store.appendAudit(
                AuditEntry.of(clock.instant(), console.actor(), console.organiser(), AuditAction.EXPORTED, eventId));
        log.info("registrations exported: event={} count={} by={}", eventId, all.size(), console.actor());
        return all;
    }

    List<AuditEntry> auditLog(OrganiserConsole console, EventId eventId) {
        ownership.ownEvent(console, eventId);
        return store.findAudit(eventId);
    }

    List<AuditEntry> organiserAuditLog(OrganiserConsole console) {
        return store.findOrganiserAudit(console.organiser());
    }

    List<Notification> undeliverable(OrganiserConsole console, EventId eventId) {
        ownership.ownEvent(console, eventId);
        return store.undeliverableNotifications(eventId);
    }
}
