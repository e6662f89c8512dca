package org.eventregistration.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.internal.IsoInstant;
import org.eventregistration.internal.JsonWriter;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;

/**
 * Writes a registration as JSON and reads it back: the whole value, exactly (instants with their
 * nanoseconds), so that a stored registration reads back equal. The indexed columns beside it are
 * derived from it. Optional parts are left out when absent (and a zero count when zero), so a
 * registration without the parts added later is written exactly as before they existed, and what
 * earlier versions wrote reads back with those parts empty.
 */
final class RegistrationCodec {
    private static final int FORMAT = 1;

    private RegistrationCodec() {}

    /**
     * The registration's JSON, written straight into one builder: member by member, in the order
     * (and with the same parts left out) of the tree of maps it was once written from, byte for byte
     * (see {@code StoredJsonTest} and {@code RegistrationCodecTreeTest}). Member names are constants
     * that need no escaping; every value is escaped as {@link JsonWriter} escapes it.
     */
    static String encode(Registration r) {
        Attendee a = r.attendee();
        StringBuilder out = new StringBuilder(1024);
        out.append("{\"format\":").append(FORMAT);
        member(out, "id", r.id().value());
        member(out, "eventId", r.eventId().value());
        out.append(",\"attendee\":{\"name\":");
        string(out, a.name());
        member(out, "email", a.email());
        optional(out, "phone", a.phone().orElse(null));
        optional(out, "organisationName", a.organisationName().orElse(null));
        optional(
                out,
                "organisationNumber",
                a.organisationNumber().map(OrganisationNumber::value).orElse(null));
        member(out, "sector", a.sector().name());
        member(out, "role", a.role().name());
        out.append("},\"sessions\":[");
        boolean first = true;
        for (SessionId s : r.sessions()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, s.value());
        }
        out.append("],\"answers\":{");
        first = true;
        for (Map.Entry<String, String> e : r.answers().entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            JsonWriter.appendString(out, e.getKey()).append(':');
            string(out, e.getValue());
        }
        out.append('}');
        member(out, "status", r.status().name());
        out.append(",\"holds\":[");
        first = true;
        for (CounterKey k : r.holds()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, k.value());
        }
        out.append("],\"waitlistSequence\":").append(r.waitlistSequence());
        optional(out, "offerExpiresAt", r.offerExpiresAt());
        member(out, "manageTokenHash", r.manageTokenHash());
        optional(out, "idempotencyKey", r.idempotencyKey().orElse(null));
        optional(out, "groupId", r.groupId().orElse(null));
        member(out, "language", r.language().toLanguageTag());
        member(out, "createdAt", r.createdAt());
        out.append(",\"history\":[");
        first = true;
        for (StatusChange c : r.history()) {
            out.append(first ? "{\"status\":" : ",{\"status\":");
            first = false;
            string(out, c.status().name());
            member(out, "at", c.at());
            member(out, "actorKind", c.actor().kind().name());
            member(out, "actorId", c.actor().id());
            member(out, "reason", c.reason());
            out.append('}');
        }
        out.append(']');
        // Since schema version 5, and only when present: rows without them are written as before.
        optional(out, "confirmAddressBy", r.confirmAddressBy());
        optional(out, "requestFingerprint", r.requestFingerprint().orElse(null));
        optional(out, "linkWindowStart", r.linkWindowStart());
        if (r.linkRequests() != 0) {
            out.append(",\"linkRequests\":").append(r.linkRequests());
        }
        optional(out, "remindedAt", r.remindedAt());
        // A seat offered to a colleague, while it is: no column of its own, no migration.
        if (r.handover().isPresent()) {
            Handover h = r.handover().get();
            out.append(",\"handover\":{\"name\":");
            string(out, h.name());
            member(out, "email", h.email());
            member(out, "requestedAt", h.requestedAt());
            member(out, "expiresAt", h.expiresAt());
            out.append('}');
        }
        return out.append('}').toString();
    }

    /** A string value; {@code null} as JSON's null, as the tree wrote it. */
    private static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
        } else {
            JsonWriter.appendString(out, value);
        }
    }

    /** A member after the first of its object: a comma, the name (a constant: no escaping), the value. */
    private static void member(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        string(out, value);
    }

    /** A member whose value is an instant, as {@link Instant#toString()} writes it. */
    private static void member(StringBuilder out, String name, Instant value) {
        out.append(",\"").append(name).append("\":\"");
        IsoInstant.append(out, value);
        out.append('"');
    }

    /** A member left out when absent. */
    private static void optional(StringBuilder out, String name, String value) {
        if (value != null) {
            member(out, name, value);
        }
    }

    /** An instant member left out when absent. */
    private static void optional(StringBuilder out, String name, Optional<Instant> value) {
        if (value.isPresent()) {
            member(out, name, value.get());
        }
    }

    static Registration decode(String stored) {
        JsonObject o = JsonObject.parse(stored, "registration");
        if (o.intValue("format") != FORMAT) {
            throw new IllegalArgumentException("stored registration has unknown format " + o.intValue("format"));
        }
        JsonObject a = o.object("attendee");
        Attendee.Builder ab = Attendee.builder(a.string("name"), a.string("email"))
                .sector(Sector.valueOf(a.string("sector")))
                .role(Role.valueOf(a.string("role")));
        if (a.has("phone")) {
            ab.phone(a.string("phone"));
        }
        if (a.has("organisationName")) {
            ab.organisation(a.string("organisationName"));
        }
        // A number stored before the form check (first digit 8 or 9) that fails it is no number.
        if (a.has("organisationNumber") && OrganisationNumber.isValid(a.string("organisationNumber"))) {
            ab.organisationNumber(new OrganisationNumber(a.string("organisationNumber")));
        }
        Set<SessionId> sessions = new LinkedHashSet<>();
        o.list("sessions").forEach(x -> sessions.add(SessionId.of((String) x)));
        Set<CounterKey> holds = new LinkedHashSet<>();
        o.list("holds").forEach(x -> holds.add(new CounterKey((String) x)));
        List<StatusChange> history = new ArrayList<>();
        for (Object x : o.list("history")) {
            JsonObject c = JsonObject.of(x, "history entry");
            history.add(new StatusChange(
                    RegistrationStatus.valueOf(c.string("status")),
                    Instant.parse(c.string("at")),
                    new Actor(Actor.Kind.valueOf(c.string("actorKind")), c.string("actorId")),
                    c.string("reason")));
        }
        return Registration.builder()
                .id(RegistrationId.of(o.string("id")))
                .eventId(EventId.of(o.string("eventId")))
                .attendee(ab.build())
                .sessions(sessions)
                .answers(o.stringMap("answers"))
                .status(RegistrationStatus.valueOf(o.string("status")))
                .holds(holds)
                .waitlistSequence(o.longValue("waitlistSequence"))
                .offerExpiresAt(optInstant(o, "offerExpiresAt"))
                .manageTokenHash(o.string("manageTokenHash"))
                .idempotencyKey(Optional.ofNullable(o.optString("idempotencyKey")))
                .groupId(Optional.ofNullable(o.optString("groupId")))
                .language(Locale.forLanguageTag(o.string("language")))
                .createdAt(Instant.parse(o.string("createdAt")))
                .history(history)
                .confirmAddressBy(optInstant(o, "confirmAddressBy"))
                .requestFingerprint(Optional.ofNullable(o.optString("requestFingerprint")))
                .linkRequests(optInstant(o, "linkWindowStart"), o.has("linkRequests") ? o.intValue("linkRequests") : 0)
                .remindedAt(optInstant(o, "remindedAt"))
                .handover(o.has("handover") ? Optional.of(handover(o.object("handover"))) : Optional.empty())
                .build();
    }

    private static Handover handover(JsonObject h) {
        return new Handover(
                h.string("name"),
                h.string("email"),
                Instant.parse(h.string("requestedAt")),
                Instant.parse(h.string("expiresAt")));
    }

    private static Optional<Instant> optInstant(JsonObject o, String key) {
        return Optional.ofNullable(o.optString(key)).map(Instant::parse);
    }
}
