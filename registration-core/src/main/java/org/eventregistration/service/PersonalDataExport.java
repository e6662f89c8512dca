package org.eventregistration.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.SessionId;
import org.eventregistration.internal.JsonWriter;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.StatusChange;

/**
 * Everything one organiser holds about one e-mail address: the answer to a request under the right
 * of access, from {@link OrganiserConsole#exportPersonalData(String)}. Immutable.
 *
 * <h2>JSON format ({@link #toJson()}), version 1</h2>
 * <pre>{@code
 * {
 *   "format": "eventregistration-personal-data/1",
 *   "email": "kari@asker.kommune.no",            // the address asked about, normalized
 *   "organiser": "asker",                        // whose data this is
 *   "exportedAt": "2026-11-28T13:00:00Z",        // ISO-8601, UTC
 *   "registrations": [ {
 *       "registrationId": "…", "eventId": "feiltrinn-2026",
 *       "eventTitle": {"nb": "…", "nn": "…", "en": "…"}, "eventStart": "2026-12-11T09:00+01:00[Europe/Oslo]",
 *       "status": "CONFIRMED", "createdAt": "…", "language": "nb", "anonymised": false,
 *       "attendee": {"name": "…", "email": "…", "phone": "…" | null, "organisationName": "…" | null,
 *                    "organisationNumber": "…" | null, "sector": "MUNICIPALITY", "role": "LEADER"},
 *       "sessions": ["verksted"],
 *       "answers": {"questionId": "answer"},
 *       "history": [{"status": "CONFIRMED", "at": "…", "actor": "attendee" | "system" | "organiser:<user id>",
 *                    "reason": "history.registered" | an organiser's note}],
 *       "audit": [{"at": "…", "actor": "organiser:ola", "organiser": "asker", "action": "CHECKED_IN"}],
 *       "handover": {"name": "…", "email": "…",   // the seat this person offers a colleague, as they
 *                    "requestedAt": "…", "expiresAt": "…"} | null  // typed it; null: none pending
 *   } ],
 *   "seatOffers": [ {                             // seats someone offered to this address, not taken (yet)
 *       "eventId": "feiltrinn-2026", "eventTitle": {"nb": "…"}, "eventStart": "…",
 *       "offeredBy": "…",                          // the offering person's name, as the invitation shows it
 *       "name": "…", "email": "…",                 // the address's owner, as the offering person typed them
 *       "requestedAt": "…", "expiresAt": "…"
 *   } ]
 * }
 * }</pre>
 * Times are ISO-8601; the manage token is never included (only its hash is stored, and that is
 * left out too). Strings are escaped per RFC 8259.
 *
 * @param email the normalized e-mail address asked about
 * @param organiser the organiser whose events were searched
 * @param exportedAt when the export was made
 * @param registrations every registration of that address in the organiser's events, oldest first
 * @param seatOffers every seat offered to that address in the organiser's events by someone who
 *     registered ({@link Registration#handover()}) and still kept, earliest offer first
 */
