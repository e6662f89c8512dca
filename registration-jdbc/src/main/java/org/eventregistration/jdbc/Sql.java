package org.eventregistration.jdbc;

/** The store's statements for one table prefix; portable SQL, the few differences from {@link Dialect}. */
final class Sql {
    final String lockLedger;
    final String ledgerExists;
    final String counters;
    final String countersLocking;
    final String ledgerWithCounters;
    final String insertLedger;
    final String updateLedger;
    final String insertCounter;
    final String updateCounter;
    final String deleteCounter;

    final String insertEvent;
    final String updateEvent;
    final String eventDefinition;
    final String allEvents;

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
    final String countWaitingBefore;
    final String expiredOffers;

    final String insertOutbox;
    final String pendingOutbox;
    final String claimableOutbox;
    final String claimOutbox;
    final String deleteOutbox;

    final String[] tables;

    Sql(String p, Dialect d) {
        String lock = d.forUpdate();
        lockLedger = "SELECT version, waitlist_tail, waiting_count FROM " + p + "ledger WHERE event_id = ?" + lock;
        ledgerExists = "SELECT version FROM " + p + "ledger WHERE event_id = ?" + lock;
        counters = "SELECT counter_key, taken FROM " + p + "ledger_counter WHERE event_id = ?";
        countersLocking = counters + lock;
        ledgerWithCounters = "SELECT l.version, l.waitlist_tail, l.waiting_count, c.counter_key, c.taken FROM " + p + "ledger l LEFT JOIN "
                + p + "ledger_counter c ON c.event_id = l.event_id WHERE l.event_id = ?";
        insertLedger = "INSERT INTO " + p + "ledger (event_id, version, waitlist_tail, waiting_count) VALUES (?, 0, 0, 0)";
        updateLedger = "UPDATE " + p + "ledger SET version = ?, waitlist_tail = ?, waiting_count = ? WHERE event_id = ? AND version = ?";
        insertCounter = "INSERT INTO " + p + "ledger_counter (event_id, counter_key, taken) VALUES (?, ?, ?)";
        updateCounter = "UPDATE " + p + "ledger_counter SET taken = ? WHERE event_id = ? AND counter_key = ?";
        deleteCounter = "DELETE FROM " + p + "ledger_counter WHERE event_id = ? AND counter_key = ?";

        insertEvent = "INSERT INTO " + p + "event (starts_at, definition, updated_at, event_id) VALUES (?, ?, ?, ?)";
        updateEvent = "UPDATE " + p + "event SET starts_at = ?, definition = ?, updated_at = ? WHERE event_id = ?";
        eventDefinition = "SELECT definition FROM " + p + "event WHERE event_id = ?";
        allEvents = "SELECT event_id, definition FROM " + p + "event ORDER BY starts_at, event_id";

        String reg = p + "registration";
        registrationById = "SELECT data FROM " + reg + " WHERE registration_id = ?";
        registrationInEvent = "SELECT data FROM " + reg + " WHERE registration_id = ? AND event_id = ?";
        registrationByEmail = "SELECT data FROM " + reg + " WHERE event_id = ? AND active_email = ?";
        registrationByIdempotencyKey = "SELECT data FROM " + reg + " WHERE event_id = ? AND idempotency_key = ?";
        registrationConflicts = "SELECT registration_id, event_id, active_email, idempotency_key FROM " + reg
                + " WHERE registration_id = ? OR (event_id = ? AND active_email = ?) OR (event_id = ? AND idempotency_key = ?)";
        waitingList = "SELECT data FROM " + reg + " WHERE event_id = ? AND status = 'WAITLISTED' AND waitlist_sequence > ?"
                + " ORDER BY waitlist_sequence" + d.limit();
        insertRegistration = "INSERT INTO " + reg + " (status, active_email, idempotency_key, manage_token_hash, waitlist_sequence,"
                + " offer_expires_at, created_at, data, registration_id, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        updateRegistration = "UPDATE " + reg + " SET status = ?, active_email = ?, idempotency_key = ?, manage_token_hash = ?,"
                + " waitlist_sequence = ?, offer_expires_at = ?, created_at = ?, data = ? WHERE registration_id = ? AND event_id = ?";
        registrationByTokenHash = "SELECT data FROM " + reg + " WHERE manage_token_hash = ? ORDER BY seq";
        registrationsOfEvent = "SELECT data FROM " + reg + " WHERE event_id = ? ORDER BY seq";
        countWaitingBefore = "SELECT COUNT(*) FROM " + reg + " WHERE event_id = ? AND status = 'WAITLISTED' AND waitlist_sequence < ?";
        expiredOffers = "SELECT data FROM " + reg + " WHERE status = 'OFFERED' AND offer_expires_at <= ? ORDER BY offer_expires_at, seq"
                + d.limit();

        String out = p + "outbox";
        insertOutbox = "INSERT INTO " + out + " (notification_id, kind, event_id, registration_id, occurred_at) VALUES (?, ?, ?, ?, ?)";
        String columns = "SELECT seq, notification_id, kind, event_id, registration_id, occurred_at FROM " + out;
        pendingOutbox = columns + " ORDER BY seq" + d.limit();
        claimableOutbox = columns + " WHERE claimed_until IS NULL OR claimed_until <= ? ORDER BY seq" + d.limit();
        claimOutbox = "UPDATE " + out + " SET claimed_until = ? WHERE seq = ? AND (claimed_until IS NULL OR claimed_until <= ?)";
        deleteOutbox = "DELETE FROM " + out + " WHERE notification_id = ?";

        tables = new String[] {out, reg, p + "ledger_counter", p + "ledger", p + "event"};
    }
}
