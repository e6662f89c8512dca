package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which held places have run out — offers not answered in time, addresses not confirmed in
 * time — and in what order their seats pass on: earliest deadline first, then waiting-list order,
 * each event in its own unit of work; safe on several nodes at once. Also removes the offers of a
 * seat to a colleague that lapsed untaken: the colleague's name and address are no longer needed.
 */
final class Expiries {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    private static final int PAGE = 500;

    private final RegistrationStore store;
    private final Clock clock;
    private final UnitsOfWork units;

    Expiries(RegistrationStore store, Clock clock, UnitsOfWork units) {
        this.store = store;
        this.clock = clock;
        this.units = units;
    }

    /** Expires an offer and passes its seat on. */
    static Registration expireOffer(UnitOfWork fx, Registration r) {
        Registration expired = fx.release(
                r, RegistrationStatus.EXPIRED, Actor.system(), "history.offerExpired", Notification.Kind.OFFER_EXPIRED);
        SeatAllocation.fillFreeSeats(fx);
        return expired;
    }

    /**
     * Expires a registration whose address was not confirmed in time, without a message (the
     * address may not be the registrant's), and passes its place on.
     */
    static Registration expireUnconfirmed(UnitOfWork fx, Registration r) {
        Registration expired =
                fx.release(r, RegistrationStatus.EXPIRED, Actor.system(), "history.addressNotConfirmed", null);
        if (r.status().holdsSeat()) {
            SeatAllocation.fillFreeSeats(fx);
        }
        return expired;
    }

    /**
     * Removes a lapsed offer to a colleague (their name and address) from the registration, which
     * keeps its seat. No message: nothing changes for the person, whose offer simply was not taken
     * (as when a newer offer replaces it).
     */
    static Registration removeLapsedHandover(UnitOfWork fx, Registration r) {
        Registration without = r.withoutHandover(fx.now(), Actor.system(), Registration.HANDOVER_LAPSED);
        fx.update(without);
        return without;
    }

    int expireOffers() {
        return expireWaitingListOffers() + expireHandovers();
    }

    private int expireHandovers() {
        int total = expire(
                now -> store.findLapsedHandovers(now, PAGE),
                r -> r.handover().map(h -> h.expiresAt()),
                (r, now) -> !r.anonymised()
                        && r.handover().filter(h -> !h.liveAt(now)).isPresent(),
                Expiries::removeLapsedHandover);
        if (total > 0) {
            log.info("lapsed offers to colleagues removed: count={}", total);
        }
        return total;
    }

    private int expireWaitingListOffers() {
        int total = expire(
                now -> store.findExpiredOffers(now, PAGE),
                Registration::offerExpiresAt,
                (r, now) -> r.status() == RegistrationStatus.OFFERED
                        && !now.isBefore(r.offerExpiresAt().orElseThrow()),
                Expiries::expireOffer);
        if (total > 0) {
            log.info("offers expired: count={}", total);
        }
        return total;
    }

    int expireUnconfirmed() {
        int total = expire(
                now -> store.findUnconfirmed(now, PAGE),
                Registration::confirmAddressBy,
                (r, now) -> r.status().isActive()
                        && r.confirmAddressBy().filter(by -> !now.isBefore(by)).isPresent(),
                Expiries::expireUnconfirmed);
        if (total > 0) {
            log.info("unconfirmed registrations expired: count={}", total);
        }
        return total;
    }

    /**
     * Expires, page by page, what {@code find} says is due and {@code due} still finds due under
     * the event's lock (another node may have got there first).
     */
    private int expire(
            Function<Instant, List<Registration>> find,
            Function<Registration, Optional<Instant>> deadline,
            BiFunction<Registration, Instant, Boolean> due,
            BiFunction<UnitOfWork, Registration, Registration> expire) {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            Instant now = clock.instant();
            List<Registration> found = new ArrayList<>(find.apply(now));
            if (found.isEmpty()) {
                break;
            }
            // Earliest first, then waiting-list order: with quotas, the order decides who is offered next.
            found.sort(
                    Comparator.comparing((Registration r) -> deadline.apply(r).orElseThrow())
                            .thenComparingLong(Registration::waitlistSequence));
            Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
            for (Registration r : found) {
                byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
            }
            int expiredThisRound = 0;
            for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
                expiredThisRound += units.run(e.getKey(), now, fx -> {
                    int n = 0;
                    for (RegistrationId id : e.getValue()) {
                        Registration r = fx.require(id);
                        if (due.apply(r, now)) {
                            expire.apply(fx, r);
                            n++;
                        }
                    }
                    return n;
                });
            }
            total += expiredThisRound;
            if (expiredThisRound == 0) {
                break; // another node got there first
            }
        }
        return total;
    }
}
