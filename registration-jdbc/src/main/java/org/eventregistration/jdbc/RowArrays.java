package org.eventregistration.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Notification;

/**
 * Binds array parameters (PostgreSQL): rows as one array per column for the {@code unnest}
 * statements of {@link Sql} (a unit of work's several registrations or notifications, or those of
 * a group of units of work, {@link GroupCommit}), and the lists of the look-ups ({@code = ANY}).
 *
 * <p>pgjdbc takes a {@code String[]}, {@code Long[]} or {@code Integer[]} in {@code setObject} and
 * sends it in binary as {@code varchar[]}, {@code int8[]} or {@code int4[]}: one call per column.
 * Another driver gets the {@link java.sql.Array} of its connection's {@code createArrayOf}, which
 * on pgjdbc costs more (a look-up of the array type by name and an object per column: in a JFR
 * profile of 1,000 events at 16 threads, 459 samples against 339 for the same arrays). Which of
 * the two is decided from the driver's name the first time a store binds an array. One per store.
 */
final class RowArrays {
    /** pgjdbc's {@link java.sql.DatabaseMetaData#getDriverName()}. */
    private static final String PGJDBC = "PostgreSQL JDBC Driver";

    /** Null until the first array is bound. */
    private volatile Boolean direct;

    /** Binds {@code values} as a {@code varchar[]} parameter. */
    void set(PreparedStatement ps, int index, String[] values) throws SQLException {
        set(ps, index, "varchar", values);
    }

    /** Binds {@code values} as an {@code int8[]} parameter. */
    void set(PreparedStatement ps, int index, Long[] values) throws SQLException {
        set(ps, index, "int8", values);
    }

    /** Binds {@code values} as an {@code int4[]} parameter. */
    void set(PreparedStatement ps, int index, Integer[] values) throws SQLException {
        set(ps, index, "int4", values);
    }

    /** Binds a list of strings as a {@code varchar[]} parameter. */
    void setStrings(PreparedStatement ps, int index, List<String> values) throws SQLException {
        set(ps, index, values.toArray(String[]::new));
    }

    /** Binds a list of numbers as an {@code int4[]} parameter. */
    void setInts(PreparedStatement ps, int index, List<Integer> values) throws SQLException {
        set(ps, index, values.toArray(Integer[]::new));
    }

    private void set(PreparedStatement ps, int index, String type, Object[] values) throws SQLException {
        Boolean d = direct;
        if (d == null) {
            d = PGJDBC.equals(ps.getConnection().getMetaData().getDriverName());
            direct = d;
        }
        if (d) {
            ps.setObject(index, values);
        } else {
            ps.setArray(index, ps.getConnection().createArrayOf(type, values));
        }
    }

    /** Binds {@link Sql#flushRegistrations} from parameter {@code first}; returns the next parameter's index. */
    int registrations(PreparedStatement ps, int first, Collection<Registration> inserts) throws SQLException {
        int n = inserts.size();
        String[] status = new String[n];
        String[] email = new String[n];
        String[] key = new String[n];
        String[] token = new String[n];
        Long[] sequence = new Long[n];
        String[] offer = new String[n];
        String[] confirmBy = new String[n];
        String[] created = new String[n];
        String[] data = new String[n];
        String[] mail = new String[n];
        String[] id = new String[n];
        String[] events = new String[n];
        int i = 0;
        for (Registration r : inserts) {
            status[i] = r.status().name();
            email[i] = RegistrationRows.activeEmail(r);
            key[i] = r.idempotencyKey().orElse(null);
            token[i] = r.manageTokenHash();
            sequence[i] = r.waitlistSequence();
            offer[i] = r.offerExpiresAt().map(Columns::timestampText).orElse(null);
            confirmBy[i] = r.confirmAddressBy().map(Columns::timestampText).orElse(null);
            created[i] = Columns.timestampText(r.createdAt());
            data[i] = RegistrationCodec.encode(r);
            mail[i] = r.attendee().normalizedEmail();
            id[i] = r.id().value();
            events[i] = r.eventId().value();
            i++;
        }
        int p = first;
        for (String[] column : new String[][] {status, email, key, token}) {
            set(ps, p++, column);
        }
        set(ps, p++, sequence);
        // data goes to a text[] parameter: varchar[] casts to it as it is.
        for (String[] column : new String[][] {offer, confirmBy, created, data, mail, id, events}) {
            set(ps, p++, column);
        }
        for (String[] column : ParticipantColumn.arrays(inserts)) {
            set(ps, p++, column);
        }
        return p;
    }

    /** Binds {@link Sql#flushOutbox} from parameter {@code first}; returns the next parameter's index. */
    int notifications(PreparedStatement ps, int first, List<Notification> outbox) throws SQLException {
        int m = outbox.size();
        String[] nid = new String[m];
        String[] kind = new String[m];
        String[] nevent = new String[m];
        String[] nreg = new String[m];
        String[] at = new String[m];
        for (int j = 0; j < m; j++) {
            Notification note = outbox.get(j);
            nid[j] = note.id();
            kind[j] = note.kind().name();
            nevent[j] = note.eventId().value();
            nreg[j] = note.registrationId().value();
            at[j] = Columns.timestampText(note.occurredAt());
        }
        int p = first;
        for (String[] column : new String[][] {nid, kind, nevent, nreg, at}) {
            set(ps, p++, column);
        }
        return p;
    }
}
