package org.eventregistration.jdbc;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;

/**
 * Which way an event read and a delivery mark go, per call: in the store's own transactions,
 * concurrent callers share them ({@link SharedReads}, {@link CombinedMarks}); a caller whose
 * transaction the store joins reads and deletes inside it, at once. With a connection factory that
 * never joins, always the shared way; and on PostgreSQL the marks then ride with the next unit of
 * work's writes ({@link CombinedMarks}), flushed before the store reads the outbox ({@link
 * #beforeOutboxRead}).
 */
final class CallerPaths {
    private final EventRows events;
    private final Outbox outbox;
    private final Retrying retrying;
    private final boolean mayJoin;
    private final SharedReads sharedReads;
    private final CombinedMarks combinedMarks;

    /**
     * @param multiStatements whether the database takes a unit of work's writes and COMMIT in one
     *     round trip (PostgreSQL): then, never joining, marks ride with them
     * @param claim the outbox claim (zero: none), which bounds how long marks may wait
     */
    CallerPaths(
            EventRows events,
            Outbox outbox,
            Retrying retrying,
            boolean mayJoin,
            boolean multiStatements,
            Duration claim) {
        this.events = events;
        this.outbox = outbox;
        this.retrying = retrying;
        this.mayJoin = mayJoin;
        this.sharedReads = new SharedReads(events);
        this.combinedMarks = new CombinedMarks(outbox, multiStatements && !mayJoin, claim);
    }

    /** The marks of the store's own transactions, which units of work may carry. */
    CombinedMarks combinedMarks() {
        return combinedMarks;
    }

    /** Before the store reads or changes outbox rows: the marks queued so far reach the table. */
    void beforeOutboxRead() {
        combinedMarks.beforeOutboxRead();
    }

    /** See {@link CombinedMarks#close}. */
    void close() {
        combinedMarks.close();
    }

    private boolean joined() {
        return mayJoin && retrying.joinsCallerTransactions();
    }

    Optional<Event> findEvent(EventId id) {
        return joined() ? events.find(id) : sharedReads.find(id);
    }

    void markDelivered(Collection<String> ids) {
        if (joined()) {
            outbox.deleteInCallerTransaction(ids);
        } else {
            combinedMarks.markDelivered(ids);
        }
    }
}
