package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what one person's right of access and right to erasure reach in one organiser's events:
 * every registration of the (normalized) e-mail address; an export lists them with their events
 * and audit entries, an erasure cancels the active ones without a message and anonymises all.
 * Also every seat someone offered to the address ({@link Registration#handover()}): an export
 * lists the offer, an erasure withdraws it (the offering person keeps their seat).
 * An organiser asks for the person; the person asks through a data-request link sent to the
 * address, so that nobody can read or erase someone else's data by typing an address.
 */
final class PersonalData {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private static final Set<LinkPurpose> DATA_REQUEST = EnumSet.of(LinkPurpose.DATA_REQUEST);

    private final Ownership ownership;
    private final UnitsOfWork units;
    private final Lookups lookups;
    private final Links links;

    PersonalData(
            RegistrationStore store,
            Clock clock,
            Ownership ownership,
            UnitsOfWork units,
            Lookups lookups,
            Links links) {
        this.store = store;
        this.clock = clock;
        this.ownership = ownership;
        this.units = units;
        this.lookups = lookups;
        this.links = links;
    }

    PersonalDataExport exportPersonalData(OrganiserConsole console, String email) {
        return export(console.organiser(), console.actor(), normalizedRequestEmail(email));
    }

    List<Registration> erasePersonalData(OrganiserConsole console, String email) {
        return erase(
                console.organiser(), console.actor(), normalizedRequestEmail(email), "history.cancelledByOrganiser");
    }

    /**
     * The person's own request: if the address has a registration for the event, its owner is
     * sent a data-request link (a few per hour at most). Says nothing either way.
     */
    void requestPersonalData(EventId eventId, String email) {
        String normalized = normalizedRequestEmail(email);
        lookups.requireEvent(eventId);
        Optional<Registration> found = store.findRegistrationsByEmail(normalized).stream()
                .filter(r -> r.eventId().equals(eventId) && !r.anonymised())
                .max(Comparator.comparing(Registration::createdAt));
        if (found.isEmpty()) {
            return;
        }
        units.run(eventId, clock.instant(), fx -> {
            Registration r = fx.require(found.get().id());
            return !r.anonymised() && links.sendOnRequest(fx, r, Notification.Kind.DATA_REQUEST);
        });
    }

    /** Everything held about the address the data-request link was sent to, in its organiser's events. */
    PersonalDataExport exportPersonalData(ManageToken token) {
        Registration r = followDataRequest(token);
        return export(
                lookups.requireEvent(r.eventId()).organiser(),
                Actor.attendee(),
                r.attendee().normalizedEmail());
    }

    /** Erases everything held about the address the data-request link was sent to, in its organiser's events. */
    int erasePersonalData(ManageToken token) {
        Registration r = followDataRequest(token);
        return erase(
                        lookups.requireEvent(r.eventId()).organiser(),
                        Actor.attendee(),
                        r.attendee().normalizedEmail(),
                        "history.cancelled")
                .size();
    }

    private Registration followDataRequest(ManageToken token) {
        Objects.requireNonNull(token, "token");
        return links.follow(token, DATA_REQUEST).orElseThrow(RegistrationNotFoundException::new);
    }

    private PersonalDataExport export(OrganiserId organiser, Actor actor, String normalized) {
        Instant now = clock.instant();
        List<PersonalDataExport.Item> items = new ArrayList<>();
        for (Registration r : ownRegistrationsByEmail(organiser, normalized)) {
            Event event = store.findEvent(r.eventId()).orElseThrow(() -> new EventNotFoundException(r.eventId()));
            List<AuditEntry> audit = store.findAudit(r.eventId()).stream()
                    .filter(a -> a.registrationId().filter(r.id()::equals).isPresent())
                    .toList();
            items.add(new PersonalDataExport.Item(event, r, audit));
        }
        List<PersonalDataExport.SeatOffer> offers = new ArrayList<>();
        for (Registration r : ownHandoversTo(organiser, normalized)) {
            Event event = store.findEvent(r.eventId()).orElseThrow(() -> new EventNotFoundException(r.eventId()));
            Handover h = r.handover().orElseThrow();
            offers.add(new PersonalDataExport.SeatOffer(
                    event, r.attendee().name(), h.name(), h.email(), h.requestedAt(), h.expiresAt()));
            // Audited on the event, not on the offering registration: its owner's export would show it.
            store.appendAudit(AuditEntry.of(now, actor, organiser, AuditAction.PERSONAL_DATA_EXPORTED, event.id()));
        }
        for (PersonalDataExport.Item item : items) {
            store.appendAudit(AuditEntry.of(
                    now,
                    actor,
                    organiser,
                    AuditAction.PERSONAL_DATA_EXPORTED,
                    item.event().id(),
                    item.registration().id()));
        }
        if (items.isEmpty() && offers.isEmpty()) {
            // A look-up that found nothing is audited too: who asked about an address, and when.
            store.appendAudit(AuditEntry.ofOrganiser(now, actor, organiser, AuditAction.PERSONAL_DATA_EXPORTED));
        }
        log.info(
                "personal data exported: organiser={} registrations={} seatOffers={} by={}",
                organiser,
                items.size(),
                offers.size(),
                actor);
        return new PersonalDataExport(normalized, organiser, now, items, offers);
    }

    private List<Registration> erase(OrganiserId organiser, Actor actor, String normalized, String reason) {
        Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
        for (Registration r : ownRegistrationsByEmail(organiser, normalized)) {
            byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
        }
        List<Registration> erased = new ArrayList<>();
        for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
            erased.addAll(ownership.runOwn(
                    organiser, e.getKey(), clock.instant(), () -> new EventNotFoundException(e.getKey()), fx -> {
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
                                r = fx.release(r, RegistrationStatus.CANCELLED, actor, reason, null);
                            }
                            Registration anonymous = r.anonymise(fx.now(), fx.keepAfterAnonymising());
                            fx.update(anonymous);
                            fx.audit(actor, AuditAction.PERSONAL_DATA_ERASED, id);
                            done.add(anonymous);
                        }
                        if (freed) {
                            SeatAllocation.fillFreeSeats(fx);
                        }
                        return done;
                    }));
        }
        int withdrawn = withdrawHandovers(organiser, actor, normalized);
        if (byEvent.isEmpty() && withdrawn == 0) {
            store.appendAudit(
                    AuditEntry.ofOrganiser(clock.instant(), actor, organiser, AuditAction.PERSONAL_DATA_ERASED));
        }
        log.info(
                "personal data erased: organiser={} registrations={} seatOffersWithdrawn={} by={}",
                organiser,
                erased.size(),
                withdrawn,
                actor);
        return erased;
    }

    /**
     * Withdraws every seat offered to the address in the organiser's events: the colleague's name
     * and address leave the offering registration, which keeps its seat (a history entry by the
     * system says the offer was withdrawn; no message). The links sent to the address stop working.
     */
    private int withdrawHandovers(OrganiserId organiser, Actor actor, String normalized) {
        Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
        for (Registration r : ownHandoversTo(organiser, normalized)) {
            byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
        }
        int total = 0;
        for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
            List<Registration> withdrawn = ownership.runOwn(
                    organiser, e.getKey(), clock.instant(), () -> new EventNotFoundException(e.getKey()), fx -> {
                        List<Registration> done = new ArrayList<>();
                        for (RegistrationId id : e.getValue()) {
                            Registration r = fx.require(id);
                            if (r.handover()
                                    .filter(h -> h.normalizedEmail().equals(normalized))
                                    .isEmpty()) {
                                continue; // taken, lapsed or offered to someone else meanwhile
                            }
                            Registration without =
                                    r.withoutHandover(fx.now(), Actor.system(), Registration.HANDOVER_WITHDRAWN);
                            fx.update(without);
                            // On the event, not the offering registration: its owner's export would show it.
                            fx.audit(actor, AuditAction.PERSONAL_DATA_ERASED, null);
                            done.add(without);
                        }
                        return done;
                    });
            // A newer offer may expire when this one would have: its links must not reach it.
            withdrawn.forEach(r -> links.revoke(r, LinkPurpose.HANDOVER));
            total += withdrawn.size();
        }
        return total;
    }

    /** The registrations of the organiser's events that offer their seat to the address, earliest offer first. */
    private List<Registration> ownHandoversTo(OrganiserId organiser, String normalized) {
        Map<EventId, Boolean> own = new HashMap<>();
        return store.findHandoversByEmail(normalized).stream()
                .filter(r -> r.handover()
                        .filter(h -> h.normalizedEmail().equals(normalized))
                        .isPresent())
                .filter(r -> own.computeIfAbsent(
                        r.eventId(),
                        id -> store.findEvent(id)
                                .map(ev -> ev.organiser().equals(organiser))
                                .orElse(false)))
                .sorted(Comparator.comparing(
                                (Registration r) -> r.handover().orElseThrow().requestedAt())
                        .thenComparing(r -> r.id().value()))
                .toList();
    }

    private List<Registration> ownRegistrationsByEmail(OrganiserId organiser, String normalized) {
        Map<EventId, Boolean> own = new HashMap<>();
        return store.findRegistrationsByEmail(normalized).stream()
                .filter(r -> own.computeIfAbsent(
                        r.eventId(),
                        id -> store.findEvent(id)
                                .map(ev -> ev.organiser().equals(organiser))
                                .orElse(false)))
                .sorted(Comparator.comparing(Registration::createdAt).thenComparing(r -> r.id().value()))
                .toList();
    }

    static String normalizedRequestEmail(String email) {
        Objects.requireNonNull(email, "email");
        String normalized = Attendee.normalizeEmail(email);
        if (normalized.isEmpty() || normalized.length() > 320) {
            throw new IllegalArgumentException("an e-mail address is 1-320 characters");
        }
        return normalized;
    }
}
