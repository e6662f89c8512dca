package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 10: fills the relational columns of the event and registration tables from the
 * JSON they hold (and the {@code email} column of rows from before version 3), and gives H2 (which has no JSON functions) what its views need. Called by the
 * migrations {@code V10__Relational_columns} of each database and by the H2 views; <b>not API</b>:
 * only the method names that H2 views refer to stay as they are.
 *
 * <p><b>If you run the migrations yourself</b> (no Flyway), run the DDL of version 10 (see the
 * module's README) and then {@code StoredColumns.fill(connection, prefix)} in a transaction of your
 * own. Running it again changes nothing.
 */
public final class StoredColumns {
    private static final Logger log = LoggerFactory.getLogger(StoredColumns.class);
    private static final Pattern PREFIX = Pattern.compile("([a-z][a-z0-9_]{0,20})?");
    private static final int BATCH = 500;

    private StoredColumns() {}

    /**
     * Fills the version-10 columns of every row that has none yet (rows written before version 10,
     * or since by a node of an earlier version), in batches of {@value #BATCH} rows; does not commit.
     *
     * @param tablePrefix the store's table prefix (may be empty)
     * @return how many rows were filled
     * @throws SQLException if the database fails; the caller rolls back
     */
    public static int fill(Connection c, String tablePrefix) throws SQLException {
        String prefix = checkPrefix(tablePrefix);
        int registrations = fillRegistrations(c, prefix);
        int events = fillEvents(c, prefix);
        log.info("relational columns filled: prefix={} registrations={} events={}", prefix, registrations, events);
        return registrations + events;
    }

    private static int fillRegistrations(Connection c, String p) throws SQLException {
        String select = "SELECT seq, data FROM " + p + "registration WHERE full_name IS NULL AND seq > ? ORDER BY seq"
                + " LIMIT " + BATCH;
        // Rows from before version 3 have no e-mail column yet either (it was filled on first look-up).
        String update = "UPDATE " + p + "registration SET "
                + ParticipantColumn.assignments(10).substring(2) + ", email = COALESCE(email, ?) WHERE seq = ?";
        return eachRegistration(c, select, update, (ps, r, seq) -> {
            int next = ParticipantColumn.bind(ps, 1, r, 10);
            ps.setString(next, r.attendee().normalizedEmail());
            ps.setLong(next + 1, seq);
        });
    }

    /** Binds one row's update from its registration and seq. */
    @FunctionalInterface
    private interface RowUpdate {
        void bind(PreparedStatement ps, Registration r, long seq) throws SQLException;
    }

    /**
     * Runs {@code update} for every registration {@code select} finds ({@code SELECT seq, data ...
     * AND seq > ? ORDER BY seq LIMIT} one batch), a batch at a time, each row bound by {@code
     * bind}; returns how many rows it updated.
     */
    private static int eachRegistration(Connection c, String select, String update, RowUpdate bind)
            throws SQLException {
        long after = Long.MIN_VALUE;
        int updated = 0;
        while (true) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setLong(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return updated;
            }
            try (PreparedStatement ps = c.prepareStatement(update)) {
                for (Object[] row : rows) {
                    bind.bind(ps, RegistrationCodec.decode((String) row[1]), (Long) row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            updated += rows.size();
            after = (Long) rows.get(rows.size() - 1)[0];
        }
    }

    /**
     * Schema version 12: fills the hand-over columns ({@code handover_expires_at}, {@code
     * handover_email}) of every row whose JSON holds an offer to a colleague and whose columns are
     * empty (rows written before version 12, or since by a node of an earlier version), in batches
     * of {@value #BATCH} rows, and clears them where the JSON no longer holds one (a node of an
     * earlier version removed it); does not commit. Only confirmed registrations can hold an
     * offer. Running it again changes nothing.
     *
     * @param tablePrefix the store's table prefix (may be empty)
     * @return how many rows were filled or cleared
     * @throws SQLException if the database fails; the caller rolls back
     */
    public static int fillHandovers(Connection c, String tablePrefix) throws SQLException {
        String p = checkPrefix(tablePrefix);
        String select = "SELECT seq, data FROM " + p + "registration WHERE status = 'CONFIRMED'"
                + " AND handover_expires_at IS NULL AND data LIKE '%\"handover\":{%' AND seq > ? ORDER BY seq"
                + " LIMIT " + BATCH;
        String update = "UPDATE " + p + "registration SET handover_expires_at = ?, handover_email = ? WHERE seq = ?";
        int filled = eachRegistration(c, select, update, (ps, r, seq) -> {
            Columns.setTimestamp(
                    ps, 1, Optional.ofNullable((java.time.Instant) ParticipantColumn.HANDOVER_EXPIRES_AT.value(r)));
            Columns.setString(ps, 2, (String) ParticipantColumn.HANDOVER_EMAIL.value(r));
            ps.setLong(3, seq);
        });
        int cleared = clearStaleHandovers(c, p);
        log.info("hand-over columns filled: prefix={} registrations={} cleared={}", p, filled, cleared);
        return filled + cleared;
    }

    /**
     * Clears the hand-over columns of rows whose JSON no longer holds an offer (a node of version
     * 11 removed it during a rolling upgrade and left the columns as they were).
     */
    private static int clearStaleHandovers(Connection c, String p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + p + "registration SET handover_expires_at = NULL,"
                + " handover_email = NULL WHERE handover_expires_at IS NOT NULL AND (status <> 'CONFIRMED'"
                + " OR data NOT LIKE '%\"handover\":{%')")) {
            return ps.executeUpdate();
        }
    }

    /**
     * Events are read as JSON, not decoded into events: a definition with a custom eligibility rule
     * needs the rule's code, which the migration does not have.
     */
    private static int fillEvents(Connection c, String p) throws SQLException {
        String select = "SELECT event_id, definition FROM " + p + "event WHERE organiser_id IS NULL AND event_id > ?"
                + " ORDER BY event_id LIMIT " + BATCH;
        String update =
                "UPDATE " + p + "event SET organiser_id = ?, ends_at = ?, state = ?, title = ? WHERE event_id = ?";
        String after = "";
        int filled = 0;
        while (true) {
            List<String[]> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setString(1, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            if (rows.isEmpty()) {
                return filled;
            }
            try (PreparedStatement ps = c.prepareStatement(update)) {
                for (String[] row : rows) {
                    JsonObject o = JsonObject.parse(row[1], "event");
                    ps.setString(1, o.has("organiser") ? o.string("organiser") : OrganiserId.DEFAULT.value());
                    ps.setObject(
                            2, Columns.utc(ZonedDateTime.parse(o.string("end")).toInstant()));
                    ps.setString(3, o.has("cancelledAt") ? "CANCELLED" : "ACTIVE");
                    Map<String, String> title = o.stringMap("title");
                    String text = title.getOrDefault(
                            "nb", title.values().stream().findFirst().orElse(""));
                    ps.setString(4, ParticipantColumn.cut(text, 1000));
                    ps.setString(5, row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            filled += rows.size();
            after = rows.get(rows.size() - 1)[0];
        }
    }

    // ------------------------------------------------------------------ H2's views (H2 has no JSON functions)

    /**
     * H2 function {@code <prefix>attendee_text(data, field)}: a text field of the attendee in a
     * registration's JSON ({@code name}, {@code email}, {@code organisationName}, ...), or null.
     */
    public static String attendeeText(String data, String field) {
        if (data == null || field == null) {
            return null;
        }
        JsonObject a = JsonObject.parse(data, "registration").object("attendee");
        return a.has(field) ? a.optString(field) : null;
    }

    /**
     * H2 table function {@code <prefix>session_rows(prefix)}: one row (registration_id, event_id,
     * session_id) per session chosen in each registration.
     */
    public static ResultSet sessionRows(Connection c, String tablePrefix) throws SQLException {
        CachedRowSet out = rowSet("REGISTRATION_ID", "EVENT_ID", "SESSION_ID");
        if (!isColumnList(c)) {
            String prefix = checkPrefix(tablePrefix);
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT registration_id, event_id, data FROM " + prefix + "registration ORDER BY seq");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (Object session :
                            JsonObject.parse(rs.getString(3), "registration").list("sessions")) {
                        addRow(out, rs.getString(1), rs.getString(2), (String) session);
                    }
                }
            }
        }
        out.beforeFirst();
        return out;
    }

    /**
     * H2 table function {@code <prefix>answer_rows(prefix)}: one row (registration_id, event_id,
     * question_id, answer) per answer kept in each registration.
     */
    public static ResultSet answerRows(Connection c, String tablePrefix) throws SQLException {
        CachedRowSet out = rowSet("REGISTRATION_ID", "EVENT_ID", "QUESTION_ID", "ANSWER");
        if (!isColumnList(c)) {
            String prefix = checkPrefix(tablePrefix);
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT registration_id, event_id, data FROM " + prefix + "registration ORDER BY seq");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> answers =
                            JsonObject.parse(rs.getString(3), "registration").stringMap("answers");
                    for (Map.Entry<String, String> a : answers.entrySet()) {
                        addRow(out, rs.getString(1), rs.getString(2), a.getKey(), a.getValue());
                    }
                }
            }
        }
        out.beforeFirst();
        return out;
    }

    /** H2 asks a table function for its columns with a connection of this URL. */
    private static boolean isColumnList(Connection c) throws SQLException {
        return "jdbc:columnlist:connection".equals(c.getMetaData().getURL());
    }

    private static CachedRowSet rowSet(String... columns) throws SQLException {
        CachedRowSet out = RowSetProvider.newFactory().createCachedRowSet();
        RowSetMetaDataImpl md = new RowSetMetaDataImpl();
        md.setColumnCount(columns.length);
        for (int i = 0; i < columns.length; i++) {
            md.setColumnName(i + 1, columns[i]);
            md.setColumnLabel(i + 1, columns[i]);
            md.setColumnType(i + 1, Types.VARCHAR);
            md.setPrecision(i + 1, columns[i].equals("ANSWER") ? 100_000 : 200);
            md.setNullable(i + 1, java.sql.ResultSetMetaData.columnNullable);
        }
        out.setMetaData(md);
        return out;
    }

    private static void addRow(CachedRowSet out, String... values) throws SQLException {
        out.moveToInsertRow();
        for (int i = 0; i < values.length; i++) {
            out.updateString(i + 1, values[i]);
        }
        out.insertRow();
        out.moveToCurrentRow();
    }

    private static String checkPrefix(String tablePrefix) {
        if (!PREFIX.matcher(Objects.requireNonNull(tablePrefix, "tablePrefix")).matches()) {
            throw new IllegalArgumentException("not a table prefix: '" + tablePrefix + "'");
        }
        return tablePrefix;
    }
}