public record PersonalDataExport(
        String email, OrganiserId organiser, Instant exportedAt, List<Item> registrations, List<SeatOffer> seatOffers) {
    /** The value of {@code format} in {@link #toJson()}. */
    public static final String FORMAT = "eventregistration-personal-data/1";

    /** Validates and copies. */
    public PersonalDataExport {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(exportedAt, "exportedAt");
        registrations = List.copyOf(registrations);
        seatOffers = List.copyOf(seatOffers);
    }

    /**
     * An export without seat offers (as before they were part of it).
     *
     * @param email the normalized e-mail address asked about
     * @param organiser the organiser whose events were searched
     * @param exportedAt when the export was made
     * @param registrations every registration of that address in the organiser's events, oldest first
     */
    public PersonalDataExport(String email, OrganiserId organiser, Instant exportedAt, List<Item> registrations) {
        this(email, organiser, exportedAt, registrations, List.of());
    }

    /**
     * A seat offered to the address asked about by someone who registered (a hand-over not taken):
     * the address's owner as the offering person typed them, and of the offering person only what
     * the invitation shows ({@link org.eventregistration.registration.HandoverInvitation}): their
     * name. Immutable; {@link #toString()} leaves out the names and the address.
     *
     * @param event the event whose seat is offered
     * @param offeredBy the name of the person who offers their seat
     * @param name the name of the address's owner, as the offering person typed it
     * @param email the address, as the offering person typed it
     * @param requestedAt when the seat was offered
     * @param expiresAt when the offer lapses (or lapsed)
     */
    public record SeatOffer(
            Event event, String offeredBy, String name, String email, Instant requestedAt, Instant expiresAt) {
        /** Validates. */
        public SeatOffer {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(offeredBy, "offeredBy");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(requestedAt, "requestedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "SeatOffer[" + event.id() + ", requestedAt=" + requestedAt + ", expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * One registration with its event and the audit entries about it.
     *
     * @param event the event registered for
     * @param registration the registration, with its full history
     * @param audit the audit entries about this registration, oldest first
     */
    public record Item(Event event, Registration registration, List<AuditEntry> audit) {
        /** Validates and copies. */
        public Item {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(registration, "registration");
            audit = List.copyOf(audit);
        }
    }

    /** The export as JSON in the documented format above. */
    public String toJson() {
        JsonWriter w = new JsonWriter()
                .beginObject()
                .member("format", FORMAT)
                .member("email", email)
                .member("organiser", organiser.value())
                .member("exportedAt", exportedAt.toString())
                .name("registrations")
                .beginArray();
        for (Item item : registrations) {
            Registration r = item.registration();
            Attendee a = r.attendee();
            w.beginObject()
                    .member("registrationId", r.id().value())
                    .member("eventId", r.eventId().value());
            title(w, item.event());
            w.member("eventStart", item.event().start().toString())
                    .member("status", r.status().name())
                    .member("createdAt", r.createdAt().toString())
                    .member("language", r.language().toLanguageTag().toLowerCase(Locale.ROOT))
                    .name("anonymised")
                    .value(r.anonymised())
                    .name("attendee")
                    .beginObject()
                    .member("name", a.name())
                    .member("email", a.email());
            optional(w, "phone", a.phone().orElse(null));
            optional(w, "organisationName", a.organisationName().orElse(null));
            optional(
                    w,
                    "organisationNumber",
                    a.organisationNumber().map(n -> n.value()).orElse(null));
            w.member("sector", a.sector().name())
                    .member("role", a.role().name())
                    .endObject()
                    .name("sessions")
                    .beginArray();
            for (SessionId s : r.sessions()) {
                w.value(s.value());
            }
            w.endArray().name("answers").beginObject();
            for (Map.Entry<String, String> e : r.answers().entrySet()) {
                w.member(e.getKey(), e.getValue());
            }
            w.endObject().name("history").beginArray();
            for (StatusChange c : r.history()) {
                w.beginObject()
                        .member("status", c.status().name())
                        .member("at", c.at().toString())
                        .member("actor", c.actor().toString())
                        .member("reason", c.reason())
                        .endObject();
            }
            w.endArray().name("audit").beginArray();
            for (AuditEntry e : item.audit()) {
                w.beginObject()
                        .member("at", e.at().toString())
                        .member("actor", e.actor().toString())
                        .member("organiser", e.organiser().value())
                        .member("action", e.action().name())
                        .endObject();
            }
            w.endArray().name("handover");
            if (r.handover().isPresent()) {
                Handover h = r.handover().get();
                w.beginObject()
                        .member("name", h.name())
                        .member("email", h.email())
                        .member("requestedAt", h.requestedAt().toString())
                        .member("expiresAt", h.expiresAt().toString())
                        .endObject();
            } else {
                w.nullValue();
            }
            w.endObject();
        }
        w.endArray().name("seatOffers").beginArray();
        for (SeatOffer offer : seatOffers) {
            w.beginObject().member("eventId", offer.event().id().value());
            title(w, offer.event());
            w.member("eventStart", offer.event().start().toString())
                    .member("offeredBy", offer.offeredBy())
                    .member("name", offer.name())
                    .member("email", offer.email())
                    .member("requestedAt", offer.requestedAt().toString())
                    .member("expiresAt", offer.expiresAt().toString())
                    .endObject();
        }
        return w.endArray().endObject().toString();
    }

    private static void title(JsonWriter w, Event event) {
        w.name("eventTitle").beginObject();
        for (Map.Entry<String, String> t : new TreeMap<>(event.title().texts()).entrySet()) {
            w.member(t.getKey(), t.getValue());
        }
        w.endObject();
    }

    private static void optional(JsonWriter w, String name, String value) {
        if (value == null) {
            w.name(name).nullValue();
        } else {
            w.member(name, value);
        }
    }

    /** Without personal data: the address, the registrations and the seat offers are left out. */
    @Override
    public String toString() {
        return "PersonalDataExport[organiser=" + organiser + ", registrations=" + registrations.size() + ", seatOffers="
                + seatOffers.size() + ", " + exportedAt + "]";
    }
}
