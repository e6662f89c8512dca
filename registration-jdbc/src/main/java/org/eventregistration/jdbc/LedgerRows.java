package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.registration.Registration;

/**
 * Locks an event's ledger row when a unit of work starts and reads the ledger, its counters and
 * the event definition under that lock, in as few round trips as the database allows; and reads a
 * ledger outside a unit of work.
 */
final class LedgerRows {
    private final Sql sql;
    private final EventRows events;
    private final Transactions transactions;

    /**
     * What a unit of work reads under the lock before anything else.
     *
     * @param eventRow the version of the event's row (PostgreSQL's {@code xmin}) the definition was
     *     read from; null where not read
     */
    record Locked(Event event, Ledger ledger, String eventRow) {
        Locked(Event event, Ledger ledger) {
            this(event, ledger, null);
        }
    }

    LedgerRows(Sql sql, EventRows events, Transactions transactions) {
        this.sql = sql;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Locks the ledger row (one statement), then reads the counters and the event definition (one
     * more). The second statement runs after the lock is granted, so it sees what the previous
     * holder of the lock committed (a single statement joining the locked row would read the other
     * tables from a snapshot taken before waiting for the lock).
     */
    Locked lock(Connection c, EventId eventId, boolean lockingReads) throws SQLException {
        long version;
        long tail;
        int waiting;
        try (PreparedStatement ps = c.prepareStatement(sql.lockLedger)) {
            ps.setString(1, eventId.value());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new EventNotFoundException(eventId);
                }
                version = rs.getLong(1);
                tail = rs.getLong(2);
                waiting = rs.getInt(3);
            }
        }
        Map<CounterKey, Integer> taken = new TreeMap<>();
        Event event;
        if (lockingReads) {
            // The counters need a locking read here, which cannot be part of a UNION.
            try (PreparedStatement ps = c.prepareStatement(sql.countersLocking)) {
                ps.setString(1, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.put(new CounterKey(rs.getString(1)), rs.getInt(2));
                    }
                }
            }
            event = events.load(c, eventId).orElseThrow(() -> new EventNotFoundException(eventId));
        } else {
            String stored;
            try (PreparedStatement ps = c.prepareStatement(sql.countersAndDefinition)) {
                ps.setString(1, eventId.value());
                ps.setString(2, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    stored = readCountersAndDefinition(rs, eventId, taken, null);
                }
            }
            event = events.decode(eventId, stored);
        }
        return new Locked(event, new Ledger(eventId, version, taken, tail, waiting));
    }

    /**
     * {@link #lock} with both statements sent together (PostgreSQL); each still runs on a fresh
     * snapshot taken after the lock was granted. With e-mail addresses, a third statement in the
     * same round trip reads the event's active registrations with them into {@code found}.
     */
    Locked lockInOneRoundTrip(Connection c, EventId eventId, List<String> emails, List<Registration> found)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(emails.isEmpty() ? sql.lockAndRead : sql.lockReadAndLookUp)) {
            ps.setString(1, eventId.value());
            ps.setString(2, eventId.value());
            ps.setString(3, eventId.value());
            if (!emails.isEmpty()) {
                ps.setString(4, eventId.value());
                sql.arrays.setStrings(ps, 5, emails);
            }
            if (!ps.execute()) {
                throw new IllegalStateException("the ledger lock returned no result set");
            }
            long version;
            long tail;
            int waiting;
            try (ResultSet rs = ps.getResultSet()) {
                if (!rs.next()) {
                    throw new EventNotFoundException(eventId);
                }
                version = rs.getLong(1);
                tail = rs.getLong(2);
                waiting = rs.getInt(3);
            }
            if (!ps.getMoreResults()) {
                throw new IllegalStateException("the ledger read returned no result set");
            }
            Map<CounterKey, Integer> taken = new TreeMap<>();
            String definition;
            String[] eventRow = new String[1];
            try (ResultSet rs = ps.getResultSet()) {
                definition = readCountersAndDefinition(rs, eventId, taken, eventRow);
            }
            if (!emails.isEmpty()) {
                if (!ps.getMoreResults()) {
                    throw new IllegalStateException("the e-mail look-up returned no result set");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        found.add(RegistrationCodec.decode(rs.getString(1)));
                    }
                }
            }
            return new Locked(
                    events.decode(eventId, definition),
                    new Ledger(eventId, version, taken, tail, waiting),
                    eventRow[0]);
        }
    }

    /**
     * Reads the rows of {@code countersAndDefinition}: counter rows (key, taken) into {@code taken},
     * and the one row without a key, which carries the event definition (and, with {@code eventRow},
     * the version of its row in a fourth column).
     */
    private static String readCountersAndDefinition(
            ResultSet rs, EventId eventId, Map<CounterKey, Integer> taken, String[] eventRow) throws SQLException {
        String definition = null;
        while (rs.next()) {
            String key = rs.getString(1);
            if (key != null) {
                taken.put(new CounterKey(key), rs.getInt(2));
            } else {
                definition = rs.getString(3);
                if (eventRow != null) {
                    eventRow[0] = rs.getString(4);
                }
            }
        }
        if (definition == null) {
            throw new EventNotFoundException(eventId);
        }
        return definition;
    }

    /** The ledger outside a unit of work: one statement, so the version and the counters come from one snapshot. */
    Optional<Ledger> find(EventId eventId) {
        return transactions.run("findLedger", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.ledgerWithCounters)) {
                ps.setString(1, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long version = rs.getLong(1);
                    long tail = rs.getLong(2);
                    int waiting = rs.getInt(3);
                    Map<CounterKey, Integer> taken = new TreeMap<>();
                    do {
                        String key = rs.getString(4);
                        if (key != null) {
                            taken.put(new CounterKey(key), rs.getInt(5));
                        }
                    } while (rs.next());
                    return Optional.of(new Ledger(eventId, version, taken, tail, waiting));
                }
            }
        });
    }
}
