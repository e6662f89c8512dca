package org.eventregistration.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Combines concurrent {@code markDelivered} calls into few deletes: whoever finds no delete under
 * way sends the ids of everyone who called meanwhile (up to four statements' worth at a time), so a
 * call may return while its ids travel with another caller's statement. If that fails, or the
 * process stops first, the notifications stay pending and are delivered again (at least once, as
 * always). Only for the store's own transactions.
 *
 * <p><b>Marks that ride</b> (PostgreSQL, a store whose connection factory never joins callers'
 * transactions): a call queues its ids instead, and the next unit of work that sends its writes
 * with its COMMIT in one round trip ({@link StagedWrites}) {@linkplain #take takes} them and
 * deletes their rows in that same round trip, before the COMMIT. If that round trip fails (a stale
 * state, a failed statement and so a rollback, a lost connection), it {@linkplain Riding#giveBack
 * gives them back}. Ids never wait longer
 * than {@link #deadline()} (200 ms, or a twentieth of the outbox claim if that is shorter): a timer
 * then deletes them the way above; so does a call that finds {@value Sql#MAX_DELETE} ids or more
 * queued, and {@link #beforeOutboxRead} before the store reads the outbox, so that its callers
 * always see their own marks. A process that stops with ids queued leaves their rows: they are
 * delivered again once their claim (if any) runs out, at least once as always.
 *
 * <p>The timer is one daemon thread shared by all stores of the class loader, which ends when it has
 * nothing to do; a scheduled flush holds its queue only until its deadline. The system property
 * {@value #MARKS_RIDE} set to {@code false} when a store is built turns riding off for that store.
 */
final class CombinedMarks {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);

    /** The system property that, set to {@code false}, turns riding marks off (every mark deletes at once). */
    static final String MARKS_RIDE = "org.eventregistration.jdbc.marksRide";

    /** The longest a queued id waits for a unit of work to ride with, unless the claim is short. */
    static final Duration MAX_WAIT = Duration.ofMillis(200);

    /** At most this many queued ids ride with one unit of work. */
    private static final int MAX_RIDING = Sql.MAX_DELETE * 4;

    /** Deletes the ids whose deadline has come; daemon, and its thread ends when idle. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Outbox outbox;
    /** Notification ids waiting to be sent by whoever holds {@link #deleting}. */
    private final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();

    private final ReentrantLock deleting = new ReentrantLock();

    /** Whether marks ride with units of work. */
    private final boolean ride;

    /** Set by {@link #close}: marks no longer wait, each call deletes at once. */
    private volatile boolean closed;

    private final long deadlineNanos;
    /** Ids waiting for a unit of work to ride with, with the time they were queued ({@link System#nanoTime}). */
    private final ConcurrentLinkedQueue<Queued> queued = new ConcurrentLinkedQueue<>();

    private final AtomicInteger queuedCount = new AtomicInteger();
    /** Whether a timer is set for what is queued. */
    private final AtomicBoolean timerSet = new AtomicBoolean();
    /**
     * Units of work carrying ids hold it shared while their round trip is under way; a flush before a
     * read takes it exclusively, so that it also waits for ids in flight (sent, or given back).
     */
    private final ReentrantReadWriteLock riders = new ReentrantReadWriteLock();

    /** How long a flush before a read waits at most for ids riding with units of work under way. */
    private static final long FLIGHT_WAIT_SECONDS = 2;

    private record Queued(String id, long at) {}

    /**
     * @param ride whether marks may ride with units of work (PostgreSQL, never joining); the system
     *     property {@value #MARKS_RIDE} can still turn it off
     * @param claim the outbox claim (zero: none)
     */
    CombinedMarks(Outbox outbox, boolean ride, Duration claim) {
        this.outbox = outbox;
        this.ride = ride && !"false".equalsIgnoreCase(System.getProperty(MARKS_RIDE));
        Duration deadline = MAX_WAIT;
        if (!claim.isZero() && claim.dividedBy(20).compareTo(deadline) < 0) {
            deadline = claim.dividedBy(20);
        }
        this.deadlineNanos = deadline.toNanos();
    }

    /** The longest a queued id waits before it is deleted on its own. */
    Duration deadline() {
        return Duration.ofNanos(deadlineNanos);
    }

    void markDelivered(Collection<String> notificationIds) {
        if (!ride || closed) {
            deleteCombined(notificationIds);
            return;
        }
        long now = System.nanoTime();
        for (String id : notificationIds) {
            queued.add(new Queued(id, now));
        }
        if (queuedCount.addAndGet(notificationIds.size()) >= Sql.MAX_DELETE) {
            deleteCombined(drain());
        } else {
            setTimer(deadlineNanos);
        }
    }

    /**
     * For a unit of work about to send its writes with its COMMIT in one round trip: the queued ids
     * to delete in it; null if none, or if a flush is under way. The unit of work then reports
     * {@link Riding#sent} or {@link Riding#giveBack}, on the same thread.
     */
    Riding take() {
        if (!ride || closed || queuedCount.get() == 0) {
            return null;
        }
        try {
            // Timed, so that it does not overtake a flush waiting for the lock.
            if (!riders.readLock().tryLock(0, TimeUnit.NANOSECONDS)) {
                return null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        List<Queued> taken = new ArrayList<>();
        Queued q;
        while (taken.size() < MAX_RIDING && (q = queued.poll()) != null) {
            taken.add(q);
        }
        queuedCount.addAndGet(-taken.size());
        if (taken.isEmpty()) {
            riders.readLock().unlock();
            return null;
        }
        return new Riding(taken);
    }

    /** Ids riding with one unit of work: it reports once whether they were sent. */
    final class Riding {
        private final List<Queued> taken;
        private boolean done;

        private Riding(List<Queued> taken) {
            this.taken = taken;
        }

        /** The ids to delete, each once. */
        List<String> ids() {
            return taken.stream().map(Queued::id).distinct().toList();
        }

        /** {@link #sent} if {@code sent}, else {@link #giveBack}. */
        void finish(boolean sent) {
            if (sent) {
                sent();
            } else {
                giveBack();
            }
        }

        /** The unit of work committed with their delete. */
        void sent() {
            if (!done) {
                done = true;
                riders.readLock().unlock();
            }
        }

        /**
         * The unit of work failed, or may not have committed: the ids are queued again, as old as
         * they were, and deleted by their deadline.
         */
        void giveBack() {
            if (done) {
                return;
            }
            done = true;
            try {
                queued.addAll(taken);
                queuedCount.addAndGet(taken.size());
                long oldest = taken.get(0).at();
                // A timer of its own: one set for later ids may fire after these ids' deadline.
                schedule(Math.max(0, oldest + deadlineNanos - System.nanoTime()));
            } finally {
                riders.readLock().unlock();
            }
        }
    }

    /**
     * Before the store reads the outbox: deletes what is queued at once (waiting for ids riding with
     * a unit of work under way), so that a caller sees its own marks.
     */
    void beforeOutboxRead() {
        if (!ride) {
            return;
        }
        List<String> ids;
        boolean locked = false;
        try {
            // Bounded: a caller that reads from inside a unit of work must not wait for itself.
            locked = riders.writeLock().tryLock(FLIGHT_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            ids = drain();
        } finally {
            if (locked) {
                riders.writeLock().unlock();
            }
        }
        if (!ids.isEmpty()) {
            outbox.delete(ids);
        }
    }

    /**
     * Deletes what is queued now (waiting for ids riding with a unit of work under way), and from
     * then on every mark at once: for a clean shutdown, before the data source closes, so that no
     * notification is delivered twice. Ids a concurrent call queues while this runs are deleted by
     * their deadline, as before.
     */
    void close() {
        closed = true;
        beforeOutboxRead();
    }

    /** Everything queued, taken out of the queue. */
    private List<String> drain() {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        int n = 0;
        Queued q;
        while ((q = queued.poll()) != null) {
            ids.add(q.id());
            n++;
        }
        queuedCount.addAndGet(-n);
        return List.copyOf(ids);
    }

    /** Deletes the queued ids whose deadline came (the timer). */
    private void deadlineReached() {
        timerSet.set(false);
        List<String> ids = drain();
        if (ids.isEmpty()) {
            return;
        }
        try {
            deleteCombined(ids);
        } catch (RuntimeException e) {
            // The rows stay: delivered again (at least once), as when a mark's delete fails.
            log.warn("delivered notifications not marked: {} ids stay pending ({})", ids.size(), e.toString());
        }
    }

    /** Sets a timer for the queue unless one is set. */
    private void setTimer(long delayNanos) {
        if (timerSet.compareAndSet(false, true)) {
            schedule(delayNanos);
        }
    }

    private void schedule(long delayNanos) {
        TIMER.schedule(this::deadlineReached, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void deleteCombined(Collection<String> notificationIds) {
        delivered.addAll(notificationIds);
        // Whoever holds the lock sends everything queued, and looks again after letting go: an id
        // queued by a caller who found the lock taken is then seen (it was queued before that).
        while (!delivered.isEmpty() && deleting.tryLock()) {
            try {
                LinkedHashSet<String> batch = new LinkedHashSet<>();
                String id;
                while (batch.size() < Sql.MAX_DELETE * 4 && (id = delivered.poll()) != null) {
                    batch.add(id);
                }
                if (!batch.isEmpty()) {
                    outbox.delete(List.copyOf(batch));
                }
            } finally {
                deleting.unlock();
            }
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "registration-jdbc-marks");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
