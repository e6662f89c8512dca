package org.eventregistration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.OutboxBacklog;

/**
 * Decides which notifications are pending in the outbox table, claiming them for a while when the
 * store has an outbox claim so that dispatchers on several nodes do not deliver one at the same
 * time; and deletes those delivered. (A unit of work writes the rows, see {@link StagedWrites}.)
 */
final class Outbox {
    private final Sql sql;
    private final Transactions transactions;
    private final Clock clock;
    private final Duration claim;

    Outbox(Sql sql, Transactions transactions, Clock clock, Duration claim) {
        this.sql = sql;
        this.transactions = transactions;
        this.clock = clock;
        this.claim = claim;
    }

    /**
     * Up to {@code limit} undelivered notifications, oldest first; with a claim, only those not
     * claimed by someone else, and claimed for the caller.
     */
    List<Notification> pending(int limit) {
        return pending(null, limit);
    }

    /**
     * As {@link #pending(int)}, and only those due at {@code due}: never failed, or past the time
     * of their retry; {@code null}: due or not.
     */
    List<Notification> pending(Instant due, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        if (claim.isZero()) {
            return transactions.run("pendingNotifications", null, false, c -> {
                try (PreparedStatement ps = c.prepareStatement(due == null ? sql.pendingOutbox : sql.dueOutbox)) {
                    int i = 1;
                    if (due != null) {
                        ps.setObject(i++, Columns.utc(due));
                    }
                    ps.setInt(i, limit);
                    return notifications(ps, new ArrayList<>());
                }
            });
        }
        return transactions.run("pendingNotifications", null, true, c -> {
            Instant now = clock.instant();
            List<Long> seqs = new ArrayList<>();
            List<Notification> candidates;
            try (PreparedStatement ps =
                    c.prepareStatement(due == null ? sql.claimableOutbox : sql.claimableDueOutbox)) {
                int i = 1;
                if (due != null) {
                    ps.setObject(i++, Columns.utc(due));
                }
                ps.setObject(i++, Columns.utc(now));
                ps.setInt(i, limit);
                candidates = notifications(ps, seqs);
            }
            List<Notification> claimed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.claimOutbox)) {
                for (int i = 0; i < candidates.size(); i++) {
                    ps.setObject(1, Columns.utc(now.plus(claim)));
                    ps.setLong(2, seqs.get(i));
                    ps.setObject(3, Columns.utc(now));
                    if (ps.executeUpdate() == 1) {
                        claimed.add(candidates.get(i));
                    }
                }
            }
            return claimed;
        });
    }

    /**
     * Counts a failed delivery and schedules the next attempt, or sets the row aside after the last;
     * in one transaction (the count's update locks the row).
     *
     * @return true if set aside
     */
    boolean recordFailure(String notificationId, Instant now, DeliveryRetry retry) {
        return transactions.run("recordDeliveryFailure", null, true, c -> {
            try (PreparedStatement count = c.prepareStatement(sql.countFailure)) {
                count.setString(1, notificationId);
                if (count.executeUpdate() == 0) {
                    return false; // delivered, set aside, or unknown
                }
            }
            int attempts;
            try (PreparedStatement read = c.prepareStatement(sql.failures)) {
                read.setString(1, notificationId);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    attempts = rs.getInt(1);
                }
            }
            Optional<Instant> next = retry.nextAttempt(attempts, now);
            try (PreparedStatement defer = c.prepareStatement(sql.deferOutbox)) {
                Columns.setTimestamp(defer, 1, next);
                Columns.setTimestamp(defer, 2, next.isEmpty() ? Optional.of(now) : Optional.empty());
                defer.setString(3, notificationId);
                defer.executeUpdate();
            }
            return next.isEmpty();
        });
    }

    /** Sets a row aside at once (a bounce); a delivered, unknown or set-aside one is left alone. */
    void setAside(String notificationId, Instant at) {
        transactions.run("setAside", null, true, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.setAsideOutbox)) {
                ps.setObject(1, Columns.utc(at));
                ps.setString(2, notificationId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The set-aside notifications of an event, oldest first. */
    List<Notification> undeliverable(EventId eventId) {
        return transactions.run("undeliverableNotifications", eventId, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.undeliverable)) {
                ps.setString(1, eventId.value());
                return notifications(ps, new ArrayList<>());
            }
        });
    }

    /** Counts what waits, in one read-only statement; claims nothing. */
    OutboxBacklog backlog() {
        return transactions.run("outboxBacklog", null, false, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.outboxBacklog);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                LocalDateTime oldest = rs.getObject(3, LocalDateTime.class);
                return new OutboxBacklog(
                        rs.getLong(1),
                        rs.getLong(2),
                        Optional.ofNullable(oldest).map(t -> t.toInstant(ZoneOffset.UTC)),
                        rs.getLong(4));
            }
        });
    }

    /** Reads the rows of a {@code SELECT seq, notification_id, ...}: the notifications, and their seqs into {@code seqs}. */
    private static List<Notification> notifications(PreparedStatement ps, List<Long> seqs) throws SQLException {
        List<Notification> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                seqs.add(rs.getLong(1));
                result.add(new Notification(
                        rs.getString(2),
                        Notification.Kind.valueOf(rs.getString(3)),
                        EventId.of(rs.getString(4)),
                        RegistrationId.of(rs.getString(5)),
                        Columns.instant(rs, 6),
                        java.util.Optional.ofNullable(rs.getString(7))));
            }
        }
        return result;
    }

    /**
     * Deletes the rows of delivered notifications in the store's own transaction: up to {@value
     * Sql#MAX_DELETE} ids in one statement on its own (auto-commit), more in one transaction; on
     * PostgreSQL committed without waiting for the disk (see {@link Sql#deleteOutbox}).
     */
    void delete(List<String> ids) {
        // A single statement is atomic on its own.
        delete(ids, ids.size() > Sql.MAX_DELETE, true);
    }

    /** Deletes the rows of delivered notifications inside the caller's transaction (a savepoint), at once. */
    void deleteInCallerTransaction(Collection<String> ids) {
        delete(List.copyOf(new LinkedHashSet<>(ids)), true, false);
    }

    private void delete(List<String> ids, boolean write, boolean async) {
        transactions.run("markDelivered", null, write, c -> {
            for (int from = 0; from < ids.size(); from += Sql.MAX_DELETE) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + Sql.MAX_DELETE));
                try (PreparedStatement ps = c.prepareStatement(sql.deleteOutbox(chunk.size(), async))) {
                    Sql.bindDeleteIds(ps, 1, chunk);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
