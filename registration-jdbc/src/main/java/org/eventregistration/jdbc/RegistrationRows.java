package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;

/**
 * Maps the registration table: reads registrations from their rows (the whole value is the JSON
 * in {@code data}, see {@link RegistrationCodec}), decides the derived columns written beside it,
 * and answers the store's look-ups outside a unit of work.
 */
final class RegistrationRows {
    private final Sql sql;
    private final Transactions transactions;

    RegistrationRows(Sql sql, Transactions transactions) {
        this.sql = sql;
        this.transactions = transactions;
    }

    Optional<Registration> find(RegistrationId id) {
        return transactions.run("findRegistration", null, false, c -> one(c, sql.registrationById, id.value()));
    }

    Optional<Registration> findByManageTokenHash(String tokenHash) {
        return transactions.run(
                "findByManageTokenHash", null, false, c -> one(c, sql.registrationByTokenHash, tokenHash));
    }

    List<Registration> findOfEvent(EventId eventId) {
        return transactions.run("findRegistrations", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.registrationsOfEvent)) {
                ps.setString(1, eventId.value());
                return list(ps);
            }
        });
    }

    /** Served by the index on (event_id, status, waitlist_sequence): no registration is read. */
    java.util.Map<RegistrationStatus, Integer> countByStatus(EventId eventId) {
        return transactions.run("countByStatus", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.countByStatus)) {
                ps.setString(1, eventId.value());
                java.util.Map<RegistrationStatus, Integer> counts = new java.util.EnumMap<>(RegistrationStatus.class);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        counts.put(RegistrationStatus.valueOf(rs.getString(1)), rs.getInt(2));
                    }
                }
                return counts;
            }
        });
    }

    int countWaitingBefore(EventId eventId, long waitlistSequence) {
        return transactions.run("countWaitingBefore", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.countWaitingBefore)) {
                ps.setString(1, eventId.value());
                ps.setLong(2, waitlistSequence);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    List<Registration> findExpiredOffers(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.run("findExpiredOffers", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.expiredOffers)) {
                ps.setObject(1, Columns.utc(now));
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** Active registrations whose address confirmation deadline is at or before {@code now}, earliest first. */
    List<Registration> findUnconfirmed(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.run("findUnconfirmed", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.unconfirmed)) {
                ps.setObject(1, Columns.utc(now));
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    /** Registrations whose offer to a colleague lapsed at or before {@code now}, earliest first (schema version 12). */
    List<Registration> findLapsedHandovers(Instant now, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return transactions.run("findLapsedHandovers", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.lapsedHandovers)) {
                ps.setObject(1, Columns.utc(now));
                ps.setInt(2, limit);
                // The JSON decides: a node of version 11 may have removed the offer and left the columns.
                return list(ps).stream()
                        .filter(r -> r.handover().filter(h -> !h.liveAt(now)).isPresent())
                        .toList();
            }
        });
    }

    /** The registration a statement selecting {@code data} finds with these string parameters, if any. */
    static Optional<Registration> one(Connection c, String statement, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(RegistrationCodec.decode(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** The registrations a statement selecting {@code data} finds, in its order. */
    static List<Registration> list(PreparedStatement ps) throws SQLException {
        List<Registration> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(RegistrationCodec.decode(rs.getString(1)));
            }
        }
        return result;
    }

    /**
     * Binds a registration to {@link Sql#insertRegistration} or {@link Sql#updateRegistration}
     * (the same parameters, in the same order).
     */
    static void bind(PreparedStatement ps, Registration r) throws SQLException {
        bind(ps, 1, r);
    }

    /** {@link #bind(PreparedStatement, Registration)} from parameter {@code first}; returns the next parameter's index. */
    static int bind(PreparedStatement ps, int first, Registration r) throws SQLException {
        int p = first;
        ps.setString(p++, r.status().name());
        Columns.setString(ps, p++, activeEmail(r));
        Columns.setString(ps, p++, r.idempotencyKey().orElse(null));
        ps.setString(p++, r.manageTokenHash());
        ps.setLong(p++, r.waitlistSequence());
        Columns.setTimestamp(ps, p++, r.offerExpiresAt());
        Columns.setTimestamp(ps, p++, r.confirmAddressBy());
        ps.setObject(p++, Columns.utc(r.createdAt()));
        ps.setString(p++, RegistrationCodec.encode(r));
        // Every registration's address (active or not, or the placeholder once anonymised), for access requests.
        ps.setString(p++, r.attendee().normalizedEmail());
        p = ParticipantColumn.bind(ps, p, r);
        ps.setString(p++, r.id().value());
        ps.setString(p++, r.eventId().value());
        return p;
    }

    /**
     * The {@code active_email} column: the normalized address while the registration is active,
     * null otherwise (the unique constraint on it allows one active registration per address).
     */
    static String activeEmail(Registration r) {
        return r.status().isActive() ? r.attendee().normalizedEmail() : null;
    }
}
