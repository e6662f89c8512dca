package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.spi.DuplicateRegistrationException;
import org.eventregistration.spi.EventState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Saves event definitions in the event table (with the event's ledger row, when the event is new)
 * and reads them back, decoding a stored definition only when its text differs from the one
 * decoded last (a cache checked against the stored text on every read).
 */
final class EventRows {
    private static final Logger log = LoggerFactory.getLogger(JdbcRegistrationStore.class);

    private final Sql sql;
    private final EventCodec codec;
    private final Transactions transactions;
    private final Clock clock;
    private final ConcurrentHashMap<EventId, Decoded> decoded = new ConcurrentHashMap<>();

    /**
     * A definition decoded last: its text, the event, and on PostgreSQL the version of its row
     * ({@code xmin}) when {@link #findState} read it outside a transaction (committed, so no other
     * visible version of the row has the same {@code xmin}; null if not known). A later read of
     * the public counts leaves the definition out while the row is at that version.
     */
    private record Decoded(String stored, Event event, String rowVersion) {}

    EventRows(Sql sql, EventCodec codec, Transactions transactions, Clock clock) {
        this.sql = sql;
        this.codec = codec;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Saves a definition; for a new event also its ledger.
     *
     * @return on PostgreSQL, for a new event, the version of its row ({@code xmin}) as committed:
     *     the state a unit of work may start from ({@link UnitsOfWork#created}); otherwise null
     */
    String save(Event event) {
        String definition = codec.encode(event); // fails before touching the database
        SqlWork<String> save = c -> {
            Instant now = clock.instant();
            boolean exists;
            // Lock the ledger row first, the same order as a unit of work: a definition does not
            // change under a running unit of work.
            try (PreparedStatement ps = c.prepareStatement(sql.ledgerExists)) {
                ps.setString(1, event.id().value());
                try (ResultSet rs = ps.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (exists) {
                write(c, sql.updateEvent, event, definition, now);
            } else {
                write(c, sql.insertEvent, event, definition, now);
                try (PreparedStatement ps = c.prepareStatement(sql.insertLedger)) {
                    ps.setString(1, event.id().value());
                    ps.executeUpdate();
                }
                if (sql.eventRowVersion != null) {
                    try (PreparedStatement ps = c.prepareStatement(sql.eventRowVersion)) {
                        ps.setString(1, event.id().value());
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? rs.getString(1) : null;
                        }
                    }
                }
            }
            return null;
        };
        String created;
        try {
            created = transactions.run("saveEvent", event.id(), true, save);
        } catch (DuplicateRegistrationException firstSaveRace) {
            // Another node created the same new event at the same moment: now it exists, update it.
            created = transactions.run("saveEvent", event.id(), true, save);
        }
        decoded.put(event.id(), new Decoded(definition, event, null));
        log.debug("event saved: event={}", event.id());
        return created;
    }

    /** Replaces a definition inside a unit of work that holds the event's ledger lock. */
    void update(Connection c, Event event) throws SQLException {
        write(c, sql.updateEvent, event, codec.encode(event), clock.instant());
    }

    private static void write(Connection c, String statement, Event event, String definition, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            ps.setObject(1, Columns.utc(event.start().toInstant()));
            ps.setString(2, definition);
            ps.setObject(3, Columns.utc(now));
            // The relational columns of schema version 10: copies of what the definition holds.
            ps.setString(4, event.organiser().value());
            ps.setObject(5, Columns.utc(event.end().toInstant()));
            ps.setString(6, state(event));
            ps.setString(7, title(event));
            ps.setString(8, event.id().value());
            ps.executeUpdate();
        }
    }

    /** The {@code state} column: {@code CANCELLED} once cancelled, else {@code ACTIVE}. */
    static String state(Event event) {
        return event.isCancelled() ? "CANCELLED" : "ACTIVE";
    }

    /** The {@code title} column: the bokmål title (or the first there is), at most 1000 characters. */
    static String title(Event event) {
        java.util.Map<String, String> texts = event.title().texts();
        String title =
                texts.getOrDefault("nb", texts.values().stream().findFirst().orElse(""));
        return ParticipantColumn.cut(title, 1000);
    }

    /** Reads an event in a read of its own. */
    Optional<Event> find(EventId id) {
        return transactions.run("findEvent", id, false, c -> load(c, id));
    }

    /**
     * An event with its ledger, in one statement ({@link Sql#eventState}): the definition's row,
     * then a row per counter.
     */
    Optional<EventState> findState(EventId id) {
        return transactions.run("findEventState", id, false, c -> {
            boolean since = sql.eventStateSince != null;
            // Only a read of committed rows may start from what an earlier read found: in a
            // transaction, two versions of the row written by it would have the same xmin.
            boolean committedOnly = since && c.getAutoCommit();
            Decoded known = committedOnly ? decoded.get(id) : null;
            try (PreparedStatement ps = c.prepareStatement(since ? sql.eventStateSince : sql.eventState)) {
                int p = 1;
                if (since) {
                    ps.setString(p++, known == null ? null : known.rowVersion()); // null: never equal
                }
                ps.setString(p++, id.value());
                ps.setString(p, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    String definition = null;
                    String rowVersion = null;
                    boolean found = false;
                    long version = 0;
                    long tail = 0;
                    int waiting = 0;
                    Map<CounterKey, Integer> taken = new TreeMap<>();
                    while (rs.next()) {
                        String counter = rs.getString(5);
                        if (counter == null) {
                            found = true;
                            definition = rs.getString(1);
                            version = rs.getLong(2);
                            tail = rs.getLong(3);
                            waiting = rs.getInt(4);
                            rowVersion = since ? rs.getString(7) : null;
                        } else {
                            taken.put(new CounterKey(counter), rs.getInt(6));
                        }
                    }
                    if (!found) {
                        return Optional.empty();
                    }
                    Event event;
                    if (definition != null) {
                        event = decode(id, definition, committedOnly ? rowVersion : null);
                    } else if (known != null && rowVersion != null && rowVersion.equals(known.rowVersion())) {
                        event = known.event(); // the row is at the version read last: left out
                    } else {
                        throw new SQLException("event " + id + " has no definition");
                    }
                    return Optional.of(new EventState(event, new Ledger(id, version, taken, tail, waiting)));
                }
            }
        });
    }

    /** Reads an event on a connection, in whatever transaction it is in. */
    Optional<Event> load(Connection c, EventId id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.eventDefinition)) {
            ps.setString(1, id.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(decode(id, rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The event of a stored definition; decoded again only if the text changed since the last time. */
    Event decode(EventId id, String stored) {
        return decode(id, stored, null);
    }

    /** {@link #decode(EventId, String)}, remembering the row's version if known (not null). */
    private Event decode(EventId id, String stored, String rowVersion) {
        Decoded cached = decoded.get(id);
        if (cached != null && cached.stored.equals(stored)) {
            if (rowVersion != null && !rowVersion.equals(cached.rowVersion)) {
                decoded.put(id, new Decoded(stored, cached.event, rowVersion));
            }
            return cached.event;
        }
        Event event = codec.decode(stored);
        decoded.put(id, new Decoded(stored, event, rowVersion));
        return event;
    }

    /** The events of one organiser, by start time, through the organiser_id column (schema version 10). */
    List<Event> findOfOrganiser(org.eventregistration.event.OrganiserId organiser) {
        return transactions.run("findEventsOfOrganiser", null, false, c -> {
            List<Event> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.eventsOfOrganiser)) {
                ps.setString(1, organiser.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Event event = decode(EventId.of(rs.getString(1)), rs.getString(2));
                        if (event.organiser().equals(organiser)) {
                            result.add(event);
                        }
                    }
                }
            }
            return result;
        });
    }

    /** The events the retention run has not marked done, by start time; the done ones are not read. */
    List<Event> findForRetention() {
        return list("findEventsForRetention", sql.eventsForRetention);
    }

    /** Marks an event's personal data removed (schema version 10's retention_done_at). */
    void retentionDone(EventId id, Instant at) {
        transactions.run("retentionDone", id, true, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.retentionDone)) {
                ps.setObject(1, Columns.utc(at));
                ps.setString(2, id.value());
                ps.executeUpdate();
            }
            return null;
        });
    }

    List<Event> findAll() {
        return list("findEvents", sql.allEvents);
    }

    private List<Event> list(String operation, String statement) {
        return transactions.run(operation, null, false, c -> {
            List<Event> result = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(statement);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(decode(EventId.of(rs.getString(1)), rs.getString(2)));
                }
            }
            return result;
        });
    }
}
