package org.eventregistration.jdbc.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.eventregistration.attendee.Attendee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 9: rewrites the stored comparison keys of e-mail addresses (the {@code
 * active_email} and {@code email} columns of the registration table) with {@link
 * Attendee#normalizeEmail}, which now applies Unicode NFKC before trimming and lower-casing. The
 * databases have no NFKC that matches Java's (H2 and MariaDB none at all), so this step is Java;
 * Flyway runs it as {@code V9__Normalise_email_addresses} from each database's migration location.
 *
 * <p><b>If you run the SQL scripts yourself</b>, run this step after version 8, in a transaction
 * of your own: {@code StoredEmails.normalise(connection, prefix); connection.commit();}, then
 * record version 9 in your history. Running it again changes nothing.
 *
 * <p>Two active registrations of one event whose addresses become equal would break the unique
 * key (event, active address): the oldest (by creation time, then insertion order) keeps the key,
 * the newer ones keep their place, status and address but lose the key (NULL), so that a look-up
 * by the address finds the oldest. Such a newer registration cannot be moved to another active
 * status (the store would give it the key again) until one of the two has ended: cancel one. Their
 * registration ids are logged at WARN. Not API: the class may change in any release.
 */
public final class StoredEmails {
    private static final Logger log = LoggerFactory.getLogger(StoredEmails.class);
    private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,20})?");

    private StoredEmails() {}

    /**
     * Normalises the stored addresses of every event, one event at a time; does not commit.
     *
     * @param tablePrefix the store's table prefix (may be empty)
     * @return how many rows changed
     * @throws SQLException if the database fails; the caller rolls back
     */
    public static int normalise(Connection c, String tablePrefix) throws SQLException {
        Objects.requireNonNull(c, "connection");
        if (!PREFIX.matcher(Objects.requireNonNull(tablePrefix, "tablePrefix")).matches()) {
            throw new IllegalArgumentException("not a table prefix: '" + tablePrefix + "'");
        }
        String table = tablePrefix + "registration";
        List<String> events = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT event_id FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                events.add(rs.getString(1));
            }
        }
        int changed = 0;
        for (String event : events) {
            changed += normaliseEvent(c, table, event);
        }
        log.info(
                "stored e-mail addresses normalised: table={} events={} rowsChanged={}", table, events.size(), changed);
        return changed;
    }

    private record Row(String id, String activeEmail, String email) {}

    private static int normaliseEvent(Connection c, String table, String event) throws SQLException {
        List<Row> changes = new ArrayList<>();
        Set<String> activeKeys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT registration_id, active_email, email FROM " + table
                + " WHERE event_id = ? AND (active_email IS NOT NULL OR email IS NOT NULL)"
                + " ORDER BY created_at, seq")) {
            ps.setString(1, event);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String active = rs.getString(2);
                    String email = rs.getString(3);
                    String newActive = active == null ? null : Attendee.normalizeEmail(active);
                    if (newActive != null && !activeKeys.add(newActive)) {
                        log.warn(
                                "two active registrations of one event have the same normalised address; the newer"
                                        + " loses its key: event={} registration={}",
                                event,
                                id);
                        newActive = null;
                    }
                    String newEmail = email == null ? null : Attendee.normalizeEmail(email);
                    if (!Objects.equals(active, newActive) || !Objects.equals(email, newEmail)) {
                        changes.add(new Row(id, newActive, newEmail));
                    }
                }
            }
        }
        if (changes.isEmpty()) {
            return 0;
        }
        // Free every changing key first: a row may take the key another row gives up.
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE " + table + " SET active_email = NULL WHERE registration_id = ?")) {
            for (Row r : changes) {
                ps.setString(1, r.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE " + table + " SET active_email = ?, email = ? WHERE registration_id = ?")) {
            for (Row r : changes) {
                ps.setString(1, r.activeEmail());
                ps.setString(2, r.email());
                ps.setString(3, r.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return changes.size();
    }
}
