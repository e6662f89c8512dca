package org.eventregistration.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** The store's statements for one table prefix; portable SQL, the few differences from {@link Dialect}. */
final class Sql {
    final String lockLedger;
    final String ledgerExists;
    final String counters;
    final String countersLocking;
    final String countersAndDefinition;
    /** PostgreSQL: the lock, then counters and definition, sent together (two statements, one round trip). */
    final String lockAndRead;
    /** PostgreSQL: {@link #lockAndRead}, then the active registrations with some e-mail addresses, in one round trip. */
    final String lockReadAndLookUp;
    /**
     * PostgreSQL: a unit of work's writes, one statement per table with the rows as arrays, joined
     * by the store into one round trip (only those with something to write).
     */
    final String flushRegistrations;

    final String flushOutbox;
    final String flushUpsertCounters;
    /**
     * PostgreSQL: {@link #flushUpsertCounters} for 1 to {@link #MAX_VALUES_COUNTERS} counters as
     * rows of a VALUES list (index: count - 1); simpler for the database to run than the arrays.
     */
    private final String[] upsertCounterValues;

    static final int MAX_VALUES_COUNTERS = 4;
    /** Binds the array parameters of these statements (PostgreSQL). */
    final RowArrays arrays = new RowArrays();

    final String flushDeleteCounters;
    final String flushLedger;
    /**
     * PostgreSQL, a unit of work decided from the state this store last saw (see {@link
     * UnitsOfWork}): the ledger's update that fails the statement, and so everything sent after it,
     * the COMMIT included, unless the ledger is still at the version the decision was made from;
     * it takes the ledger's lock first, as a unit of work does. {@link #STALE} marks the failure.
     */
    final String checkedLedgerUpdate;
    /** The same check for a unit of work that wrote no ledger change: a locking read of the version. */
    final String checkedLedgerLock;
    /**
     * The same check of the event's row: the row version ({@code xmin}) seen with the definition.
     * A statement of its own after the ledger's, so that it reads what the previous holder of the
     * ledger's lock committed.
     */
    final String checkedEventRow;
    /**
     * The same check that e-mail addresses (active) and idempotency keys taken to be free, which no
     * registration of the unit of work took (its insert would meet the unique constraint), are free.
     */
    final String checkedFree;
    /**
     * PostgreSQL: the delete of delivered notifications' rows (as {@link #deleteOutbox(int, boolean)}, the ids as
     * an array) that rides with a group's writes before its COMMIT (see {@link CombinedMarks}), or
     * with a unit of work's when it carries more than {@link #MAX_DELETE} of them.
     */
    final String deleteDeliveredOutbox;
    /**
     * PostgreSQL (12 or later), first in a group's round trip ({@link GroupCommit}, always the
     * store's own transaction): the statements after it run on their generic plans, for this
     * transaction only. Without it PostgreSQL plans some of them again at nearly every execution:
     * an array parameter ({@code unnest(?)}, {@code = ANY(?)}) is estimated at ten elements in the
     * generic plan and at its real count in a custom one, so the custom plan looks cheaper however
     * often it is made. The plans are the same (each statement reaches its rows by a unique key);
     * measured on 1,000 events at 16 threads, the events' check of a group was planned at 1,462 of
     * its 1,572 executions and planning took three times its execution. Not in a unit of work sent
     * alone, where an extra statement would be paid by every registration at one thread: its one
     * array statement, the delivery marks' delete, takes the store's own {@link
     * #deleteOutbox(int, boolean)} ({@code IN (?, ...)}) instead, up to {@link #MAX_DELETE} ids.
     */
    final String genericPlans;
    /**
     * PostgreSQL, a group of units of work on different events sharing a COMMIT ({@link
     * GroupCommit}): locks their ledgers in the order of their event ids, each at the version its
     * unit started from (event ids, versions, as arrays; then their number); fails with {@link
     * #STALE} if one is not.
     */
    final String groupLedgerLock;
    /** The group's ledgers, locked by {@link #groupLedgerLock}, at their new versions (as arrays). */
    final String groupLedgerUpdate;
    /** The group's event rows, each at the version ({@code xmin}) seen with its definition; else {@link #STALE}. */
    final String groupEventRows;
    /** The group's changed counters, (event, key, taken) as arrays. */
    final String groupUpsertCounters;

