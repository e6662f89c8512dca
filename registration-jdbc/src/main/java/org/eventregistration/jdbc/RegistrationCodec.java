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
     * The registration's JSON, written straight out: member by member, in the order (and with the
     * same absent parts) as the tree of maps this was written from before (see {@code
     * StoredJsonTest}), without building that tree first.
     */
    static String encode(Registration r) {
        Attendee a = r.attendee();
        JsonWriter w = new JsonWriter(1024).beginObject();
        w.name("format").value(FORMAT);
        string(w, "id", r.id().value());
        string(w, "eventId", r.eventId().value());
        w.name("attendee").beginObject();
        string(w, "name", a.name());
        string(w, "email", a.email());
        optional(w, "phone", a.phone().orElse(null));
        optional(w, "organisationName", a.organisationName().orElse(null));
        optional(
                w,
                "organisationNumber",
                a.organisationNumber().map(OrganisationNumber::value).orElse(null));
        string(w, "sector", a.sector().name());
        string(w, "role", a.role().name());
        w.endObject();
        w.name("sessions").beginArray();
        for (SessionId s : r.sessions()) {
            w.value(s.value());
        }
        w.endArray();
        w.name("answers").beginObject();
        for (Map.Entry<String, String> e : r.answers().entrySet()) {
            string(w, e.getKey(), e.getValue());
        }
        w.endObject();
        string(w, "status", r.status().name());
        w.name("holds").beginArray();
        for (CounterKey k : r.holds()) {
            w.value(k.value());
        }
        w.endArray();
        w.name("waitlistSequence").value(r.waitlistSequence());
        optional(w, "offerExpiresAt", r.offerExpiresAt().map(Instant::toString).orElse(null));
        string(w, "manageTokenHash", r.manageTokenHash());
        optional(w, "idempotencyKey", r.idempotencyKey().orElse(null));
        optional(w, "groupId", r.groupId().orElse(null));
        string(w, "language", r.language().toLanguageTag());
        string(w, "createdAt", r.createdAt().toString());
        w.name("history").beginArray();
        for (StatusChange c : r.history()) {
            w.beginObject();
            string(w, "status", c.status().name());
            string(w, "at", c.at().toString());
            string(w, "actorKind", c.actor().kind().name());
            string(w, "actorId", c.actor().id());
            string(w, "reason", c.reason());
            w.endObject();
        }
        w.endArray();
        // Since schema version 5, and only when present: rows without them are written as before.
        optional(
                w,
                "confirmAddressBy",
                r.confirmAddressBy().map(Instant::toString).orElse(null));
        optional(w, "requestFingerprint", r.requestFingerprint().orElse(null));
        optional(
                w, "linkWindowStart", r.linkWindowStart().map(Instant::toString).orElse(null));
        if (r.linkRequests() != 0) {
            w.name("linkRequests").value(r.linkRequests());
        }
        optional(w, "remindedAt", r.remindedAt().map(Instant::toString).orElse(null));
        // A seat offered to a colleague, while it is: no column of its own, no migration.
        if (r.handover().isPresent()) {
            Handover h = r.handover().get();
            w.name("handover").beginObject();
            string(w, "name", h.name());
            string(w, "email", h.email());
            string(w, "requestedAt", h.requestedAt().toString());
            string(w, "expiresAt", h.expiresAt().toString());
            w.endObject();
        }
        return w.endObject().toString();
    }

    /** A member with a string value; {@code null} as JSON's null, as the tree wrote it. */
    private static void string(JsonWriter w, String name, String value) {
        w.name(name);
        if (value == null) {
            w.nullValue();
        } else {
            w.value(value);
        }
    }

    /** A member left out when absent. */
    private static void optional(JsonWriter w, String name, String value) {
        if (value != null) {
            w.name(name).value(value);
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
