package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.EventId;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;

/**
 * Writes and reads the audit log, and finds registrations by e-mail for access and erasure
 * requests (schema version 3), and registrations by the address of the colleague they offer their
 * seat to (schema version 12), apart from the registration hot path.
 *
 * <p>The {@code email} column is written with every registration (the placeholder address once it
 * is anonymised). Rows written before version 3 have none: {@link #fillEmails} copies the address
 * out of their data before a lookup by e-mail finds them; afterwards it finds nothing to do.
 */
final class JdbcPrivacy {
    private static final int FILL_BATCH = 500;

    private final String insertAudit;
    private final String auditOfEvent;
    private final String auditOfOrganiser;
    private final String missingEmails;
    private final String fillEmail;
    private final String byEmail;
    private final String byHandoverEmail;
    private final Transactions transactions;

    JdbcPrivacy(String prefix, Dialect dialect, Transactions transactions) {
        this.transactions = transactions;
        String audit = prefix + "audit";
        String reg = prefix + "registration";
        insertAudit = "INSERT INTO " + audit
                + " (occurred_at, actor_kind, actor_id, organiser_id, audit_action, event_id, registration_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        auditOfEvent =
                "SELECT occurred_at, actor_kind, actor_id, organiser_id, audit_action, event_id, registration_id FROM "
                        + audit + " WHERE event_id = ? ORDER BY seq";
        // Entries about no single event (schema version 6): look-ups that found nothing.
        auditOfOrganiser =
                "SELECT occurred_at, actor_kind, actor_id, organiser_id, audit_action, event_id, registration_id FROM "
                        + audit + " WHERE organiser_id = ? AND event_id IS NULL ORDER BY seq";
        missingEmails =
                "SELECT registration_id, data FROM " + reg + " WHERE email IS NULL ORDER BY seq" + dialect.limit();
        fillEmail = "UPDATE " + reg + " SET email = ? WHERE registration_id = ? AND email IS NULL";
        byEmail = "SELECT data FROM " + reg + " WHERE email = ? ORDER BY seq";
        // Schema version 12: the colleague's address on an offered seat (a partial index on PostgreSQL).
        byHandoverEmail =
                "SELECT data FROM " + reg + " WHERE handover_email IS NOT NULL AND handover_email = ? ORDER BY seq";
    }

    /** Every registration with this address, first filling the column for rows written before version 3. */
    List<Registration> findByEmail(String normalizedEmail) {
        transactions.run("fillEmails", null, false, c -> {
            fillEmails(c);
            return null;
        });
        return transactions.run("findRegistrationsByEmail", null, false, c -> byEmail(c, normalizedEmail));
    }

    /** Every registration whose offer to a colleague names this address (schema version 12). */
    List<Registration> findByHandoverEmail(String normalizedEmail) {
        return transactions.run("findHandoversByEmail", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(byHandoverEmail)) {
                ps.setString(1, normalizedEmail);
                // The JSON decides: a node of version 11 may have removed the offer and left the columns.
                return RegistrationRows.list(ps).stream()
                        .filter(r -> r.handover()
                                .filter(h -> h.normalizedEmail().equals(normalizedEmail))
                                .isPresent())
                        .toList();
            }
        });
    }

    /** Appends an audit entry in a transaction of its own (or the caller's). */
    void append(AuditEntry entry) {
        transactions.run("appendAudit", entry.eventId().orElse(null), true, c -> {
            insertAudit(c, entry);
            return null;
        });
    }

    /** The audit log of an event, oldest first. */
    List<AuditEntry> findAudit(EventId eventId) {
        return transactions.run("findAudit", eventId, false, c -> audit(c, auditOfEvent, eventId.value()));
    }

    /** An organiser's entries about no single event, oldest first. */
    List<AuditEntry> findOrganiserAudit(OrganiserId organiser) {
        return transactions.run("findOrganiserAudit", null, false, c -> audit(c, auditOfOrganiser, organiser.value()));
    }

    /** Writes an audit entry on a connection, in whatever transaction it is in (a unit of work's). */
    void insertAudit(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insertAudit)) {
            ps.setObject(1, Columns.utc(e.at()));
            ps.setString(2, e.actor().kind().name());
            ps.setString(3, e.actor().id());
            ps.setString(4, e.organiser().value());
            ps.setString(5, e.action().name());
            if (e.eventId().isPresent()) {
                ps.setString(6, e.eventId().get().value());
            } else {
                ps.setNull(6, Types.VARCHAR);
            }
            if (e.registrationId().isPresent()) {
                ps.setString(7, e.registrationId().get().value());
            } else {
                ps.setNull(7, Types.VARCHAR);
            }
            ps.executeUpdate();
        }
    }

    private List<AuditEntry> audit(Connection c, String sql, String key) throws SQLException {
        List<AuditEntry> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = Columns.instant(rs, 1);
                    Actor actor = new Actor(Actor.Kind.valueOf(rs.getString(2)), rs.getString(3));
                    OrganiserId organiser = OrganiserId.of(rs.getString(4));
                    AuditAction action = AuditAction.valueOf(rs.getString(5));
                    String event = rs.getString(6);
                    String registration = rs.getString(7);
                    if (event == null) {
                        result.add(AuditEntry.ofOrganiser(at, actor, organiser, action));
                    } else if (registration == null) {
                        result.add(AuditEntry.of(at, actor, organiser, action, EventId.of(event)));
                    } else {
                        result.add(AuditEntry.of(
                                at, actor, organiser, action, EventId.of(event), RegistrationId.of(registration)));
                    }
                }
            }
        }
        return result;
    }

    /**
     * Copies the normalized e-mail out of the data of every registration that has none in the
     * column yet. Each update stands alone (the connection is in auto-commit): no lock is held
     * across rows, so it cannot deadlock with units of work.
     */
    private void fillEmails(Connection c) throws SQLException {
        while (true) {
            List<String[]> missing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(missingEmails)) {
                ps.setInt(1, FILL_BATCH);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        missing.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(fillEmail)) {
                for (String[] row : missing) {
                    ps.setString(1, RegistrationCodec.decode(row[1]).attendee().normalizedEmail());
                    ps.setString(2, row[0]);
                    ps.executeUpdate();
                }
            }
            if (missing.size() < FILL_BATCH) {
                return;
            }
        }
    }

    private List<Registration> byEmail(Connection c, String normalizedEmail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(byEmail)) {
            ps.setString(1, normalizedEmail);
            return RegistrationRows.list(ps);
        }
    }
}