    final String ledgerWithCounters;
    /** PostgreSQL: the version ({@code xmin}) of an event's row; null elsewhere. */
    final String eventRowVersion;
    /** An event's definition, its ledger and counters in one statement: the definition's row first. */
    final String eventState;
    /**
     * PostgreSQL: {@link #eventState} that leaves out the definition if its row is still at the
     * version ({@code xmin}) given first, and gives the row's version as a seventh column (null in
     * the counters' rows).
     */
    final String eventStateSince;

    final String insertLedger;
    final String updateLedger;
    final String insertCounter;
    final String updateCounter;
    final String deleteCounter;

    final String insertEvent;
    final String updateEvent;
    final String eventDefinition;
    final String insertOutboxWithMessage;
    final String allEvents;
    final String eventsOfOrganiser;
    final String eventsForRetention;
    final String retentionDone;

    final String registrationById;
    final String registrationInEvent;
    final String registrationByEmail;
    final String registrationByIdempotencyKey;
    final String registrationConflicts;
    final String waitingList;
    final String insertRegistration;
    final String updateRegistration;
    final String registrationByTokenHash;
    final String registrationsOfEvent;
    final String countByStatus;
    final String countWaitingBefore;
    final String expiredOffers;
    final String unconfirmed;
    /** Schema version 12: registrations whose offer to a colleague lapsed by a time (the partial index on handover_expires_at). */
    final String lapsedHandovers;

    final String insertOutbox;
    final String pendingOutbox;
    final String claimableOutbox;
    final String dueOutbox;
    final String claimableDueOutbox;
    final String countFailure;
    final String failures;
    final String deferOutbox;
    final String setAsideOutbox;
    final String undeliverable;
    final String outboxBacklog;
    final String claimOutbox;
    /** {@code DELETE ... WHERE notification_id IN (?, ...)} by the number of ids: 1, 2, 4, ... {@link #MAX_DELETE}. */
    private final String[] deleteOutboxIn;
    /** The same; on PostgreSQL without waiting for the commit to reach the disk (see {@link #deleteOutbox(int, boolean)}). */
    private final String[] deleteOutboxAsyncIn;

    static final int MAX_DELETE = 128;

    /** In the error of a checked statement whose check failed: the state seen last is stale. */
    static final String STALE = "stale state: ";

    /** PostgreSQL: the upsert of 1 to {@link #MAX_VALUES_COUNTERS} counters, (event, key, taken) each. */
    String upsertCounters(int counters) {
        return upsertCounterValues[counters - 1];
    }

    /**
     * The delete for up to {@link #MAX_DELETE} ids, with room for the next power of two of them
     * (the caller repeats the last id): a handful of statement texts, each prepared once.
     *
     * <p>With {@code async}, PostgreSQL commits the delete without waiting for its WAL record to
     * be flushed ({@code synchronous_commit} off for that transaction only). Only for the store's
     * own transactions. What a database crash may lose is the mark, not a notification: it is
     * delivered again, which at-least-once delivery allows (receivers drop duplicates by id).
     */
    String deleteOutbox(int ids, boolean async) {
        if (ids < 1 || ids > MAX_DELETE) {
            throw new IllegalArgumentException("1.." + MAX_DELETE + " ids, not " + ids);
        }
        int i = 32 - Integer.numberOfLeadingZeros(ids - 1);
        return async ? deleteOutboxAsyncIn[i] : deleteOutboxIn[i];
    }

    /** How many parameters {@link #deleteOutbox(int)} has for this many ids. */
    static int deleteSlots(int ids) {
        return 1 << (32 - Integer.numberOfLeadingZeros(ids - 1));
    }

    /**
     * Binds the ids of {@link #deleteOutbox(int, boolean)} from parameter {@code first}, the last
     * id repeated into the slots left over; returns the index after its slots.
     */
    static int bindDeleteIds(PreparedStatement ps, int first, List<String> ids) throws SQLException {
        int slots = deleteSlots(ids.size());
        for (int i = 0; i < slots; i++) {
            ps.setString(first + i, ids.get(Math.min(i, ids.size() - 1)));
        }
        return first + slots;
    }

