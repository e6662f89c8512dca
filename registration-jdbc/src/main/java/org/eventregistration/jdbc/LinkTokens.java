package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.spi.LinkToken;

/**
 * Keeps the hashes of the links' secrets (table {@code link_token}, schema version 5): saves one
 * and keeps only the newest few of its registration and purpose, finds one by hash, deletes the
 * expired. Apart from units of work: every call is a transaction of its own (or, when the store
 * joins the caller's transactions, part of the caller's open transaction).
 *
 * <h2>Concurrent saves</h2>
 * A save inserts its token, then reads the tokens of the same registration and purpose (newest
 * first: by {@code created_at}, the minting node's clock, then by hash) and deletes all but its
 * own and the newest {@code maxLive - 1} others, in one transaction. Saves running at the same
 * time do not see each other's uncommitted tokens, so each keeps its own: {@code k} saves at once
 * may leave up to {@code maxLive + k - 1} tokens, until the next save trims them. A save never
 * deletes its own token, and two saves never delete each other's (a save sees another's token only
 * once that save has committed, which is after its own read: they cannot both see each other's):
 * the token of the save that commits last always survives, and with {@code maxLive} above one so
 * does the newest of those stored before.
 *
 * <p>Times are kept to the microsecond: {@code created_at} truncated, {@code expires_at} rounded
 * up, so a link never stops working before its expiry and always expires after it was made.
 */
final class LinkTokens {
    private final Transactions transactions;
    private final Dialect dialect;
    private final String insert;
    private final String byHash;
    private final String ofOwner;
    private final String deleteOne;
    private final String deleteExpired;

    LinkTokens(String prefix, Dialect dialect, Transactions transactions) {
        this.transactions = transactions;
        this.dialect = dialect;
        String table = prefix + "link_token";
        String columns = "token_hash, purpose, registration_id, event_id, created_at, expires_at";
        insert = "INSERT INTO " + table + " (" + columns + ") VALUES (?, ?, ?, ?, ?, ?)";
        byHash = "SELECT " + columns + " FROM " + table + " WHERE token_hash = ?";
        // Served by link_token_owner_ix.
        ofOwner = "SELECT token_hash FROM " + table + " WHERE registration_id = ? AND purpose = ?"
                + " ORDER BY created_at DESC, token_hash DESC";
        deleteOne = "DELETE FROM " + table + " WHERE token_hash = ?";
        deleteExpired = "DELETE FROM " + table + " WHERE expires_at <= ?";
    }

    /** Saves the token, keeping only the newest {@code maxLive} of its registration and purpose (see above). */
    void save(LinkToken token, int maxLive) {
        if (maxLive < 1) {
            throw new IllegalArgumentException("maxLive must be at least 1 but was " + maxLive);
        }
        transactions.run("saveLinkToken", token.eventId(), true, c -> {
            insert(c, token);
            List<String> older = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(ofOwner)) {
                ps.setString(1, token.registrationId().value());
                ps.setString(2, token.purpose().name());
                int kept = 1; // its own
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String hash = rs.getString(1);
                        if (hash.equals(token.hash())) {
                            continue;
                        }
                        if (kept < maxLive) {
                            kept++;
                        } else {
                            older.add(hash);
                        }
                    }
                }
            }
            if (!older.isEmpty()) {
                // By primary key, one row each (a scan of the small table would wait on rows that
                // other saves inserted and have not committed: a deadlock on MariaDB), in sorted
                // order, so that concurrent saves lock the rows they both delete in the same order.
                older.sort(null);
                try (PreparedStatement ps = c.prepareStatement(deleteOne)) {
                    for (String hash : older) {
                        ps.setString(1, hash);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    private void insert(Connection c, LinkToken token) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, token.hash());
            ps.setString(2, token.purpose().name());
            ps.setString(3, token.registrationId().value());
            ps.setString(4, token.eventId().value());
            ps.setObject(5, Columns.utc(token.createdAt()));
            ps.setObject(6, Columns.utc(roundUp(token.expiresAt())));
            ps.executeUpdate();
        } catch (SQLException e) {
            if (dialect.isUniqueViolation(Failures.unwrapBatch(e))) {
                // As the in-memory store says it: 256 random bits never collide unless reused.
                throw new IllegalArgumentException("a link token with this hash exists", e);
            }
            throw e;
        }
    }

    private static Instant roundUp(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(instant) ? instant : micros.plus(1, ChronoUnit.MICROS);
    }

    Optional<LinkToken> find(String hash) {
        return transactions.run("findLinkToken", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(byHash)) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new LinkToken(
                            rs.getString(1),
                            LinkPurpose.valueOf(rs.getString(2)),
                            RegistrationId.of(rs.getString(3)),
                            EventId.of(rs.getString(4)),
                            Columns.instant(rs, 5),
                            Columns.instant(rs, 6)));
                }
            }
        });
    }

    /** Deletes the tokens that expired at or before {@code now}, in one statement; how many. */
    int deleteExpired(Instant now) {
        return transactions.run("deleteExpiredLinkTokens", null, true, c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteExpired)) {
                ps.setObject(1, Columns.utc(now));
                return ps.executeUpdate();
            }
        });
    }
}
