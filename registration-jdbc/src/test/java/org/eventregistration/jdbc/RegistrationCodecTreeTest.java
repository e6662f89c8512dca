package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The registration's JSON, written member by member, is the one the tree of maps gave (the way
 * the codec wrote it before): every optional part present or absent, odd characters, empty lists.
 */
class RegistrationCodecTreeTest {

    /** The codec's encoder as it was: a tree of maps and lists, then written. */
    private static String byTree(Registration r) {
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
                .put("format", 1)
                .put("id", r.id().value())
                .put("eventId", r.eventId().value())
                .put("attendee", attendee)
                .put(
                        "sessions",
                        r.sessions().stream().map(s -> (Object) s.value()).toList())
                .put("answers", new LinkedHashMap<String, Object>(r.answers()))
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
                .putOptional(
                        "confirmAddressBy",
                        r.confirmAddressBy().map(Instant::toString).orElse(null))
                .putOptional("requestFingerprint", r.requestFingerprint().orElse(null))
                .putOptional(
                        "linkWindowStart",
                        r.linkWindowStart().map(Instant::toString).orElse(null))
                .putOptional("linkRequests", r.linkRequests() != 0 ? r.linkRequests() : null)
                .putOptional("remindedAt", r.remindedAt().map(Instant::toString).orElse(null))
                .putOptional(
                        "handover",
                        r.handover()
                                .map(h -> new JsonObject()
                                        .put("name", h.name())
                                        .put("email", h.email())
                                        .put("requestedAt", h.requestedAt().toString())
                                        .put("expiresAt", h.expiresAt().toString()))
                                .orElse(null))
                .toJson();
    }

    private static Registration plain() {
        return Registration.builder()
                .id(RegistrationId.of("r-1"))
                .eventId(EventId.of("golden"))
                .attendee(Attendee.builder("Kari Nordmann", "kari@example.org").build())
                .sessions(Set.of())
                .answers(Map.of())
                .status(RegistrationStatus.CONFIRMED)
                .holds(Set.of(CounterKey.EVENT))
                .waitlistSequence(0)
                .offerExpiresAt(Optional.empty())
                .manageTokenHash("ab".repeat(32))
                .idempotencyKey(Optional.empty())
                .language(Locale.forLanguageTag("nb"))
                .createdAt(Fixtures.NOW)
                .history(List.of(new StatusChange(RegistrationStatus.CONFIRMED, Fixtures.NOW, Actor.attendee(), "")))
                .build();
    }

    @Test
    void writtenAsTheTreeWroteIt() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(
                "diet", "Nøtter; \"skalldyr\" — 🦐\nog gluten\\ \t\r\b\f\u0001\u007f\u2028\u2029 lone \ud800 x \udc00");
        answers.put("photo", "yes");
        answers.put("q\"\\", "");
        Registration plain = plain();
        Registration full = plain.toBuilder()
                .attendee(Attendee.builder("Áilu Ŋuolla-Čuđđi O'Brien \u0000", " Kari@Example.org")
                        .phone("+47 22 33 44 55")
                        .organisation("Asker \"kommune\"", new OrganisationNumber("974760673"))
                        .build())
                .sessions(
                        new java.util.LinkedHashSet<>(List.of(SessionId.of("workshop-b"), SessionId.of("workshop-a"))))
                .answers(answers)
                .status(RegistrationStatus.CONFIRMED)
                .holds(new java.util.LinkedHashSet<>(List.of(CounterKey.EVENT, new CounterKey("session:workshop-a"))))
                .waitlistSequence(Long.MAX_VALUE)
                .idempotencyKey(Optional.of("form-1"))
                .groupId(Optional.of("g-1"))
                .language(Locale.forLanguageTag("nn"))
                .confirmAddressBy(Optional.of(Fixtures.NOW.plusSeconds(1_800).plusNanos(1)))
                .requestFingerprint(Optional.of("5f".repeat(32)))
                .linkRequests(Optional.of(Fixtures.NOW.minusSeconds(600)), 2)
                .remindedAt(Optional.of(Instant.parse("2026-12-01T00:00:00Z")))
                .handover(Optional.of(new Handover(
                        "Ola \"Normann\"", "ola@example.org", Fixtures.NOW, Fixtures.NOW.plusSeconds(86_400))))
                .history(List.of(
                        new StatusChange(RegistrationStatus.WAITLISTED, Fixtures.NOW, Actor.attendee(), "first"),
                        new StatusChange(
                                RegistrationStatus.CONFIRMED,
                                Fixtures.NOW.plusMillis(1),
                                Actor.organiser("kari.o@asker"),
                                "seat \"freed\"\n")))
                .build();
        for (Registration r : List.of(
                plain,
                full,
                full.toBuilder()
                        .handover(Optional.empty())
                        .status(RegistrationStatus.OFFERED)
                        .offerExpiresAt(Optional.of(Fixtures.NOW.plusNanos(456_789)))
                        .history(List.of(new StatusChange(
                                RegistrationStatus.OFFERED, Fixtures.NOW.plusNanos(1), Actor.system(), "")))
                        .build(),
                full.toBuilder().linkRequests(Optional.empty(), 0).build())) {
            assertThat(RegistrationCodec.encode(r)).isEqualTo(byTree(r));
            assertThat(RegistrationCodec.decode(RegistrationCodec.encode(r))).isEqualTo(r);
        }
    }
}