    Sql(String p, Dialect d) {
        String lock = d.forUpdate();
        lockLedger = "SELECT version, waitlist_tail, waiting_count FROM " + p + "ledger WHERE event_id = ?" + lock;
        ledgerExists = "SELECT version FROM " + p + "ledger WHERE event_id = ?" + lock;
        counters = "SELECT counter_key, taken FROM " + p + "ledger_counter WHERE event_id = ?";
        countersLocking = counters + lock;
        // Counter rows have a key; the event row has none. One round trip for both.
        countersAndDefinition = "SELECT counter_key, taken, NULL FROM " + p + "ledger_counter WHERE event_id = ?"
                + " UNION ALL SELECT NULL, 0, definition FROM " + p + "event WHERE event_id = ?";
        ledgerWithCounters = "SELECT l.version, l.waitlist_tail, l.waiting_count, c.counter_key, c.taken FROM " + p
                + "ledger l LEFT JOIN " + p + "ledger_counter c ON c.event_id = l.event_id WHERE l.event_id = ?";
        // One row with the definition and the ledger, then one per counter (no definition): one
        // round trip, one snapshot, the definition sent once however many counters there are. Not
        // the per-organisation counters (EventState leaves them out): as many as organisations.
        eventState = "SELECT e.definition, l.version, l.waitlist_tail, l.waiting_count, CAST(NULL AS VARCHAR(200)),"
                + " 0 FROM " + p + "event e JOIN " + p + "ledger l ON l.event_id = e.event_id WHERE e.event_id = ?"
                + " UNION ALL SELECT NULL, 0, 0, 0, c.counter_key, c.taken FROM " + p
                + "ledger_counter c WHERE c.event_id = ? AND c.counter_key NOT LIKE 'org:%'";
        eventStateSince = d == Dialect.POSTGRESQL
                ? "SELECT CASE WHEN e.xmin::text = ? THEN NULL ELSE e.definition END, l.version, l.waitlist_tail,"
                        + " l.waiting_count, CAST(NULL AS VARCHAR(200)), 0, e.xmin::text FROM " + p + "event e JOIN "
                        + p + "ledger l ON l.event_id = e.event_id WHERE e.event_id = ?"
                        + " UNION ALL SELECT NULL, 0, 0, 0, c.counter_key, c.taken, NULL FROM " + p
                        + "ledger_counter c WHERE c.event_id = ? AND c.counter_key NOT LIKE 'org:%'"
                : null;
        eventRowVersion = d == Dialect.POSTGRESQL ? "SELECT xmin::text FROM " + p + "event WHERE event_id = ?" : null;
        if (d == Dialect.POSTGRESQL) {
            // With the event row's version (xmin), which a later unit of work checks against.
            lockAndRead = lockLedger + "; SELECT counter_key, taken, NULL, NULL FROM " + p
                    + "ledger_counter WHERE event_id = ? UNION ALL SELECT NULL, 0, definition, xmin::text FROM " + p
                    + "event WHERE event_id = ?";
            lockReadAndLookUp = lockAndRead + "; SELECT data FROM " + p
                    + "registration WHERE event_id = ? AND active_email = ANY(?::varchar[])";

            String reg = p + "registration";
            // The participant columns (schema version 10) follow, one array each: ParticipantColumn.
            flushRegistrations = "INSERT INTO " + reg
                    + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                    + " offer_expires_at, confirm_by, created_at, data, email, registration_id, event_id"
                    + ParticipantColumn.names() + ")"
                    + " SELECT u.s, u.e, u.k, u.h, u.w, u.o, u.b, u.c, u.d, u.m, u.r, u.v"
                    + ParticipantColumn.aliases("u.") + " FROM unnest(?::varchar[],"
                    + " ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[], ?::varchar[]::timestamp[],"
                    + " ?::varchar[]::timestamp[], ?::varchar[]::timestamp[], ?::text[], ?::varchar[], ?::varchar[],"
                    + " ?::varchar[]" + ParticipantColumn.arrayParameters()
                    + ") WITH ORDINALITY AS u(s, e, k, h, w, o, b, c, d, m, r, v" + ParticipantColumn.aliases("")
                    + ", n) ORDER BY u.n";
            flushOutbox = "INSERT INTO " + p + "outbox (notification_id, kind, event_id, registration_id, occurred_at)"
                    + " SELECT u.i, u.k, u.e, u.r, u.t FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
                    + " ?::varchar[]::timestamp[]) WITH ORDINALITY AS u(i, k, e, r, t, n) ORDER BY u.n";
            flushUpsertCounters = "INSERT INTO " + p
                    + "ledger_counter (event_id, counter_key, taken) SELECT ?, u.k, u.t FROM unnest("
                    + "?::varchar[], ?::int[]) AS u(k, t) ON CONFLICT (event_id, counter_key) DO UPDATE SET taken = EXCLUDED.taken";
            upsertCounterValues = new String[MAX_VALUES_COUNTERS];
            for (int i = 0; i < MAX_VALUES_COUNTERS; i++) {
                upsertCounterValues[i] = "INSERT INTO " + p
                        + "ledger_counter (event_id, counter_key, taken) VALUES (?, ?, ?)" + ", (?, ?, ?)".repeat(i)
                        + " ON CONFLICT (event_id, counter_key) DO UPDATE SET taken = EXCLUDED.taken";
            }
            flushDeleteCounters =
                    "DELETE FROM " + p + "ledger_counter WHERE event_id = ? AND counter_key = ANY(?::varchar[])";
            // The version check fails the statement (and so a COMMIT sent after it) if the ledger
            // changed under its lock; the cast of a non-constant text only runs then.
            flushLedger = "WITH l AS (UPDATE " + p
                    + "ledger SET version = ?, waitlist_tail = ?, waiting_count = ? WHERE event_id = ? AND version = ?"
                    + " RETURNING 1) SELECT CASE WHEN count(*) = 1 THEN 1"
                    + " ELSE ('the ledger changed under its lock: ' || count(*))::int END FROM l";
            checkedLedgerUpdate = "WITH l AS (UPDATE " + p
                    + "ledger SET version = ?, waitlist_tail = ?, waiting_count = ? WHERE event_id = ? AND version = ?"
                    + " RETURNING 1) SELECT CASE WHEN count(*) = 1 THEN 1"
                    + " ELSE ('" + STALE + "ledger ' || count(*))::int END FROM l";
            checkedLedgerLock = "SELECT CASE WHEN count(*) = 1 THEN 1 ELSE ('" + STALE
                    + "ledger ' || count(*))::int END FROM (SELECT 1 FROM " + p
                    + "ledger WHERE event_id = ? AND version = ? FOR UPDATE) l";
            checkedEventRow = "SELECT CASE WHEN count(*) = 1 THEN 1 ELSE ('" + STALE
                    + "event ' || count(*))::int END FROM " + p + "event WHERE event_id = ? AND xmin::text = ?";
            checkedFree = "SELECT CASE WHEN count(*) = 0 THEN 1 ELSE ('" + STALE + "taken ' || count(*))::int END FROM "
                    + p + "registration WHERE event_id = ? AND (active_email = ANY(?::varchar[])"
                    + " OR idempotency_key = ANY(?::varchar[]))";
            deleteDeliveredOutbox = "DELETE FROM " + p + "outbox WHERE notification_id = ANY(?::varchar[])";
            genericPlans = "SET LOCAL plan_cache_mode = force_generic_plan";
            // Locked in the order of the event ids: two groups never wait for each other in a circle.
            groupLedgerLock = "SELECT CASE WHEN count(*) = ? THEN 1 ELSE ('" + STALE
                    + "ledger ' || count(*))::int END FROM (SELECT 1 FROM " + p
                    + "ledger l JOIN unnest(?::varchar[], ?::bigint[]) AS v(e, n) ON l.event_id = v.e AND l.version = v.n"
                    + " ORDER BY l.event_id FOR UPDATE OF l) x";
            groupLedgerUpdate = "UPDATE " + p + "ledger l SET version = v.n, waitlist_tail = v.t, waiting_count = v.w"
                    + " FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::int[]) AS v(e, n, t, w)"
                    + " WHERE l.event_id = v.e";
            groupEventRows =
                    "SELECT CASE WHEN count(*) = ? THEN 1 ELSE ('" + STALE + "event ' || count(*))::int END FROM "
                            + p + "event e JOIN unnest(?::varchar[], ?::varchar[]) AS v(e, x) ON e.event_id = v.e"
                            + " AND e.xmin::text = v.x";
            groupUpsertCounters = "INSERT INTO " + p
                    + "ledger_counter (event_id, counter_key, taken) SELECT u.e, u.k, u.t FROM unnest(?::varchar[],"
                    + " ?::varchar[], ?::int[]) AS u(e, k, t) ON CONFLICT (event_id, counter_key) DO UPDATE SET taken = EXCLUDED.taken";

        } else {
            lockAndRead = null;
            lockReadAndLookUp = null;
            flushRegistrations = null;
            flushOutbox = null;
            flushUpsertCounters = null;
            upsertCounterValues = null;
            flushDeleteCounters = null;
            flushLedger = null;
            checkedLedgerUpdate = null;
            checkedLedgerLock = null;
            checkedEventRow = null;
            checkedFree = null;
            deleteDeliveredOutbox = null;
            genericPlans = null;
            groupLedgerLock = null;
            groupLedgerUpdate = null;
            groupEventRows = null;
            groupUpsertCounters = null;
        }
        insertLedger =
                "INSERT INTO " + p + "ledger (event_id, version, waitlist_tail, waiting_count) VALUES (?, 0, 0, 0)";
        updateLedger = "UPDATE " + p
                + "ledger SET version = ?, waitlist_tail = ?, waiting_count = ? WHERE event_id = ? AND version = ?";
        insertCounter = "INSERT INTO " + p + "ledger_counter (event_id, counter_key, taken) VALUES (?, ?, ?)";
        updateCounter = "UPDATE " + p + "ledger_counter SET taken = ? WHERE event_id = ? AND counter_key = ?";
        deleteCounter = "DELETE FROM " + p + "ledger_counter WHERE event_id = ? AND counter_key = ?";

        // organiser_id, ends_at, state and title since schema version 10 (EventRows).
        insertEvent = "INSERT INTO " + p + "event (starts_at, definition, updated_at, organiser_id, ends_at, state,"
                + " title, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        updateEvent = "UPDATE " + p + "event SET starts_at = ?, definition = ?, updated_at = ?, organiser_id = ?,"
                + " ends_at = ?, state = ?, title = ? WHERE event_id = ?";
        eventDefinition = "SELECT definition FROM " + p + "event WHERE event_id = ?";
        allEvents = "SELECT event_id, definition FROM " + p + "event ORDER BY starts_at, event_id";
        // Served by the index on (organiser_id, starts_at) of version 10. A row a node of an earlier
        // version inserted since has no organiser_id yet: those are read too, and filtered decoded.
        // The events whose personal data the retention run has not removed yet (version 10).
        eventsForRetention = "SELECT event_id, definition FROM " + p
                + "event WHERE retention_done_at IS NULL ORDER BY starts_at, event_id";
        retentionDone = "UPDATE " + p + "event SET retention_done_at = ? WHERE event_id = ?";
        eventsOfOrganiser = "SELECT event_id, definition FROM " + p
                + "event WHERE organiser_id = ? OR organiser_id IS NULL ORDER BY starts_at, event_id";

        String reg = p + "registration";
        registrationById = "SELECT data FROM " + reg + " WHERE registration_id = ?";
        registrationInEvent = "SELECT data FROM " + reg + " WHERE registration_id = ? AND event_id = ?";
        registrationByEmail = "SELECT data FROM " + reg + " WHERE event_id = ? AND active_email = ?";
        registrationByIdempotencyKey = "SELECT data FROM " + reg + " WHERE event_id = ? AND idempotency_key = ?";
        registrationConflicts = "SELECT registration_id, event_id, active_email, idempotency_key FROM " + reg
                + " WHERE registration_id = ? OR (event_id = ? AND active_email = ?) OR (event_id = ? AND idempotency_key = ?)";
        waitingList =
                "SELECT data FROM " + reg + " WHERE event_id = ? AND status = 'WAITLISTED' AND waitlist_sequence > ?"
                        + " ORDER BY waitlist_sequence" + d.limit();
        insertRegistration =
                "INSERT INTO " + reg + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                        + " offer_expires_at, confirm_by, created_at, data, email" + ParticipantColumn.names()
                        + ", registration_id, event_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + ParticipantColumn.parameters() + ", ?, ?)";
        updateRegistration =
                "UPDATE " + reg + " SET status = ?, active_email = ?, idempotency_key = ?, manage_token_hash = ?,"
                        + " waitlist_sequence = ?, offer_expires_at = ?, confirm_by = ?, created_at = ?, data = ?,"
                        + " email = ?" + ParticipantColumn.assignments()
                        + " WHERE registration_id = ? AND event_id = ?";
        registrationByTokenHash = "SELECT data FROM " + reg + " WHERE manage_token_hash = ? ORDER BY seq";
        registrationsOfEvent = "SELECT data FROM " + reg + " WHERE event_id = ? ORDER BY seq";
        countByStatus = "SELECT status, COUNT(*) FROM " + reg + " WHERE event_id = ? GROUP BY status";
        countWaitingBefore = "SELECT COUNT(*) FROM " + reg
                + " WHERE event_id = ? AND status = 'WAITLISTED' AND waitlist_sequence < ?";
        expiredOffers = "SELECT data FROM " + reg
                + " WHERE status = 'OFFERED' AND offer_expires_at <= ? ORDER BY offer_expires_at, seq" + d.limit();
        // Only rows with a deadline (PostgreSQL indexes those alone); a deadline means the registration is active.
        unconfirmed = "SELECT data FROM " + reg
                + " WHERE confirm_by IS NOT NULL AND confirm_by <= ? ORDER BY confirm_by, seq" + d.limit();
        // Only rows with an offer to a colleague (PostgreSQL indexes those alone).
        lapsedHandovers = "SELECT data FROM " + reg
                + " WHERE handover_expires_at IS NOT NULL AND handover_expires_at <= ?"
                + " ORDER BY handover_expires_at, seq" + d.limit();

