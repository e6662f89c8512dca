package org.eventregistration.tck;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;

/** Test data for store implementations: events and registrations with every optional part filled. */
public final class Fixtures {
    /** The zone of every fixture event. */
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** A fixed "now", millisecond precision (stores must keep at least microseconds). */
    public static final Instant NOW = Instant.parse("2026-11-20T08:00:00.123Z");

    private Fixtures() {}

    /** A small event with a workshop, a question of each kind, and a built-in eligibility rule. */
    public static Event event(String id, int seats) {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, OSLO);
        return Event.builder(EventId.of(id))
                .title(LocalizedText.of("Feiltrinn", "Feilsteg", "Missteps"))
                .description(LocalizedText.of(
                        "Om nullfeilskultur og innovasjon.",
                        "Om nullfeilskultur og innovasjon.",
                        "On zero-error culture and innovation."))
                .schedule(start, start.plusHours(7))
                .venue(Venue.of("Oslo kongressenter", "Youngs gate 21, Oslo"))
                .host(Organisation.of("Digitaliseringsdirektoratet", "991825827"))
                .coHost(Organisation.of("Asker kommune", "944382038"))
                .coHost(Organisation.of("SoCentral"))
                .infoUrl(java.net.URI.create("https://example.org/feiltrinn"))
                .audienceDescription(LocalizedText.of("Ledere, mellomledere og prosjektledere i stat og kommune"))
                .registrationWindow(NOW.minus(Duration.ofDays(30)), start.toInstant())
                .cancellationDeadline(start.toInstant().minus(Duration.ofDays(2)))
                .session(Session.of(
                        "workshop-a",
                        LocalizedText.of("Verksted A"),
                        start.plusHours(1),
                        start.plusHours(3),
                        Math.max(1, seats / 2)))
                .capacity(CapacityPolicy.seats(seats)
                        .withMaxPerOrganisation(Math.max(1, seats / 3))
                        .withMaxSessionsPerPerson(1)
                        .withReserved(
                                "kommuner",
                                Math.max(1, seats / 5),
                                EligibilityRule.sectorIn(Sector.MUNICIPALITY),
                                start.toInstant().minus(Duration.ofDays(10)),
                                LocalizedText.of("kommuner", "kommunar", "municipalities")))
                .waitlist(WaitlistPolicy.offers(Duration.ofHours(24)).withMaxLength(1000))
                .eligibility(
                        EligibilityRule.allOf(
                                        EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY),
                                        EligibilityRule.roleIn(Role.LEADER, Role.MIDDLE_MANAGER, Role.PROJECT_MANAGER))
                                .orApproval(),
                        OutsideAudience.REQUIRE_APPROVAL)
                .question(Question.text("diet", LocalizedText.of("Allergier?", "Allergiar?", "Allergies?"))
                        .asSensitive())
                .question(Question.yesNo("photo", LocalizedText.of("Greit med foto?"))
                        .asRequired())
                .question(Question.choice(
                        "lunch",
                        LocalizedText.of("Lunsj"),
                        List.of(
                                Question.Option.of("fish", LocalizedText.of("Fisk")),
                                Question.Option.of("veg", LocalizedText.of("Vegetar")))))
                .build();
    }

    /** A confirmed registration holding the event counter, with every optional part filled. */
    public static Registration confirmed(EventId eventId, String email) {
        return registration(eventId, email, RegistrationStatus.CONFIRMED, Set.of(CounterKey.EVENT), 0);
    }

    /** A waitlisted registration with the given sequence. */
    public static Registration waitlisted(EventId eventId, String email, long sequence) {
        return registration(eventId, email, RegistrationStatus.WAITLISTED, Set.of(), sequence);
    }

    /** A registration in any status; OFFERED gets an expiry an hour after {@link #NOW}. */
    public static Registration registration(
            EventId eventId, String email, RegistrationStatus status, Set<CounterKey> holds, long sequence) {
        Attendee attendee = Attendee.builder("Áilu Ŋuolla-Čuđđi O'Brien", email)
                .phone("+47 22 33 44 55")
                .organisation("Asker kommune", OrganisationNumber.parse("944 382 038"))
                .sector(Sector.MUNICIPALITY)
                .role(Role.MIDDLE_MANAGER)
                .build();
        return Registration.builder()
                .id(RegistrationId.of(UUID.randomUUID().toString()))
                .eventId(eventId)
                .attendee(attendee)
                .sessions(Set.of(SessionId.of("workshop-a")))
                .answers(Map.of("diet", "Nøtter; \"skalldyr\" — 🦐\nog gluten", "photo", "yes"))
                .status(status)
                .holds(holds)
                .waitlistSequence(sequence)
                .offerExpiresAt(
                        status == RegistrationStatus.OFFERED
                                ? Optional.of(NOW.plus(Duration.ofHours(1)))
                                : Optional.empty())
                .manageTokenHash(
                        ManageToken.generate(new java.security.SecureRandom()).hash())
                .idempotencyKey(Optional.of("form-" + UUID.randomUUID()))
                .requestFingerprint(Optional.of("5f".repeat(32)))
                .linkRequests(Optional.of(NOW.minusSeconds(600)), 2)
                .groupId(Optional.of("group-1"))
                .language(Locale.forLanguageTag("nn"))
                .createdAt(NOW)
                .history(List.of(new StatusChange(status, NOW, Actor.attendee(), "history.registered")))
                .build();
    }

    /** A registration with a minimal attendee: no phone, organisation, idempotency key, group, sessions or answers. */
    public static Registration minimal(EventId eventId, String email) {
        return Registration.builder()
                .id(RegistrationId.of(UUID.randomUUID().toString()))
                .eventId(eventId)
                .attendee(Attendee.builder("Ola Nordmann", email).build())
                .status(RegistrationStatus.PENDING_APPROVAL)
                .manageTokenHash(
                        ManageToken.generate(new java.security.SecureRandom()).hash())
                .createdAt(NOW)
                .history(List.of(new StatusChange(
                        RegistrationStatus.PENDING_APPROVAL, NOW, Actor.attendee(), "history.pending")))
                .build();
    }

    /** The same registration moved to a new status at {@code at}, by an organiser. */
    public static Registration moved(Registration r, RegistrationStatus status, Set<CounterKey> holds, Instant at) {
        return r.moveTo(
                status,
                holds,
                new StatusChange(
                        status,
                        at.truncatedTo(ChronoUnit.MILLIS),
                        Actor.organiser("kari.nordmann"),
                        "a note, with «quotes»"));
    }
}
