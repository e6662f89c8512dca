package org.eventregistration.jdbc;

import java.util.Collection;
import java.util.Optional;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;

/**
 * Which way an event read and a delivery mark go, per call: in the store's own transactions,
 * concurrent callers share them ({@link SharedReads}, {@link CombinedMarks}); a caller whose
 * transaction the store joins reads and deletes inside it, at once. With a connection factory that
 * never joins, always the shared way.
 */
final class CallerPaths {
    private final EventRows events;
    private final Outbox outbox;
    private final Retrying retrying;
    private final boolean mayJoin;
    private final SharedReads sharedReads;
    private final CombinedMarks combinedMarks;

    CallerPaths(EventRows events, Outbox outbox, Retrying retrying, boolean mayJoin) {
        this.events = events;
        this.outbox = outbox;
        this.retrying = retrying;
        this.mayJoin = mayJoin;
        this.sharedReads = new SharedReads(events);
        this.combinedMarks = new CombinedMarks(outbox);
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