        String out = p + "outbox";
        insertOutbox = "INSERT INTO " + out
                + " (notification_id, kind, event_id, registration_id, occurred_at) VALUES (?, ?, ?, ?, ?)";
        String columns =
                "SELECT seq, notification_id, kind, event_id, registration_id, occurred_at, message_id FROM " + out;
        insertOutboxWithMessage = "INSERT INTO " + out
                + " (notification_id, kind, event_id, registration_id, occurred_at, message_id) VALUES (?, ?, ?, ?, ?, ?)";
        // Set-aside rows (schema version 7) are never pending; rows waiting for a retry are not due yet.
        pendingOutbox = columns + " WHERE set_aside_at IS NULL ORDER BY seq" + d.limit();
        claimableOutbox = columns
                + " WHERE set_aside_at IS NULL AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY seq"
                + d.limit();
        dueOutbox = columns + " WHERE set_aside_at IS NULL AND (retry_at IS NULL OR retry_at <= ?) ORDER BY seq"
                + d.limit();
        claimableDueOutbox = columns
                + " WHERE set_aside_at IS NULL AND (retry_at IS NULL OR retry_at <= ?)"
                + " AND (claimed_until IS NULL OR claimed_until <= ?) ORDER BY seq" + d.limit();
        countFailure =
                "UPDATE " + out + " SET attempts = attempts + 1 WHERE notification_id = ? AND set_aside_at IS NULL";
        failures = "SELECT attempts FROM " + out + " WHERE notification_id = ?";
        deferOutbox = "UPDATE " + out + " SET retry_at = ?, set_aside_at = ? WHERE notification_id = ?";
        setAsideOutbox = "UPDATE " + out + " SET set_aside_at = ? WHERE notification_id = ? AND set_aside_at IS NULL";
        undeliverable = columns + " WHERE event_id = ? AND set_aside_at IS NOT NULL ORDER BY seq";
        // One scan of the outbox, which stays small (delivered rows are deleted): no index of its own,
        // so the hot path's inserts pay nothing for the health check.
        outboxBacklog = "SELECT COUNT(CASE WHEN set_aside_at IS NULL THEN 1 END),"
                + " COUNT(CASE WHEN set_aside_at IS NULL AND attempts > 0 THEN 1 END),"
                + " MIN(CASE WHEN set_aside_at IS NULL THEN occurred_at END), COUNT(set_aside_at) FROM " + out;
        claimOutbox = "UPDATE " + out
                + " SET claimed_until = ? WHERE seq = ? AND (claimed_until IS NULL OR claimed_until <= ?)";
        deleteOutboxIn = new String[Integer.numberOfTrailingZeros(MAX_DELETE) + 1];
        deleteOutboxAsyncIn = new String[deleteOutboxIn.length];
        for (int i = 0; i < deleteOutboxIn.length; i++) {
            String in = " WHERE notification_id IN (?" + ", ?".repeat((1 << i) - 1) + ")";
            deleteOutboxIn[i] = "DELETE FROM " + out + in;
            deleteOutboxAsyncIn[i] = d == Dialect.POSTGRESQL
                    ? "WITH async AS (SELECT set_config('synchronous_commit', 'off', true)) DELETE FROM " + out + in
                            + " AND EXISTS (SELECT 1 FROM async)"
                    : deleteOutboxIn[i];
        }
    }
}
