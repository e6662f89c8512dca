package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which offers have expired and in what order their seats pass on: oldest offer first,
 * then waiting-list order, each event in its own unit of work; safe on several nodes at once.
 */
final class OfferExpiry {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final UnitsOfWork units;

    OfferExpiry(RegistrationStore store, Clock clock, UnitsOfWork units) {
        this.store = store;
        this.clock = clock;
        this.units = units;
    }

    int expireDue() {
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            Instant now = clock.instant();
            List<Registration> due = new ArrayList<>(store.findExpiredOffers(now, 500));
            if (due.isEmpty()) {
                break;
            }
            // Oldest offer first, then waiting-list order: with quotas, the order decides who is offered next.
            due.sort(Comparator.comparing((Registration r) -> r.offerExpiresAt().orElseThrow())
                    .thenComparingLong(Registration::waitlistSequence));
            Map<EventId, List<RegistrationId>> byEvent = new LinkedHashMap<>();
            for (Registration r : due) {
                byEvent.computeIfAbsent(r.eventId(), e -> new ArrayList<>()).add(r.id());
            }
            int expiredThisRound = 0;
            for (Map.Entry<EventId, List<RegistrationId>> e : byEvent.entrySet()) {
                expiredThisRound += units.run(e.getKey(), now, fx -> {
                    int n = 0;
                    for (RegistrationId id : e.getValue()) {
                        Registration r = fx.require(id);
                        if (r.status() == RegistrationStatus.OFFERED
                                && !now.isBefore(r.offerExpiresAt().orElseThrow())) {
                            SeatAllocation.expire(fx, r);
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
        if (total > 0) {
            log.info("offers expired: count={}", total);
        }
        return total;
    }
}
