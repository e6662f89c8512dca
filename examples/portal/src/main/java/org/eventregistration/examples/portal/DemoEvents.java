package org.eventregistration.examples.portal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.service.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo events: the Feiltrinn conference (from the invitation in {@code shared/seed}), a
 * citizens' meeting and a course. Added at start-up when missing, so that a restart on a file
 * database keeps what people registered. Only in the {@code demo} profile; turn off there with
 * {@code portal.seed-demo-events=false}.
 */
@Component
@Profile("demo")
public class DemoEvents implements ApplicationRunner {
    /** The Feiltrinn conference. */
    public static final EventId FEILTRINN = EventId.of("feiltrinn");
    /** A citizens' meeting open to everyone. */
    public static final EventId KOMMUNEPLAN = EventId.of("innbyggermote-kommuneplan");
    /** A small course whose freed seats are offered to the waiting list. */
    public static final EventId KLARSPRAK = EventId.of("kurs-klarsprak");

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final Logger log = LoggerFactory.getLogger(DemoEvents.class);

    private final RegistrationService service;
    private final Clock clock;
    private final PortalProperties properties;

    DemoEvents(RegistrationService service, Clock clock, PortalProperties properties) {
        this.service = service;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.seedDemoEvents()) {
            return;
        }
        for (Event event : events(clock)) {
            if (service.findEvent(event.id()).isEmpty()) {
                service.console(properties.organiserId(), "portal")
                        .saveEvent(event.toBuilder()
                                .organiser(properties.organiserId())
                                .build());
                log.info("demo event added: {}", event.id());
            }
        }
    }

    /**
     * The demo events, dated relative to the clock so that registration is open, each on a working
     * day (Monday to Friday): nobody holds a conference on a Sunday.
     */
    public static List<Event> events(Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(OSLO));
        LocalDate december11 = LocalDate.of(today.getYear(), Month.DECEMBER, 11);
        if (!december11.isAfter(today.plusDays(2))) {
            december11 = december11.plusYears(1);
        }
        return List.of(
                feiltrinn(workingDay(december11)),
                kommuneplan(workingDay(today.plusWeeks(3))),
                klarsprak(workingDay(today.plusWeeks(5))));
    }

    /** The day itself on Monday to Friday, else the Monday after. */
    static LocalDate workingDay(LocalDate day) {
        LocalDate d = day;
        while (d.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || d.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
            d = d.plusDays(1);
        }
        return d;
    }

    private static ZonedDateTime at(LocalDate day, int hour, int minute) {
        return ZonedDateTime.of(day, LocalTime.of(hour, minute), OSLO);
    }

    static Event feiltrinn(LocalDate day) {
        LocalizedText description = new LocalizedText(java.util.Map.of(
                "nb", """
                        Difi inviterer i samarbeid med Asker kommune og SoCentral til konferansen Feiltrinn. Her setter vi fokus på \
                        hvordan vi kan få bukt med nullfeilskulturen i offentlig sektor, og i stedet bygge kultur for innovasjon.

                        Fornye, forenkle, forbedre. Digitalisere, effektivisere og fange tidstyver. Visjonene for fremtidens Norge er \
                        mange, og for å få til dette må vi tenke innovativt.

                        Kan offentlig sektor være innovativ? Noen vil hevde at innovasjon og offentlig sektor er motsetninger. Det er \
                        ikke noen motsetning mellom offentlig sektor og innovasjon, men det er derimot en motsetning mellom \
                        innovasjonskultur og nullfeilskultur.

                        Prøv – feil – lær – del! Innovasjon er å tørre å prøve, teste, feile, lære, utvikle, teste, gjøre om, teste, \
                        feile, lære mer og prøve på nytt. Hvordan kan vi legge til rette for en innovasjonskultur i offentlig sektor? \
                        Hva slags lederskap krever det? Hvilke incentiver fremmer utvikling og læring?""",
                "nn", """
                        Difi inviterer i samarbeid med Asker kommune og SoCentral til konferansen Feiltrinn. Her set vi fokus på \
                        korleis vi kan få bukt med nullfeilskulturen i offentleg sektor, og i staden byggje kultur for innovasjon.

                        Fornye, forenkle, forbetre. Digitalisere, effektivisere og fange tidstjuvar. Visjonane for framtidas Noreg er \
                        mange, og for å få til dette må vi tenkje innovativt.

                        Kan offentleg sektor vere innovativ? Nokre vil hevde at innovasjon og offentleg sektor er motsetnader. Det er \
                        ikkje nokon motsetnad mellom offentleg sektor og innovasjon, men det er derimot ein motsetnad mellom \
                        innovasjonskultur og nullfeilskultur.

                        Prøv – feil – lær – del! Innovasjon er å våge å prøve, teste, feile, lære, utvikle, teste, gjere om, teste, \
                        feile, lære meir og prøve på nytt. Korleis kan vi leggje til rette for ein innovasjonskultur i offentleg \
                        sektor? Kva slags leiarskap krev det? Kva insentiv fremjar utvikling og læring?""",
                "en", """
                        Difi, in cooperation with Asker municipality and SoCentral, invites you to the Feiltrinn ("Missteps") \
                        conference. We look at how the public sector can overcome its zero-error culture and build a culture for \
                        innovation instead.

                        Renew, simplify, improve. Digitalise, streamline and catch the time thieves. There are many visions for the \
                        Norway of the future, and to achieve them we must think innovatively.

                        Can the public sector be innovative? Some would claim that innovation and the public sector are opposites. \
                        There is no conflict between the public sector and innovation, but there is one between a culture of \
                        innovation and a zero-error culture.

                        Try – fail – learn – share! Innovation means daring to try, test, fail, learn, develop, test, redo, test, \
                        fail, learn more and try again. How can we make room for a culture of innovation in the public sector? What \
                        kind of leadership does it take? Which incentives foster development and learning?"""));
        return Event.builder(FEILTRINN)
                .title(LocalizedText.of(
                        "Feiltrinn – fra nullfeilskultur til innovasjonskultur",
                        "Feiltrinn – frå nullfeilskultur til innovasjonskultur",
                        "Feiltrinn – from a zero-error culture to a culture of innovation"))
                .description(description)
                .schedule(at(day, 9, 0), at(day, 15, 30))
                .venue(Venue.of("Asker kulturhus", "Strandveien 4, 1383 Asker"))
                .host(Organisation.of("Difi – Direktoratet for forvaltning og IKT"))
                .coHost(Organisation.of("Asker kommune"))
                .coHost(Organisation.of("SoCentral"))
                .infoUrl(URI.create("https://www.difi.no/"))
                .audienceDescription(LocalizedText.of(
                        "Ledere, mellomledere og prosjektledere i stat og kommune",
                        "Leiarar, mellomleiarar og prosjektleiarar i stat og kommune",
                        "Leaders, middle managers and project managers in central and local government"))
                .registrationWindow(
                        at(day, 0, 0).minusMonths(3).toInstant(),
                        at(day, 9, 0).minusDays(1).toInstant())
                .capacity(CapacityPolicy.seats(120).withMaxPerOrganisation(10).withMaxSessionsPerPerson(1))
                .waitlist(WaitlistPolicy.autoPromote())
                .eligibility(
                        EligibilityRule.allOf(
                                EligibilityRule.sectorIn(Sector.STATE, Sector.MUNICIPALITY, Sector.COUNTY),
                                EligibilityRule.roleIn(Role.LEADER, Role.MIDDLE_MANAGER, Role.PROJECT_MANAGER)),
                        OutsideAudience.REQUIRE_APPROVAL)
                .session(Session.of(
                        "workshop-prov-feil",
                        LocalizedText.of(
                                "Workshop: Prøv – feil – lær – del",
                                "Workshop: Prøv – feil – lær – del",
                                "Workshop: Try – fail – learn – share"),
                        at(day, 13, 0),
                        at(day, 15, 0),
                        30))
                .session(Session.of(
                        "workshop-tidstyver",
                        LocalizedText.of(
                                "Workshop: Fang tidstyvene",
                                "Workshop: Fang tidstjuvane",
                                "Workshop: Catch the time thieves"),
                        at(day, 13, 0),
                        at(day, 15, 0),
                        30))
                .question(Question.choice(
                                "deltakelse",
                                LocalizedText.of("Hvordan deltar du?", "Korleis deltek du?", "How will you take part?"),
                                List.of(
                                        Question.Option.of(
                                                "fysisk", LocalizedText.of("I salen", "I salen", "In the hall")),
                                        Question.Option.of(
                                                "digitalt",
                                                LocalizedText.of(
                                                        "Digitalt (strømming)",
                                                        "Digitalt (strøyming)",
                                                        "Online (streaming)"))))
                        .asRequired())
                .question(Question.text(
                                "matbehov",
                                LocalizedText.of(
                                        "Allergier eller andre behov for mat",
                                        "Allergiar eller andre behov for mat",
                                        "Allergies or other dietary needs"))
                        .asSensitive()
                        .withMaxLength(300))
                .build();
    }

    static Event kommuneplan(LocalDate day) {
        return Event.builder(KOMMUNEPLAN)
                .title(LocalizedText.of(
                        "Innbyggermøte om ny kommuneplan",
                        "Innbyggjarmøte om ny kommuneplan",
                        "Citizens' meeting on the new municipal plan"))
                .description(LocalizedText.of(
                        "Kommunen legger fram forslaget til ny samfunnsdel av kommuneplanen. Kom og si hva du mener om skole, "
                                + "kollektivtrafikk og grøntområder i nærmiljøet ditt.",
                        "Kommunen legg fram framlegget til ny samfunnsdel av kommuneplanen. Kom og sei kva du meiner om skule, "
                                + "kollektivtrafikk og grøntområde i nærmiljøet ditt.",
                        "The municipality presents its draft of the new municipal plan. Come and tell us what you think about "
                                + "schools, public transport and green spaces near you."))
                .schedule(at(day, 18, 0), at(day, 20, 0))
                .venue(Venue.of("Rådhuset, bystyresalen", "Katrineåsveien 20, 1383 Asker"))
                .host(Organisation.of("Asker kommune"))
                .audienceDescription(
                        LocalizedText.of("Alle innbyggere", "Alle innbyggjarar", "Everyone living in the municipality"))
                .capacity(CapacityPolicy.seats(80))
                // Open to everyone: a name and an address are all the meeting needs.
                .askFor(java.util.EnumSet.noneOf(org.eventregistration.event.PersonalField.class))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
    }

    static Event klarsprak(LocalDate day) {
        return Event.builder(KLARSPRAK)
                .title(LocalizedText.of(
                        "Kurs i klarspråk for kommuneansatte",
                        "Kurs i klarspråk for kommunetilsette",
                        "Plain-language course for municipal staff"))
                .description(LocalizedText.of(
                        "Et praktisk kurs i å skrive brev og nettekster som innbyggerne forstår første gang de leser dem. "
                                + "Ta gjerne med en tekst du vil forbedre.",
                        "Eit praktisk kurs i å skrive brev og nettekstar som innbyggjarane forstår første gong dei les dei. "
                                + "Ta gjerne med ein tekst du vil forbetre.",
                        "A hands-on course in writing letters and web pages that people understand the first time they read "
                                + "them. Bring a text you would like to improve."))
                .schedule(at(day, 9, 0), at(day, 12, 0))
                .venue(Venue.of("Asker bibliotek, møterom 2", "Torvveien 2, 1383 Asker"))
                .host(Organisation.of("Asker kommune"))
                .audienceDescription(LocalizedText.of(
                        "Ansatte i kommune og fylkeskommune",
                        "Tilsette i kommune og fylkeskommune",
                        "Staff of municipalities and counties"))
                .capacity(CapacityPolicy.seats(20))
                .waitlist(WaitlistPolicy.offers(Duration.ofHours(48)))
                .eligibility(EligibilityRule.sectorIn(Sector.MUNICIPALITY, Sector.COUNTY), OutsideAudience.REJECT)
                .build();
    }
}
