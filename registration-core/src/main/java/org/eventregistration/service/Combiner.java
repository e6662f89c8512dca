package org.eventregistration.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.OutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which concurrent registrations for one event share a unit of work: one lock, one commit,
 * many registrations, each caller still getting its own outcome. A hot event is limited by how
 * many units of work per second its store can commit under one lock; this lifts that limit
 * without giving up exact capacity, because the batch is decided in order under the same lock.
 *
 * <p>Whoever finds no leader becomes the leader: it drains the queue in batches and runs them
 * until its own registration is done and the queue is empty. The others wait (parked, with a
 * short timeout so that a request enqueued just after a leader left is picked up promptly).
 * With no contention a batch is one registration, run on the caller's thread. The listeners are
 * told by one of the other callers of a batch, so the next batch need not wait.
 */
final class Combiner {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    /** The most registrations combined into one unit of work. */
    private static final int MAX_BATCH = 64;

    private final EventId eventId;
    private final UnitsOfWork units;
    private final NotificationDelivery delivery;
    private final Clock clock;
    private final BiFunction<UnitOfWork, Pending, RegistrationOutcome> register;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();

    /**
     * @param register registers one pending request inside a unit of work; it may run again for
     *     the same request (a store retry, or a failed batch run one by one)
     */
    Combiner(
            EventId eventId,
            UnitsOfWork units,
            NotificationDelivery delivery,
            Clock clock,
            BiFunction<UnitOfWork, Pending, RegistrationOutcome> register) {
        this.eventId = eventId;
        this.units = units;
        this.delivery = delivery;
        this.clock = clock;
        this.register = register;
    }

    /** Registers {@code pending}, alone or with others; returns when it is committed. */
    RegistrationOutcome submit(Pending pending) {
        queue.add(pending);
        while (!pending.done()) {
            if (leader.tryLock()) {
                try {
                    // Lead until our own registration is done, and a little longer, then hand over:
                    // a caller should not serve everyone else's requests for ever.
                    int after = 0;
                    List<Pending> batch;
                    while (!(batch = drain()).isEmpty()) {
                        runBatch(batch);
                        if (pending.done() && ++after >= 2) {
                            break;
                        }
                    }
                } finally {
                    leader.unlock();
                }
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.owner); // wake a successor instead of letting it time out
                }
            } else {
                LockSupport.parkNanos(this, 200_000);
            }
        }
        if (pending.toDeliver != null) {
            delivery.afterCommit(pending.toDeliver);
        }
        if (pending.failure != null) {
            throw pending.failure;
        }
        return pending.outcome;
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < MAX_BATCH && (p = queue.poll()) != null) {
            batch.add(p);
        }
        return batch;
    }

    private void runBatch(List<Pending> batch) {
        try {
            // One look-up for the whole batch instead of one per person while the event is locked.
            List<String> emails = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                emails.add(p.attendee.normalizedEmail());
            }
            UnitsOfWork.Committed<List<RegistrationOutcome>> committed =
                    units.runUndelivered(eventId, clock.instant(), emails, fx -> {
                        List<RegistrationOutcome> out = new ArrayList<>(batch.size());
                        for (Pending p : batch) {
                            out.add(register.apply(fx, p));
                        }
                        return out;
                    });
            // The listeners are told by one of the callers, after its outcome: the next batch
            // need not wait for them (nor for the store to mark them delivered).
            Pending courier = null;
            for (Pending p : batch) {
                if (p.owner != Thread.currentThread()) {
                    courier = p;
                    break;
                }
            }
            if (courier != null) {
                courier.toDeliver = committed.notifications();
            } else {
                delivery.afterCommit(committed.notifications());
            }
            List<RegistrationOutcome> outcomes = committed.value();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1 || e instanceof OutcomeUnknownException) {
                // Alone, or perhaps committed: running the requests again would answer them as
                // repeated or already registered. Each caller retries with its own key instead.
                for (Pending p : batch) {
                    p.fail(e);
                }
                return;
            }
            // One registration spoiled the unit of work (a store fault, a duplicate that another
            // node committed first): run each on its own, so only the one that fails, fails.
            log.debug("batch of {} failed on event={}, retrying one by one", batch.size(), eventId, e);
            for (Pending p : batch) {
                try {
                    p.complete(units.run(eventId, clock.instant(), fx -> register.apply(fx, p)));
                } catch (RuntimeException single) {
                    p.fail(single);
                }
            }
        }
    }

    /** One validated registration waiting for its event's unit of work. */
    static final class Pending {
        final Event checkedAgainst;
        final RegistrationRequest request;
        final Attendee attendee;
        final ManageToken token;
        volatile RegistrationOutcome outcome;
        volatile RuntimeException failure;
        /** Notifications of a combined unit of work this caller delivers once it is done; null if none. */
        volatile List<Notification> toDeliver;

        final Thread owner = Thread.currentThread();

        Pending(Event checkedAgainst, RegistrationRequest request, Attendee attendee, ManageToken token) {
            this.checkedAgainst = checkedAgainst;
            this.request = request;
            this.attendee = attendee;
            this.token = token;
        }

        boolean done() {
            return outcome != null || failure != null;
        }

        void complete(RegistrationOutcome o) {
            outcome = o;
            LockSupport.unpark(owner);
        }

        void fail(RuntimeException e) {
            failure = e;
            LockSupport.unpark(owner);
        }
    }
}
