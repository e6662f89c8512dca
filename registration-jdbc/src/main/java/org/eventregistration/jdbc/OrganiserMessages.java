package org.eventregistration.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.RegistrationStatus;

/**
 * Keeps organisers' messages (table {@code organiser_message}, schema version 8): the texts as JSON
 * objects keyed by language, the statuses they went to as a comma-separated list. Each call is a
 * transaction of its own (or part of the caller's, when the store joins the caller's transactions).
 */
final class OrganiserMessages {
    private final Transactions transactions;
    private final String insert;
    private final String byId;
    private final String deleteOfEvent;

    OrganiserMessages(String prefix, Transactions transactions) {
        this.transactions = transactions;
        String table = prefix + "organiser_message";
        String columns = "message_id, event_id, subject, body, recipients, sent_by_kind, sent_by, sent_at";
        insert = "INSERT INTO " + table + " (" + columns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        byId = "SELECT " + columns + " FROM " + table + " WHERE message_id = ?";
        deleteOfEvent = "DELETE FROM " + table + " WHERE event_id = ?";
    }

    /** Saves a message; one with the same id already there is kept as it is. */
    void save(OrganiserMessage m) {
        transactions.run("saveMessage", m.eventId(), true, c -> {
            if (find(c, m.id()).isPresent()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement(insert)) {
                ps.setString(1, m.id());
                ps.setString(2, m.eventId().value());
                ps.setString(3, json(m.subject()));
                ps.setString(4, json(m.body()));
                ps.setString(
                        5,
                        EnumSet.copyOf(m.recipients()).stream().map(Enum::name).collect(Collectors.joining(",")));
                ps.setString(6, m.sentBy().kind().name());
                ps.setString(7, m.sentBy().id());
                ps.setObject(8, Columns.utc(m.sentAt()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    Optional<OrganiserMessage> find(String id) {
        return transactions.run("findMessage", null, false, c -> find(c, id));
    }

    int deleteOfEvent(EventId eventId) {
        return transactions.run("deleteMessages", eventId, true, c -> {
            try (PreparedStatement ps = c.prepareStatement(deleteOfEvent)) {
                ps.setString(1, eventId.value());
                return ps.executeUpdate();
            }
        });
    }

    private Optional<OrganiserMessage> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(byId)) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Set<RegistrationStatus> recipients = EnumSet.noneOf(RegistrationStatus.class);
                for (String status : rs.getString(5).split(",")) {
                    recipients.add(RegistrationStatus.valueOf(status));
                }
                return Optional.of(new OrganiserMessage(
                        rs.getString(1),
                        EventId.of(rs.getString(2)),
                        text(rs.getString(3)),
                        text(rs.getString(4)),
                        recipients,
                        new Actor(Actor.Kind.valueOf(rs.getString(6)), rs.getString(7)),
                        Columns.instant(rs, 8)));
            }
        }
    }

    private static String json(LocalizedText text) {
        JsonObject o = new JsonObject();
        new TreeMap<>(text.texts()).forEach(o::put);
        return o.toJson();
    }

    private static LocalizedText text(String stored) {
        Map<String, String> texts = new LinkedHashMap<>();
        JsonObject.parse(stored, "message text").map.forEach((k, v) -> texts.put(k, (String) v));
        return new LocalizedText(texts);
    }
}
