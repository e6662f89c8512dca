package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.CapacityDecision;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.i18n.Reason;
import org.eventregistration.internal.Texts;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an organiser's staff may change, and records each change in the audit log in the
 * same unit of work: approve, decline, promote, cancel, check in, no-shows,
 * filling from the waiting list. The {@link OrganiserConsole} forwards here.
 */
final class OrganiserOperations {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final Ownership ownership;

    /** How long before an event's start check-in opens; empty: any time. */
    private final Optional<java.time.Duration> checkInOpensBefore;

    OrganiserOperations(
            RegistrationStore store,
            Clock clock,
            Ownership ownership,
            Optional<java.time.Duration> checkInOpensBefore) {
        this.checkInOpensBefore = checkInOpensBefore;
        this.store = store;
        this.clock = clock;
        this.ownership = ownership;
    }

    Registration cancel(OrganiserConsole console, RegistrationId id, String note) {
        String reason = noteOr(note, "history.cancelledByOrganiser");
        Registration result = change(console, id, AuditAction.CANCELLED_BY_ORGANISER, (fx, r) -> {
            Registration cancelled =
                    fx.release(r, RegistrationStatus.CANCELLED, console.actor(), reason, Notification.Kind.CANCELLED);
            if (r.status().holdsSeat()) {
                SeatAllocation.fillFreeSeats(fx);
            }
            return cancelled;
        });
        log.info("cancelled: event={} registration={} by={}", result.eventId(), id, console.actor());
        return result;
    }

    Registration approve(OrganiserConsole console, RegistrationId id) {
        Registration result = change(console, id, AuditAction.APPROVED, (fx, r) -> {
            if (r.status() != RegistrationStatus.PENDING_APPROVAL) {
                throw new IllegalTransitionException(id, r.status(), RegistrationStatus.CONFIRMED);
            }
            return SeatAllocation.seatOrWaitlist(fx, r, console.actor(), "history.approved");
        });
        log.info(
                "approved: event={} registration={} status={} by={}",
                result.eventId(),
                id,
                result.status(),
                console.actor());
        return result;
    }

    Registration decline(OrganiserConsole console, RegistrationId id, String note) {
        String reason = noteOr(note, "history.declined");
        Registration result = change(console, id, AuditAction.DECLINED, (fx, r) -> {
            if (r.status() != RegistrationStatus.PENDING_APPROVAL) {
                // An offer is declined by its holder (declineOffer); a seat is taken away by cancelling.
                throw new IllegalTransitionException(id, r.status(), RegistrationStatus.DECLINED);
            }
            return fx.release(r, RegistrationStatus.DECLINED, console.actor(), reason, Notification.Kind.DECLINED);
        });
        log.info("declined: event={} registration={} by={}", result.eventId(), id, console.actor());
        return result;
    }

    Registration promote(OrganiserConsole console, RegistrationId id) {
        Registration result = change(console, id, AuditAction.PROMOTED, (fx, r) -> {
            if (r.status() != RegistrationStatus.WAITLISTED) {
                throw new IllegalTransitionException(id, r.status(), RegistrationStatus.CONFIRMED);
            }
            CapacityDecision decision = fx.check(r);
            if (decision instanceof CapacityDecision.Full full) {
                throw new RegistrationRefusedException(
                        "registration " + id + ": no room to promote",
                        full.reasons().get(0));
            }
            fx.ledger(fx.ledger().leaveWaitlist());
            return fx.take(
                    r,
                    RegistrationStatus.CONFIRMED,
                    ((CapacityDecision.Fits) decision).holds(),
                    console.actor(),
                    "history.promotedByOrganiser",
                    Notification.Kind.PROMOTED);
        });
        log.info("promoted: event={} registration={} by={}", result.eventId(), id, console.actor());
        return result;
    }

    List<Registration> fillFromWaitingList(OrganiserConsole console, EventId eventId) {
        ownership.ownEvent(console, eventId);
        List<Registration> filled = ownership.runOwn(
                console.organiser(), eventId, clock.instant(), () -> new EventNotFoundException(eventId), fx -> {
                    List<Registration> f = SeatAllocation.fillFreeSeats(fx);
                    for (Registration r : f) {
                        fx.audit(console.actor(), AuditAction.FILLED_FROM_WAITING_LIST, r.id());
                    }
                    return f;
                });
        if (!filled.isEmpty()) {
            log.info("filled from waiting list: event={} count={} by={}", eventId, filled.size(), console.actor());
        }
        return filled;
    }

