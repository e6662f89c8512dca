package org.eventregistration.capacity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eventregistration.eligibility.Applicant;
import org.eventregistration.event.Event;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Reason;

/**
 * The capacity decision: a pure function of the event, its ledger, the applicant, the chosen
 * sessions and the time. No I/O, no clock reads; thread-safe.
 */
public final class CapacityCheck {
    private CapacityCheck() {}

    /**
     * Decides whether one more registration fits every capacity rule of the event.
     *
     * @param event the event definition
     * @param ledger what is taken now
     * @param applicant who wants a seat
     * @param sessions the sessions they chose (all must exist in the event)
     * @param now the current time, for reserved seats
     * @return {@link CapacityDecision.Fits} with the counters to take, or {@link CapacityDecision.Full}
     *     with the reasons
     */
    public static CapacityDecision check(
            Event event, Ledger ledger, Applicant applicant, Set<SessionId> sessions, Instant now) {
        CapacityPolicy policy = event.capacity();
        ZoneId zone = event.start().getZone();
        Set<CounterKey> holds = new TreeSet<>();
        List<Reason> full = new ArrayList<>();

        holds.add(CounterKey.EVENT);
        int eventTaken = ledger.taken(CounterKey.EVENT);
        if ((long) eventTaken + 1 > policy.seats()) {
            full.add(Reason.of("capacity.event.full", policy.seats()));
        }

        for (SessionId id : sessions) {
            Session session = event.session(id)
                    .orElseThrow(() -> new IllegalArgumentException("no session " + id + " in " + event.id()));
            CounterKey key = CounterKey.session(id);
            holds.add(key);
            if (ledger.taken(key) + 1 > session.seats()) {
                full.add(Reason.of("capacity.session.full", session.title(), session.seats()));
            }
        }

        if (policy.limitsOrganisations()) {
            applicant.attendee().organisationKey().ifPresent(org -> {
                CounterKey key = CounterKey.organisation(org);
                holds.add(key);
                if (ledger.taken(key) + 1 > policy.maxPerOrganisation()) {
                    full.add(Reason.of("capacity.organisation.full", policy.maxPerOrganisation()));
                }
            });
        }

        // Reserved seats: after this registration, the free seats must still cover what every active
        // reservation has not used yet (the applicant's own reservations counting this seat as used).
        long required = 0;
        List<ReservedSeats> blocking = new ArrayList<>();
        for (ReservedSeats r : policy.reservations()) {
            boolean member = r.audience().evaluate(applicant).isEligible();
            if (member) {
                holds.add(r.counter());
            }
            if (r.isActive(now)) {
                int used = ledger.taken(r.counter()) + (member ? 1 : 0);
                long unused = Math.max(0, r.seats() - used);
                required += unused;
                if (!member && unused > 0) {
                    blocking.add(r);
                }
            }
        }
        long freeAfter = (long) policy.seats() - eventTaken - 1;
        if (freeAfter >= 0 && freeAfter < required) {
            for (ReservedSeats r : blocking) {
                full.add(Reason.of(
                        "capacity.reserved", r.description(), r.until().atZone(zone)));
            }
        }

        return full.isEmpty() ? CapacityDecision.Fits.of(holds) : new CapacityDecision.Full(full);
    }
}
