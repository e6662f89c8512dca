package org.eventregistration.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.LinkPurpose;
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
 * Decides what the holder of a link may do with their own registration: confirm the address in
 * time (twice is harmless), see the registration while the link is valid, cancel before the
 * deadline, accept or decline an offer in time; and who is sent a link on request.
 */
final class SelfService {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    private static final Set<LinkPurpose> MANAGE = EnumSet.of(LinkPurpose.MANAGE);
    /** Any link sent to the address proves it; a data-request link is not for changing a registration. */
    private static final Set<LinkPurpose> CONFIRMING = EnumSet.of(LinkPurpose.MANAGE, LinkPurpose.CONFIRM_ADDRESS);

    private final RegistrationStore store;
    private final Clock clock;
    private final UnitsOfWork units;
    private final Lookups lookups;
    private final Links links;
    /** How long after an event's end manage tokens work; null: no limit. */
    private final Duration manageTokenValidity;

    SelfService(
            RegistrationStore store,
            Clock clock,
            UnitsOfWork units,
            Lookups lookups,
            Links links,
            Duration manageTokenValidity) {
        this.store = store;
        this.clock = clock;
        this.units = units;
        this.lookups = lookups;
        this.links = links;
        this.manageTokenValidity = manageTokenValidity;
    }

    /** The registration's own token (handed out in the outcome), or a live manage link sent by e-mail. */
    Optional<Registration> findByManageToken(ManageToken token) {
        Objects.requireNonNull(token, "token");
        return store.findByManageTokenHash(token.hash())
                .filter(r -> token.matches(r.manageTokenHash()))
                .or(() -> links.follow(token, MANAGE))
                .filter(r -> r.status().isActive() && !r.anonymised())
                .filter(this::tokenStillValid);
    }

    Registration confirmAddress(ManageToken token) {
        Objects.requireNonNull(token, "token");
        Registration found = links.follow(token, CONFIRMING)
                .filter(r -> r.status().isActive())
                .orElseThrow(RegistrationNotFoundException::new);
        if (found.addressConfirmed()) {
            return found; // confirming twice is harmless
        }
        Instant now = clock.instant();
        Registration result = units.run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (r.addressConfirmed() || !r.status().isActive()) {
                return r;
            }
            if (!now.isBefore(r.confirmAddressBy().orElseThrow())) {
                return Expiries.expireUnconfirmed(fx, r);
            }
            Registration confirmed = r.confirmAddress(now, Actor.attendee());
            fx.update(confirmed);
            statusMessage(confirmed.status()).ifPresent(kind -> fx.notify(kind, confirmed));
            return confirmed;
        });
        if (!result.status().isActive()) {
            throw new RegistrationRefusedException(
                    "registration " + found.id() + ": the address was not confirmed in time",
                    Reason.of("error.confirmationExpired"));
        }
        log.info("address confirmed: event={} registration={}", found.eventId(), found.id());
        return result;
    }

    /** The message a registration's status gets once the address is confirmed. */
    private static Optional<Notification.Kind> statusMessage(RegistrationStatus status) {
        return switch (status) {
            case CONFIRMED -> Optional.of(Notification.Kind.CONFIRMED);
            case WAITLISTED -> Optional.of(Notification.Kind.WAITLISTED);
            case PENDING_APPROVAL -> Optional.of(Notification.Kind.PENDING_APPROVAL);
            case OFFERED -> Optional.of(Notification.Kind.OFFERED);
            default -> Optional.empty();
        };
    }

    /**
     * "Send me my link": if the address has an active registration for the event, its owner is
     * sent a new manage link (a few per hour at most). Says nothing either way.
     */
    void requestLink(EventId eventId, String email) {
        String normalized = PersonalData.normalizedRequestEmail(email);
        lookups.requireEvent(eventId);
        // Looked up before taking the event's lock: a flood of requests for unknown addresses must
        // not queue on a hot event.
        boolean known = store.findRegistrationsByEmail(normalized).stream()
                .anyMatch(r -> r.eventId().equals(eventId) && r.status().isActive() && !r.anonymised());
        if (!known) {
            return;
        }
        boolean sent = units.run(
                eventId,
                clock.instant(),
                fx -> fx.tx()
                        .findActiveByEmail(normalized)
                        .filter(r -> !r.anonymised())
                        .map(r -> links.sendOnRequest(fx, r, Notification.Kind.LINK_REQUESTED))
                        .orElse(false));
        log.debug("link requested: event={} sent={}", eventId, sent);
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
                return Expiries.expireOffer(fx, r);
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