    Registration checkIn(OrganiserConsole console, RegistrationId id) {
        Registration result = change(
                console,
                id,
                AuditAction.CHECKED_IN,
                (fx, r) -> checkInOpen(fx)
                        .move(
                                r,
                                RegistrationStatus.CHECKED_IN,
                                r.holds(),
                                console.actor(),
                                "history.checkedIn",
                                Notification.Kind.CHECKED_IN));
        log.info("checked in: event={} registration={} by={}", result.eventId(), id, console.actor());
        return result;
    }

    /** The unit of work, if check-in is open for its event now. */
    private UnitOfWork checkInOpen(UnitOfWork fx) {
        if (checkInOpensBefore.isPresent()) {
            Event event = fx.event();
            Instant opens = event.start().toInstant().minus(checkInOpensBefore.get());
            if (fx.now().isBefore(opens)) {
                throw new RegistrationRefusedException(
                        "check-in of event " + event.id() + " opens at " + opens,
                        Reason.of(
                                "error.checkInNotOpen",
                                opens.atZone(event.start().getZone())));
            }
        }
        return fx;
    }

    Registration undoCheckIn(OrganiserConsole console, RegistrationId id) {
        Registration result = change(console, id, AuditAction.CHECK_IN_UNDONE, (fx, r) -> {
            if (r.status() != RegistrationStatus.CHECKED_IN) {
                throw new IllegalTransitionException(id, r.status(), RegistrationStatus.CONFIRMED);
            }
            // The same seat, back to confirmed; nobody is told (the person was not told of the check-in either).
            return fx.move(r, RegistrationStatus.CONFIRMED, r.holds(), console.actor(), "history.checkInUndone", null);
        });
        log.info("check-in undone: event={} registration={} by={}", result.eventId(), id, console.actor());
        return result;
    }

    int markNoShows(OrganiserConsole console, EventId eventId) {
        Event event = ownership.ownEvent(console, eventId);
        Instant now = clock.instant();
        if (now.isBefore(event.start().toInstant())) {
            throw new RegistrationRefusedException(
                    "event " + eventId + " has not started", Reason.of("error.notStarted"));
        }
        List<RegistrationId> confirmed = store.findRegistrations(eventId).stream()
                .filter(r -> r.status() == RegistrationStatus.CONFIRMED && !r.anonymised())
                .map(Registration::id)
                .toList();
        int marked =
                ownership.runOwn(console.organiser(), eventId, now, () -> new EventNotFoundException(eventId), fx -> {
                    int n = 0;
                    for (RegistrationId id : confirmed) {
                        Registration r = fx.require(id);
                        if (r.status() == RegistrationStatus.CONFIRMED && !r.anonymised()) {
                            fx.move(
                                    r,
                                    RegistrationStatus.NO_SHOW,
                                    r.holds(),
                                    console.actor(),
                                    "history.noShow",
                                    Notification.Kind.NO_SHOW);
                            fx.audit(console.actor(), AuditAction.MARKED_NO_SHOW, id);
                            n++;
                        }
                    }
                    return n;
                });
        log.info("no-shows marked: event={} count={} by={}", eventId, marked, console.actor());
        return marked;
    }

    private static String noteOr(String note, String defaultKey) {
        Objects.requireNonNull(note, "note");
        // Organisers' notes are free text kept in the history: neutralise what could hide or forge text.
        String n = Texts.neutralise(note, 500);
        return n.isEmpty() ? defaultKey : n;
    }

    /**
     * Changes one of the console's registrations (not anonymised) in a unit of work, and audits the
     * change in the same unit of work.
     */
    private Registration change(
            OrganiserConsole console,
            RegistrationId id,
            AuditAction action,
            BiFunction<UnitOfWork, Registration, Registration> move) {
        Registration found = ownership.ownRegistration(console, id);
        return ownership.runOwn(
                console.organiser(),
                found.eventId(),
                clock.instant(),
                () -> new RegistrationNotFoundException(id),
                fx -> {
                    Registration changed = move.apply(fx, fx.requireChangeable(id));
                    fx.audit(console.actor(), action, id);
                    return changed;
                });
    }
}
