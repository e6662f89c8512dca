package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what one person's right of access and right to erasure reach in one organiser's events:
 * every registration of the (normalized) e-mail address; an export lists them with their events
 * and audit entries, an erasure cancels the active ones without a message and anonymises all.
 */
final class PersonalData {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final Ownership ownership;

    PersonalData(RegistrationStore store, Clock clock, Ownership ownership) {
        this.store = store;
        this.clock = clock;
        this.ownership = ownership;
    }

    PersonalDataExport exportPersonalData(OrganiserConsole console, String email) {
        String normalized = normalizedRequestEmail(email);
        Instant now = clock.instant();
        List<PersonalDataExport.Item> items = new ArrayList<>();
        for (Registration r : ownRegistrationsByEmail(console, normalized)) {
            Event event = store.findEvent(r.eventId()).orElseThrow(() -> new EventNotFoundException(r.eventId()));
            List<AuditEntry> audit = store.findAudit(r.eventId()).stream()
                    .filter(a -> a.registrationId().filter(r.id()::equals).isPresent())
                    .toList();
            items.add(new PersonalDataExport.Item(event, r, audit));
        }
        for (PersonalDataExport.Item item : items) {
            store.appendAudit(AuditEntry.of(
                    now,
                    console.actor(),
                    console.organiser(),
                    AuditAction.PERSONAL_DATA_EXPORTED,
                    item.event().id(),
                    item.registration().id()));
        }
        log.info(
                "personal data exported: organiser={} registrations={} by={}",
                console.organiser(),
                items.size(),
                console.actor());
        return new PersonalDataExport(normalized, console.organiser(), now, items);
    }

    List<Registration> erasePersonalData(OrganiserConsole console, String email) {
        String normalized = normalizedRequestEmail(email);
        Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
        for (Registration r : ownRegistrationsByEmail(console, normalized)) {
            byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
        }
        List<Registration> erased = new ArrayList<>();
        for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
            erased.addAll(ownership.runOwn(
                    console, e.getKey(), clock.instant(), () -> new EventNotFoundException(e.getKey()), fx -> {
                        List<Registration> done = new ArrayList<>();
                        boolean freed = false;
                        for (RegistrationId id : e.getValue()) {
                            Registration r = fx.require(id);
                            if (r.anonymised()
                                    || !r.attendee().normalizedEmail().equals(normalized)) {
                                continue;
                            }
                            if (r.status().canMoveTo(RegistrationStatus.CANCELLED)) {
                                freed |= r.status().holdsSeat();
                                // The person asked to be forgotten: no message to them about the cancellation.
                                r = fx.release(
                                        r,
                                        RegistrationStatus.CANCELLED,
                                        console.actor(),
                                        "history.cancelledByOrganiser",
                                        null);
                            }
                            Registration anonymous = r.anonymise(fx.now(), fx.keepAfterAnonymising());
                            fx.update(anonymous);
                            fx.audit(console.actor(), AuditAction.PERSONAL_DATA_ERASED, id);
                            done.add(anonymous);
                        }
                        if (freed) {
                            SeatAllocation.fillFreeSeats(fx);
                        }
                        return done;
                    }));
        }
        log.info(
                "personal data erased: organiser={} registrations={} by={}",
                console.organiser(),
                erased.size(),
                console.actor());
        return erased;
    }

    private List<Registration> ownRegistrationsByEmail(OrganiserConsole console, String normalized) {
        Map<EventId, Boolean> own = new HashMap<>();
        return store.findRegistrationsByEmail(normalized).stream()
                .filter(r -> own.computeIfAbsent(
                        r.eventId(),
                        id -> store.findEvent(id)
                                .map(ev -> ev.organiser().equals(console.organiser()))
                                .orElse(false)))
                .sorted(Comparator.comparing(Registration::createdAt).thenComparing(r -> r.id().value()))
                .toList();
    }

    private static String normalizedRequestEmail(String email) {
        Objects.requireNonNull(email, "email");
        String normalized = Attendee.normalizeEmail(email);
        if (normalized.isEmpty() || normalized.length() > 320) {
            throw new IllegalArgumentException("an e-mail address is 1-320 characters");
        }
        return normalized;
    }
}
