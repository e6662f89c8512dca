package org.eventregistration.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eventregistration.capacity.CapacityDecision;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.spi.Notification;

/**
 * Decides who gets a seat that is free or freed: an approved registration (a seat, else the
 * waiting list), and the waiting list in order (promoted or offered, as the event's policy says)
 * whenever a seat is released.
 */
final class SeatAllocation {
    private static final int PAGE = 100;

    private SeatAllocation() {}

    /**
     * Approve: a seat if one fits, else the waiting list, in its place by registration time (the
     * sequence set aside when it registered); refused if neither.
     */
    static Registration seatOrWaitlist(UnitOfWork fx, Registration r, Actor actor, String reason) {
        CapacityDecision decision = fx.check(r);
        if (decision instanceof CapacityDecision.Fits fits) {
            return fx.take(r, RegistrationStatus.CONFIRMED, fits.holds(), actor, reason, Notification.Kind.APPROVED);
        }
        WaitlistPolicy waitlist = fx.event().waitlist();
        if (!waitlist.enabled() || fx.ledger().waitingCount() >= waitlist.maxLength()) {
            throw new RegistrationRefusedException(
                    "registration " + r.id() + ": no seat and no room on a waiting list",
                    ((CapacityDecision.Full) decision).reasons().get(0));
        }
        long sequence;
        if (r.waitlistSequence() > 0) {
            // Set aside when the person registered: their place by registration time.
            fx.ledger(fx.ledger().joinWaitlistReserved());
            sequence = r.waitlistSequence();
        } else {
            // Registered before sequences were set aside for approvals: the back of the list.
            fx.ledger(fx.ledger().joinWaitlist());
            sequence = fx.ledger().waitlistTail();
        }
        Registration waiting = r.toBuilder()
                .waitlistSequence(sequence)
                .build()
                .moveTo(
                        RegistrationStatus.WAITLISTED,
                        Set.of(),
                        new StatusChange(RegistrationStatus.WAITLISTED, fx.now(), actor, reason));
        fx.update(waiting);
        fx.notify(Notification.Kind.WAITLISTED, waiting);
        return waiting;
    }

    /** Promotes or offers, in waiting-list order, to everyone who fits now. */
    static List<Registration> fillFreeSeats(UnitOfWork fx) {
        Event event = fx.event();
        WaitlistPolicy policy = event.waitlist();
        List<Registration> filled = new ArrayList<>();
        if (!policy.enabled() || fx.ledger().waitingCount() == 0) {
            return filled;
        }
        long after = 0;
        while (true) {
            if (fx.ledger().taken(CounterKey.EVENT) >= event.capacity().seats()
                    || fx.ledger().waitingCount() == 0) {
                return filled; // nobody can fit: no need to read the list
            }
            List<Registration> page = fx.tx().waitingList(after, PAGE);
            if (page.isEmpty()) {
                return filled;
            }
            for (Registration r : page) {
                after = r.waitlistSequence();
                if (r.anonymised()) {
                    continue; // kept for the statistics only: nobody to offer a seat to
                }
                if (fx.check(r) instanceof CapacityDecision.Fits fits) {
                    fx.ledger(fx.ledger().leaveWaitlist());
                    if (policy.mode() == WaitlistPolicy.Mode.AUTO_PROMOTE) {
                        filled.add(fx.take(
                                r,
                                RegistrationStatus.CONFIRMED,
                                fits.holds(),
                                Actor.system(),
                                "history.promoted",
                                Notification.Kind.PROMOTED));
                    } else {
                        fx.ledger(fx.ledger().take(fits.holds()));
                        Registration next = r.offer(
                                fits.holds(),
                                fx.now().plus(policy.offerValidity()),
                                new StatusChange(
                                        RegistrationStatus.OFFERED, fx.now(), Actor.system(), "history.offered"));
                        fx.update(next);
                        fx.notify(Notification.Kind.OFFERED, next);
                        filled.add(next);
                    }
                }
            }
        }
    }
}
