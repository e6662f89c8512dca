package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Page;
import org.eventregistration.registration.ParticipantQuery;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;

/**
 * The organiser's participant list, paged in the database (schema version 10): filters on {@code
 * status} and, for a search, on {@code full_name}, {@code email}, {@code organisation_name} and
 * {@code organisation_number}; orders by them; counts with the same filter; and reads only the
 * page's rows. Names sort in the column's Norwegian collation on PostgreSQL and MariaDB; H2 has
 * none, so there the filtered rows are ordered by name in Java.
 *
 * <p>Rows that a node of an earlier version wrote after the migration have no columns yet (or,
 * if such a node anonymised a row, still the old ones): before reading, the list fills them from
 * the row's JSON, in a short transaction of its own. After every node runs this version there are
 * none left to fill.
 */
final class ParticipantPages {
    private static final char ESCAPE = '!';

    private final String table;
    private final Dialect dialect;
    private final Transactions transactions;
    private final String stale;
    private final String refill;

    ParticipantPages(String prefix, Dialect dialect, Transactions transactions) {
        this.table = prefix + "registration";
        this.dialect = dialect;
        this.transactions = transactions;
        // Served by the index on (event_id, full_name) for the rows without a name; the other rows
        // of the event are checked for an address an old node anonymised.
        String staleRow = "(full_name IS NULL OR (anonymised_at IS NULL AND email LIKE 'anonymised-%@invalid'))";
        this.stale = "SELECT registration_id, data FROM " + table + " WHERE event_id = ? AND " + staleRow;
        this.refill = "UPDATE " + table + " SET "
                + ParticipantColumn.assignments().substring(2) + " WHERE registration_id = ? AND " + staleRow;
    }

    Page<Registration> find(EventId eventId, ParticipantQuery query) {
        fillStale(eventId);
        return transactions.run("findRegistrationsPage", eventId, false, c -> page(c, eventId, query));
    }

    private void fillStale(EventId eventId) {
        List<String[]> rows = transactions.run("findStaleParticipantColumns", eventId, false, c -> {
            List<String[]> found = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(stale)) {
                ps.setString(1, eventId.value());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            return found;
        });
        if (rows.isEmpty()) {
            return;
        }
        transactions.run("fillParticipantColumns", eventId, true, c -> {
            // The WHERE repeats the test: a row a node of this version rewrote meanwhile is left alone.
            try (PreparedStatement ps = c.prepareStatement(refill)) {
                for (String[] row : rows) {
                    int next = ParticipantColumn.bind(ps, 1, RegistrationCodec.decode(row[1]));
                    ps.setString(next, row[0]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private Page<Registration> page(Connection c, EventId eventId, ParticipantQuery query) throws SQLException {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE event_id = ?");
        args.add(eventId.value());
        if (!query.statuses().isEmpty()) {
            where.append(" AND status IN (")
                    .append(String.join(
                            ", ", java.util.Collections.nCopies(query.statuses().size(), "?")))
                    .append(')');
            for (RegistrationStatus s : RegistrationStatus.values()) {
                if (query.statuses().contains(s)) {
                    args.add(s.name());
                }
            }
        }
        if (!query.search().isEmpty()) {
            String pattern = "%" + escape(query.search().toLowerCase(Locale.ROOT)) + "%";
            String like = " LIKE ? ESCAPE '" + ESCAPE + "'";
            where.append(" AND (LOWER(full_name)")
                    .append(like)
                    .append(" OR email")
                    .append(like)
                    .append(" OR LOWER(organisation_name)")
                    .append(like)
                    .append(" OR organisation_number")
                    .append(like)
                    .append(')');
            for (int i = 0; i < 4; i++) {
                args.add(pattern);
            }
        }
        if (query.sort() == ParticipantQuery.Sort.NAME && dialect == Dialect.H2) {
            // No Norwegian collation in H2: the filtered rows, oldest first, ordered in Java.
            try (PreparedStatement ps = c.prepareStatement("SELECT data FROM " + table + where + " ORDER BY seq")) {
                bind(ps, args);
                return query.apply(RegistrationRows.list(ps));
            }
        }
        int total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table + where)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
        }
        if (query.offset() >= total) {
            return new Page<>(List.of(), query.offset(), query.limit(), total);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT data FROM " + table + where + " ORDER BY " + order(query) + dialect.limitOffset())) {
            int next = bind(ps, args);
            ps.setInt(next, query.limit());
            ps.setInt(next + 1, query.offset());
            return new Page<>(RegistrationRows.list(ps), query.offset(), query.limit(), total);
        }
    }

    /** The ORDER BY of a query; every order ends with the insertion order (oldest first). */
    static String order(ParticipantQuery query) {
        String dir = query.descending() ? " DESC" : "";
        return switch (query.sort()) {
            case REGISTERED -> "seq" + dir;
            case NAME -> "full_name" + dir + ", seq";
            case STATUS -> {
                StringBuilder s = new StringBuilder("CASE status");
                for (RegistrationStatus status : RegistrationStatus.values()) {
                    s.append(" WHEN '").append(status.name()).append("' THEN ").append(status.ordinal());
                }
                yield s.append(" END").append(dir).append(", seq").toString();
            }
            case WAITING_POSITION ->
                "CASE WHEN status = 'WAITLISTED' THEN 0 ELSE 1 END" + dir
                        + ", CASE WHEN status = 'WAITLISTED' THEN waitlist_sequence ELSE 0 END" + dir + ", seq";
        };
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) {
            ps.setString(i++, (String) a);
        }
        return i;
    }

    /** The search text as plain text in a LIKE pattern. */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 4);
        for (char ch : text.toCharArray()) {
            if (ch == '%' || ch == '_' || ch == ESCAPE) {
                s.append(ESCAPE);
            }
            s.append(ch);
        }
        return s.toString();
    }
}
