package org.eventregistration.jdbc;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.StoreException;

/**
 * Combines concurrent reads of one event definition into as few database reads as is correct: a
 * call that arrives while a read of the event is under way waits for it to end, and then takes
 * part in the next read, together with everyone else who arrived meanwhile. Each caller still gets
 * a read that began after its call did. Only for the store's own transactions (in a joined
 * transaction each caller reads inside its own).
 */
final class SharedReads {
    private final EventRows events;
    private final ConcurrentHashMap<EventId, SharedRead> reads = new ConcurrentHashMap<>();

    SharedReads(EventRows events) {
        this.events = events;
    }

    Optional<Event> find(EventId id) {
        return reads.computeIfAbsent(id, SharedRead::new).get();
    }

    /** The reads of one event. */
    private final class SharedRead {
        private final EventId id;
        /** The read that callers may still join: it has not started. */
        private Result next;

        private boolean reading;

        private final class Result {
            boolean done;
            Optional<Event> event;
            RuntimeException failure;
        }

        SharedRead(EventId id) {
            this.id = id;
        }

        Optional<Event> get() {
            Result mine;
            synchronized (this) {
                if (next == null) {
                    next = new Result();
                }
                mine = next;
                while (!mine.done && reading) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new StoreException("JDBC store: interrupted while reading event " + id, null, e);
                    }
                }
                if (mine.done) {
                    return result(mine);
                }
                // No read is running and ours has not started: start it, for everyone who joined it.
                reading = true;
                next = null;
            }
            try {
                mine.event = events.find(id);
            } catch (RuntimeException e) {
                mine.failure = e;
            } finally {
                synchronized (this) {
                    mine.done = true;
                    reading = false;
                    notifyAll();
                }
            }
            return result(mine);
        }

        private Optional<Event> result(Result r) {
            if (r.failure != null) {
                throw r.failure;
            }
            return r.event;
        }
    }
}
