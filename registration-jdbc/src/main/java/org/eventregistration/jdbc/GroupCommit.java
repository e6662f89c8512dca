package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits concurrent units of work on different events together (PostgreSQL, the store's own
 * transactions): their rows go as arrays, one statement per table for the whole group, then one
 * COMMIT, in one round trip. Under load on many events each unit of work would otherwise be a
 * transaction of its own, with its own statements, round trip and commit.
 *
 * <p>A unit of work joins only if it was decided from the state seen last and has sent nothing on
 * its connection ({@link StagedWrites#sendChecked}), changed its ledger, and needs no check that a
 * row it did not write is absent and no counter deleted (a {@link Member}); anything else is sent
 * as before. The group's statements check what each unit of work assumed: its ledger at the version
 * it started from (the ledgers locked in the order of their event ids, so that two groups never wait
 * for each other in a circle), its event's row at the version seen with the definition; the new
 * rows meet the unique constraints. A group holds at most one unit of work per event.
 *
 * <p>At most {@code leaders} round trips of this kind are under way at once. Whoever sends and
 * finds a leader's place free leads: it takes its own unit of work and those waiting (at most
 * {@link #MAX_GROUP}), sends them on its own connection and wakes the others; alone, it sends its
 * own as before. The others wait, parked, and so gather while the database works: with no one
 * waiting nothing waits.
 *
 * <p>If a group fails, nothing of it was committed: the leader rolls its connection back, and
 * each unit of work is sent again alone, by its own thread on its own connection, where it meets
 * its own outcome (a stale state, a constraint) as it would have without the group. If the
 * connection broke during the round trip, the COMMIT may have reached the database: every unit
 * of the group is in doubt ({@link TransactionHandler.CommitInDoubt}), as one alone would be.
 */
final class GroupCommit {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);

    /**
     * The system property that sets how many round trips with a COMMIT may be under way at once
     * while others gather (default {@value #DEFAULT_LEADERS}); {@code 0} turns grouping off. Read
     * when a store is built.
     */
    static final String LEADERS = "org.eventregistration.jdbc.groupCommit";

    static final int DEFAULT_LEADERS = 2;

    /** The most units of work in one group. */
    static final int MAX_GROUP = 32;

    private static final int PENDING = 0;
    private static final int COMMITTED = 1;
    private static final int ALONE = 2;
    private static final int FAILED = 3;

    private final Sql sql;
    private final Dialect dialect;
    /** Delivery marks that ride with a COMMIT; null: none. */
    private final CombinedMarks marks;
    /** Places for leaders; null: no groups. */
    private final Semaphore leaders;

    private final ConcurrentLinkedDeque<Member> waiting = new ConcurrentLinkedDeque<>();
    /** Units of work committed in groups of two or more (for tests and troubleshooting). */
    final AtomicLong grouped = new AtomicLong();

    /** Tests only: runs on a leader's thread before it gathers a group (it may wait for others to queue). */
    volatile Runnable beforeGather;

    /** Tests only: runs with the connection a group of two or more is about to be sent on. */
    volatile java.util.function.Consumer<Connection> beforeGroupSent;

    /** Units of work waiting to be gathered (tests). */
    int waitingCount() {
        return waiting.size();
    }

    /** Sends one unit of work's writes and COMMIT on its own connection, as it would be without a group. */
    @FunctionalInterface
    interface Alone {
        void send() throws SQLException;
    }

    /**
     * What one unit of work writes, as data: read by the leader's thread while the unit's thread
     * waits (the queue hands it over).
     */
    static final class Member {
        final EventId eventId;
        final long startedFrom;
        final Ledger ledger;
        final String eventRow;
        final List<Registration> inserts;
        final List<Notification> outbox;
        final List<String> counterKeys;
        final List<Integer> counterValues;
        final Thread owner = Thread.currentThread();
        private final AtomicBoolean taken = new AtomicBoolean();
        private volatile int outcome = PENDING;
        private volatile SQLException failure;

        /**
         * @param startedFrom the ledger's version the unit of work started from
         * @param ledger the ledger as it leaves it
         * @param eventRow the version of the event's row ({@code xmin}) seen with the definition
         */
        Member(
                EventId eventId,
                long startedFrom,
                Ledger ledger,
                String eventRow,
                List<Registration> inserts,
                List<Notification> outbox,
                List<String> counterKeys,
                List<Integer> counterValues) {
            this.eventId = eventId;
            this.startedFrom = startedFrom;
            this.ledger = ledger;
            this.eventRow = eventRow;
            this.inserts = List.copyOf(inserts);
            this.outbox = List.copyOf(outbox);
            this.counterKeys = List.copyOf(counterKeys);
            this.counterValues = List.copyOf(counterValues);
        }
    }

    /**
     * @param leaders how many round trips may be under way at once while others gather; 0: no groups
     * @param marks delivery marks that ride with the COMMIT; null: none
     */
    GroupCommit(Sql sql, Dialect dialect, CombinedMarks marks, int leaders) {
        if (leaders < 0) {
            throw new IllegalArgumentException("leaders must not be negative: " + leaders);
        }
        this.sql = sql;
        this.dialect = dialect;
        this.marks = marks;
        this.leaders = leaders == 0 || sql.groupLedgerLock == null ? null : new Semaphore(leaders);
    }

    /** The number of leaders the system property {@value #LEADERS} sets, or the default. */
    static int leadersFromSystemProperty() {
        String value = System.getProperty(LEADERS);
        if (value == null || value.isBlank()) {
            return DEFAULT_LEADERS;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "system property " + LEADERS + " must be a whole number of 0 or more, was: " + value);
    }

    /** True if units of work may share a COMMIT. */
    boolean enabled() {
        return leaders != null;
    }

    /**
     * Commits {@code mine}: in a group on this thread's connection {@code c} (on which nothing has
     * been sent in this transaction) or another's, or alone by {@code alone}; returns once it is
     * committed.
     *
     * @throws SQLException as the unit of work sent alone would fail, or {@link
     *     TransactionHandler.CommitInDoubt} if its group's connection broke
     */
    void send(Member mine, Connection c, Alone alone) throws SQLException {
        if (leaders == null) {
            alone.send();
            return;
        }
        waiting.add(mine);
        while (mine.outcome == PENDING) {
            if (!mine.taken.get() && leaders.tryAcquire()) {
                try {
                    if (mine.taken.compareAndSet(false, true)) {
                        waiting.removeFirstOccurrence(mine);
                        Runnable hook = beforeGather;
                        if (hook != null) {
                            hook.run();
                        }
                        List<Member> group = gather(mine);
                        if (group.size() == 1) {
                            mine.outcome = COMMITTED; // or the exception says otherwise
                            alone.send();
                        } else {
                            run(group, c);
                        }
                    }
                } finally {
                    leaders.release();
                    Member next = waiting.peekFirst();
                    if (next != null) {
                        LockSupport.unpark(next.owner); // a leader's place is free
                    }
                }
            } else {
                // Woken when the unit is done or a leader's place frees up; the timeouts only
                // guard against a wake-up missed (short ones would take the CPU the database needs).
                LockSupport.parkNanos(this, mine.taken.get() ? 10_000_000L : 1_000_000L);
            }
        }
        switch (mine.outcome) {
            case COMMITTED -> {}
            case ALONE -> alone.send();
            default -> throw mine.failure;
        }
    }

    /** The leader's unit of work and those waiting on other events, in the order of their events. */
    private List<Member> gather(Member mine) {
        List<Member> group = new ArrayList<>();
        Set<EventId> events = new HashSet<>();
        group.add(mine);
        events.add(mine.eventId);
        List<Member> later = new ArrayList<>();
        Member m;
        while (group.size() < MAX_GROUP && (m = waiting.pollFirst()) != null) {
            if (m.taken.get()) {
                continue; // its own thread leads it
            }
            if (!events.add(m.eventId)) {
                later.add(m); // a second unit on an event would meet the first's ledger change
            } else if (m.taken.compareAndSet(false, true)) {
                group.add(m);
            }
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            waiting.offerFirst(later.get(i));
        }
        group.sort(Comparator.comparing(g -> g.eventId.value()));
        return group;
    }

    private void run(List<Member> group, Connection c) throws SQLException {
        try {
            execute(group, c);
            grouped.addAndGet(group.size());
            finish(group, COMMITTED, null);
        } catch (TransactionHandler.CommitInDoubt e) {
            finish(group, FAILED, e);
        } catch (SQLException | RuntimeException e) {
            // Nothing was committed: each unit of work meets its own outcome alone.
            try {
                c.rollback();
            } catch (SQLException rollbackFailed) {
                e.addSuppressed(rollbackFailed);
            }
            log.debug(
                    "a group of {} units of work was not committed, each is sent alone: {}",
                    group.size(),
                    e instanceof SQLException s
                            ? "sqlState=" + s.getSQLState()
                            : e.getClass().getName());
            finish(group, ALONE, null);
        }
    }

    private static void finish(List<Member> group, int outcome, SQLException failure) {
        for (Member m : group) {
            boolean own = m.owner == Thread.currentThread();
            m.failure = failure == null || own ? failure : ofItsOwn(failure);
            m.outcome = outcome;
            if (!own) {
                LockSupport.unpark(m.owner);
            }
        }
    }

    /** A failure for another unit's thread: an exception of its own, which its handlers may change. */
    private static SQLException ofItsOwn(SQLException failure) {
        if (failure instanceof TransactionHandler.CommitInDoubt inDoubt) {
            return new TransactionHandler.CommitInDoubt(inDoubt.failure());
        }
        return new SQLException(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
    }

    /**
     * Sends the group's writes, the delete of the delivery marks that ride along, and COMMIT, in
     * one round trip. If the connection breaks, the commit is in doubt.
     */
    private void execute(List<Member> group, Connection c) throws SQLException {
        int n = group.size();
        String[] events = new String[n];
        Long[] startedFrom = new Long[n];
        Long[] versions = new Long[n];
        Long[] tails = new Long[n];
        Integer[] waitingCounts = new Integer[n];
        String[] eventRows = new String[n];
        List<Registration> inserts = new ArrayList<>();
        List<Notification> outbox = new ArrayList<>();
        List<String> counterEvents = new ArrayList<>();
        List<String> counterKeys = new ArrayList<>();
        List<Integer> counterValues = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Member m = group.get(i);
            events[i] = m.eventId.value();
            startedFrom[i] = m.startedFrom;
            versions[i] = m.ledger.version();
            tails[i] = m.ledger.waitlistTail();
            waitingCounts[i] = m.ledger.waitingCount();
            eventRows[i] = m.eventRow;
            inserts.addAll(m.inserts);
            outbox.addAll(m.outbox);
            for (int k = 0; k < m.counterKeys.size(); k++) {
                counterEvents.add(m.eventId.value());
                counterKeys.add(m.counterKeys.get(k));
                counterValues.add(m.counterValues.get(k));
            }
        }
        List<String> statements = new ArrayList<>(9);
        if (sql.genericPlans != null) {
            statements.add(sql.genericPlans); // no parameters
        }
        statements.add(sql.groupLedgerLock);
        statements.add(sql.groupLedgerUpdate);
        statements.add(sql.groupEventRows);
        if (!inserts.isEmpty()) {
            statements.add(sql.flushRegistrations);
        }
        if (!outbox.isEmpty()) {
            statements.add(sql.flushOutbox);
        }
        if (!counterKeys.isEmpty()) {
            statements.add(sql.groupUpsertCounters);
        }
        CombinedMarks.Riding riding = marks != null ? marks.take() : null;
        List<String> delivered = riding == null ? List.of() : riding.ids();
        if (!delivered.isEmpty()) {
            statements.add(sql.deleteDeliveredOutbox);
        }
        statements.add("COMMIT");
        boolean sent = false;
        java.util.function.Consumer<Connection> hook = beforeGroupSent;
        if (hook != null) {
            hook.accept(c);
        }
        try (PreparedStatement ps = c.prepareStatement(String.join("; ", statements))) {
            int p = 1;
            ps.setInt(p++, n);
            sql.arrays.set(ps, p++, events);
            sql.arrays.set(ps, p++, startedFrom);
            sql.arrays.set(ps, p++, events);
            sql.arrays.set(ps, p++, versions);
            sql.arrays.set(ps, p++, tails);
            sql.arrays.set(ps, p++, waitingCounts);
            ps.setInt(p++, n);
            sql.arrays.set(ps, p++, events);
            sql.arrays.set(ps, p++, eventRows);
            if (!inserts.isEmpty()) {
                p = sql.arrays.registrations(ps, p, inserts);
            }
            if (!outbox.isEmpty()) {
                p = sql.arrays.notifications(ps, p, outbox);
            }
            if (!counterKeys.isEmpty()) {
                sql.arrays.setStrings(ps, p++, counterEvents);
                sql.arrays.setStrings(ps, p++, counterKeys);
                sql.arrays.setInts(ps, p++, counterValues);
            }
            if (!delivered.isEmpty()) {
                sql.arrays.setStrings(ps, p, delivered);
            }
            StagedWrites.executeWithCommit(ps, dialect);
            sent = true;
        } finally {
            if (riding != null) {
                riding.finish(sent);
            }
        }
    }
}
