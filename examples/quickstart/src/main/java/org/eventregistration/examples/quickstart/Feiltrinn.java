package org.eventregistration.examples.quickstart;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.LocalizedText;

/**
 * The Feiltrinn conference, as its invitation (in Norwegian) describes it. The facts it gives,
 * all that this example uses:
 *
 * <ul>
 *   <li>"Difi inviterer i samarbeid med Asker kommune og SoCentral, til konferansen Feiltrinn den
 *       11. desember": one host (Difi, today Digitaliseringsdirektoratet) and two co-hosts; one day,
 *       11 December, no year;
 *   <li>the theme: from a zero-error culture to a culture of innovation in the public sector
 *       ("Prøv – feil – lær – del!");
 *   <li>"Klikk her for mer info og påmelding": a link to register;
 *   <li>"Målgruppe: Ledere, mellomledere og prosjektledere i stat og kommune": leaders, middle
 *       managers and project managers in the state and the municipalities.
 * </ul>
 *
 * <p>The invitation gives no times, venue or number of seats; the times below are made up, and the
 * seats are few so that the story fills them quickly.
 */
final class Feiltrinn {
    /** Norwegian events are planned in Norwegian time; the library keeps the zone with every time. */
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    static final EventId ID = EventId.of("feiltrinn");
    static final String WORKSHOP = "verksted";

    static final int SEATS = 5;
    static final int WORKSHOP_SEATS = 2;
    static final int MAX_PER_ORGANISATION = 2;
    static final Duration OFFER_VALIDITY = Duration.ofHours(24);

    /**
     * Where to read more. The invitation's "Klikk her for mer info og påmelding" link has no address
     * in the text we have, so this is a placeholder.
     */
    static final URI INFO = URI.create("https://example.org/feiltrinn");

    private Feiltrinn() {}

    /** The first 11 December after {@code today}: the invitation names a day, not a year. */
    static LocalDate conferenceDay(LocalDate today) {
        LocalDate thisYear = LocalDate.of(today.getYear(), Month.DECEMBER, 11);
        return thisYear.isAfter(today) ? thisYear : thisYear.plusYears(1);
    }

    /** The event, for a conference on the first 11 December after {@code today}. */
    static Event event(LocalDate today) {
        LocalDate day = conferenceDay(today);
        ZonedDateTime start = ZonedDateTime.of(day, LocalTime.of(9, 0), OSLO);
        ZonedDateTime end = ZonedDateTime.of(day, LocalTime.of(16, 0), OSLO);
        // Registration opens six weeks ahead and closes two days before, at noon; people may cancel
        // on their own until then too. After that, an organiser cancels for them.
        ZonedDateTime opens = start.minusWeeks(6);
        ZonedDateTime closes = ZonedDateTime.of(day.minusDays(2), LocalTime.NOON, OSLO);

        // "Ledere, mellomledere og prosjektledere i stat og kommune": both must hold, so allOf.
        EligibilityRule audience = EligibilityRule.allOf(
                EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY),
                EligibilityRule.roleIn(Role.LEADER, Role.MIDDLE_MANAGER, Role.PROJECT_MANAGER));

        return Event.builder(ID)
                // Public bodies publish in bokmål and nynorsk; English is for international guests.
                .title(LocalizedText.of("Feiltrinn", "Feiltrinn", "Feiltrinn (Missteps)"))
                .description(LocalizedText.of(
                        "Hvordan kan vi få bukt med nullfeilskulturen i offentlig sektor, og i stedet bygge"
                                + " kultur for innovasjon? Prøv – feil – lær – del!",
                        "Korleis kan vi få bukt med nullfeilskulturen i offentleg sektor, og i staden byggje"
                                + " kultur for innovasjon? Prøv – feil – lær – del!",
                        "How can the public sector get rid of its zero-mistakes culture and build a culture"
                                + " of innovation instead? Try – fail – learn – share!"))
                .schedule(start, end)
                // One host owns the event; the others are co-hosts ("i samarbeid med").
                .host(Organisation.of("Difi (Direktoratet for forvaltning og IKT)"))
                .coHost(Organisation.of("Asker kommune"))
                .coHost(Organisation.of("SoCentral"))
                .infoUrl(INFO)
                // The audience as people read it, and as a rule the library checks.
                .audienceDescription(LocalizedText.of(
                        "Ledere, mellomledere og prosjektledere i stat og kommune",
                        "Leiarar, mellomleiarar og prosjektleiarar i stat og kommune",
                        "Leaders, middle managers and project managers in central and local government"))
                // Someone outside the audience is not turned away: an organiser decides.
                .eligibility(audience, OutsideAudience.REQUIRE_APPROVAL)
                .registrationWindow(opens.toInstant(), closes.toInstant())
                .cancellationDeadline(closes.toInstant())
                // Every capacity rule must have room: the event's seats, the workshop's own seats
                // (for those who choose it), and at most two people from one organisation.
                .capacity(CapacityPolicy.seats(SEATS).withMaxPerOrganisation(MAX_PER_ORGANISATION))
                .session(Session.of(
                        WORKSHOP,
                        LocalizedText.of(
                                "Verksted: Prøv – feil – lær – del",
                                "Verkstad: Prøv – feil – lær – del",
                                "Workshop: Try – fail – learn – share"),
                        ZonedDateTime.of(day, LocalTime.of(13, 0), OSLO),
                        ZonedDateTime.of(day, LocalTime.of(14, 30), OSLO),
                        WORKSHOP_SEATS))
                // When the event is full, people queue. A freed seat is offered to the first in line
                // who fits, and held for them for 24 hours; then it goes to the next.
                .waitlist(WaitlistPolicy.offers(OFFER_VALIDITY))
                .build();
    }
}
