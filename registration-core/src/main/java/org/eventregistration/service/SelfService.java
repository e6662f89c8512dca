package org.eventregistration.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the holder of a manage token may do with their own registration: see it while the
 * token is valid, cancel before the deadline, accept or decline an offer in time.
 */
final class SelfService {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final UnitsOfWork units;
    private final Lookups lookups;
    /** How long after an event's end manage tokens work; null: no limit. */
    private final Duration manageTokenValidity;

    SelfService(
            RegistrationStore store, Clock clock, UnitsOfWork units, Lookups lookups, Duration manageTokenValidity) {
        this.store = store;
        this.clock = clock;
        this.units = units;
        this.lookups = lookups;
        this.manageTokenValidity = manageTokenValidity;
    }

    Optional<Registration> findByManageToken(ManageToken token) {
        Objects.requireNonNull(token, "token");
        return store.findByManageTokenHash(token.hash())
                .filter(r -> token.matches(r.manageTokenHash()))
                .filter(r -> r.status().isActive() && !r.anonymised())
                .filter(this::tokenStillValid);
    }

    OptionalInt waitingPosition(ManageToken token) {
        return findByManageToken(token).map(lookups::waitingPosition).orElse(OptionalInt.empty());
    }

    Registration cancel(ManageToken token) {
        Registration found = requireByToken(token);
        Event event = lookups.requireEvent(found.eventId());
        Instant now = clock.instant();
        if (!now.isBefore(event.cancellationDeadline())) {
            throw new RegistrationRefusedException(
                    "registration " + found.id() + ": the cancellation deadline has passed",
                    Reason.of(
                            "error.cancellationDeadline",
                            event.cancellationDeadline().atZone(event.start().getZone())));
        }
        Registration result = units.run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            Registration cancelled = fx.release(
                    r,
                    RegistrationStatus.CANCELLED,
                    Actor.attendee(),
                    "history.cancelled",
                    Notification.Kind.CANCELLED);
            if (r.status().holdsSeat()) {
                SeatAllocation.fillFreeSeats(fx);
            }
            return cancelled;
        });
        log.info("cancelled: event={} registration={} by={}", found.eventId(), found.id(), Actor.attendee());
        return result;
    }

    Registration acceptOffer(ManageToken token) {
        Registration found = requireByToken(token);
        Instant now = clock.instant();
        Registration result = units.run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (r.status() != RegistrationStatus.OFFERED) {
                throw new IllegalTransitionException(r.id(), r.status(), RegistrationStatus.CONFIRMED);
            }
            if (!now.isBefore(r.offerExpiresAt().orElseThrow())) {
                return SeatAllocation.expire(fx, r);
            }
            return fx.move(
                    r,
                    RegistrationStatus.CONFIRMED,
                    r.holds(),
                    Actor.attendee(),
                    "history.offerAccepted",
                    Notification.Kind.OFFER_ACCEPTED);
        });
        if (result.status() == RegistrationStatus.EXPIRED) {
            throw new RegistrationRefusedException(
                    "registration " + found.id() + ": the offer has expired", Reason.of("error.offerExpired"));
        }
        log.info("offer accepted: event={} registration={}", found.eventId(), found.id());
        return result;
    }

    Registration declineOffer(ManageToken token) {
        Registration found = requireByToken(token);
        Instant now = clock.instant();
        if (found.status() != RegistrationStatus.OFFERED) {
            throw new IllegalTransitionException(found.id(), found.status(), RegistrationStatus.DECLINED);
        }
        Registration result = units.run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (r.status() != RegistrationStatus.OFFERED) {
                throw new IllegalTransitionException(r.id(), r.status(), RegistrationStatus.DECLINED);
            }
            Registration declined = fx.release(
                    r,
                    RegistrationStatus.DECLINED,
                    Actor.attendee(),
                    "history.offerDeclined",
                    Notification.Kind.DECLINED);
            SeatAllocation.fillFreeSeats(fx);
            return declined;
        });
        log.info("offer declined: event={} registration={}", found.eventId(), found.id());
        return result;
    }

    private boolean tokenStillValid(Registration r) {
        if (manageTokenValidity == null) {
            return true;
        }
        return store.findEvent(r.eventId())
                .map(e -> clock.instant().isBefore(e.end().toInstant().plus(manageTokenValidity)))
                .orElse(false);
    }

    private Registration requireByToken(ManageToken token) {
        return findByManageToken(token).orElseThrow(RegistrationNotFoundException::new);
    }
}
