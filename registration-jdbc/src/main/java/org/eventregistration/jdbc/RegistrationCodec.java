package org.eventregistration.jdbc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
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

    static String encode(Registration r) {
        Attendee a = r.attendee();
        JsonObject attendee = new JsonObject()
                .put("name", a.name())
                .put("email", a.email())
                .putOptional("phone", a.phone().orElse(null))
                .putOptional("organisationName", a.organisationName().orElse(null))
                .putOptional(
                        "organisationNumber",
                        a.organisationNumber().map(OrganisationNumber::value).orElse(null))
                .put("sector", a.sector().name())
                .put("role", a.role().name());
        List<Object> history = new ArrayList<>();
        for (StatusChange c : r.history()) {
            history.add(new JsonObject()
                    .put("status", c.status().name())
                    .put("at", c.at().toString())
                    .put("actorKind", c.actor().kind().name())
                    .put("actorId", c.actor().id())
                    .put("reason", c.reason())
                    .map);
        }
        return new JsonObject()
                .put("format", FORMAT)
                .put("id", r.id().value())
                .put("eventId", r.eventId().value())
                .put("attendee", attendee)
                .put(
                        "sessions",
                        r.sessions().stream().map(s -> (Object) s.value()).toList())
                .put("answers", new java.util.LinkedHashMap<String, Object>(r.answers()))
                .put("status", r.status().name())
                .put("holds", r.holds().stream().map(k -> (Object) k.value()).toList())
                .put("waitlistSequence", r.waitlistSequence())
                .putOptional(
                        "offerExpiresAt",
                        r.offerExpiresAt().map(Instant::toString).orElse(null))
                .put("manageTokenHash", r.manageTokenHash())
                .putOptional("idempotencyKey", r.idempotencyKey().orElse(null))
                .putOptional("groupId", r.groupId().orElse(null))
                .put("language", r.language().toLanguageTag())
                .put("createdAt", r.createdAt().toString())
                .put("history", history)
                // Since schema version 5, and only when present: rows without them are written as before.
                .putOptional(
                        "confirmAddressBy",
                        r.confirmAddressBy().map(Instant::toString).orElse(null))
                .putOptional("requestFingerprint", r.requestFingerprint().orElse(null))
                .putOptional(
                        "linkWindowStart",
                        r.linkWindowStart().map(Instant::toString).orElse(null))
                .putOptional("linkRequests", r.linkRequests() != 0 ? r.linkRequests() : null)
                .putOptional("remindedAt", r.remindedAt().map(Instant::toString).orElse(null))
                // A seat offered to a colleague, while it is: no column of its own, no migration.
                .putOptional(
                        "handover",
                        r.handover().map(RegistrationCodec::handover).orElse(null))
                .toJson();
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

    private static JsonObject handover(Handover h) {
        return new JsonObject()
                .put("name", h.name())
                .put("email", h.email())
                .put("requestedAt", h.requestedAt().toString())
                .put("expiresAt", h.expiresAt().toString());
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
