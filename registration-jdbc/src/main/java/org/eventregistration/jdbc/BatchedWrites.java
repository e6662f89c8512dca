package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Notification;

/**
 * A unit of work's writes as JDBC batches, one per statement, on a database that takes one
 * statement at a time (MariaDB, H2), or for registrations a read must see before the unit of work
 * ends ({@link StagedWrites#sendInserts}). PostgreSQL sends them in one round trip instead.
 */
final class BatchedWrites {
    private BatchedWrites() {}

    /** Inserts registrations, in order, as one batch. */
    static void registrations(Connection c, Sql sql, Collection<Registration> inserts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql.insertRegistration)) {
            for (Registration r : inserts) {
                RegistrationRows.bind(ps, r);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Inserts outbox rows, in order, as one batch; nothing if there are none. */
    static void notifications(Connection c, Sql sql, List<Notification> outbox) throws SQLException {
        if (outbox.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql.insertOutbox)) {
            for (Notification n : outbox) {
                ps.setString(1, n.id());
                ps.setString(2, n.kind().name());
                ps.setString(3, n.eventId().value());
                ps.setString(4, n.registrationId().value());
                ps.setObject(5, Columns.utc(n.occurredAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes a ledger changed under its lock: the counters that changed, then its row, checked at
     * the version it was locked at.
     */
    static void ledger(Connection c, Sql sql, Ledger locked, Ledger ledger) throws SQLException {
        String eventId = ledger.eventId().value();
        CounterChanges changes = CounterChanges.between(locked, ledger);
        List<String> keys = changes.setKeys();
        if (keys.size() > changes.newKeys().size()) {
            try (PreparedStatement ps = c.prepareStatement(sql.updateCounter)) {
                for (int i = 0; i < keys.size(); i++) {
                    if (!changes.newKeys().contains(keys.get(i))) {
                        ps.setInt(1, changes.setTaken().get(i));
                        ps.setString(2, eventId);
                        ps.setString(3, keys.get(i));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (!changes.newKeys().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(sql.insertCounter)) {
                for (int i = 0; i < keys.size(); i++) {
                    if (changes.newKeys().contains(keys.get(i))) {
                        ps.setString(1, eventId);
                        ps.setString(2, keys.get(i));
                        ps.setInt(3, changes.setTaken().get(i));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
        }
        if (!changes.deleted().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(sql.deleteCounter)) {
                for (String k : changes.deleted()) {
                    ps.setString(1, eventId);
                    ps.setString(2, k);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql.updateLedger)) {
            ps.setLong(1, ledger.version());
            ps.setLong(2, ledger.waitlistTail());
            ps.setInt(3, ledger.waitingCount());
            ps.setString(4, eventId);
            ps.setLong(5, locked.version());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("the ledger of event " + eventId + " changed under its lock");
            }
        }
    }
}
