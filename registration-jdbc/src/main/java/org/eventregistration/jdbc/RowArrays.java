package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Notification;

/**
 * Binds rows as one array per column (PostgreSQL, the {@code unnest} statements of {@link Sql}):
 * a unit of work's several registrations or notifications, or those of a group of units of work
 * ({@link GroupCommit}). The arrays are made by the statement's own connection.
 */
final class RowArrays {
    private RowArrays() {}

    /** Binds {@link Sql#flushRegistrations} from parameter {@code first}; returns the next parameter's index. */
    static int registrations(PreparedStatement ps, int first, Collection<Registration> inserts) throws SQLException {
        Connection c = ps.getConnection();
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
        for (Object[] column : new Object[][] {status, email, key, token}) {
            ps.setArray(p++, c.createArrayOf("varchar", column));
        }
        ps.setArray(p++, c.createArrayOf("int8", sequence));
        for (Object[] column : new Object[][] {offer, confirmBy, created}) {
            ps.setArray(p++, c.createArrayOf("varchar", column));
        }
        ps.setArray(p++, c.createArrayOf("text", data));
        for (Object[] column : new Object[][] {mail, id, events}) {
            ps.setArray(p++, c.createArrayOf("varchar", column));
        }
        for (Object[] column : ParticipantColumn.arrays(inserts)) {
            ps.setArray(p++, c.createArrayOf("varchar", column));
        }
        return p;
    }

    /** Binds {@link Sql#flushOutbox} from parameter {@code first}; returns the next parameter's index. */
    static int notifications(PreparedStatement ps, int first, List<Notification> outbox) throws SQLException {
        Connection c = ps.getConnection();
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
        for (Object[] column : new Object[][] {nid, kind, nevent, nreg, at}) {
            ps.setArray(p++, c.createArrayOf("varchar", column));
        }
        return p;
    }
}
