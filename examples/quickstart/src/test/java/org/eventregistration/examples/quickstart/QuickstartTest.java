package org.eventregistration.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eventregistration.event.Event;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quick-start story does what the README promises, step by step, not just that it prints. */
class QuickstartTest {
    private static Quickstart.Story story;

    @BeforeAll
    static void tellTheStory() {
        story = Quickstart.tell(
                MutableClock.at(Quickstart.STORY_BEGINS.toInstant(), Quickstart.STORY_BEGINS.getZone()));
    }

    @Test
    void theEventIsTheFeiltrinnConferenceFromTheInvitation() {
        Event event = story.event();
        assertThat(event.start()).isEqualTo(ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Feiltrinn.OSLO));
        assertThat(event.host().name()).startsWith("Difi");
        assertThat(event.coHosts()).extracting(Organisation::name).containsExactly("Asker kommune", "SoCentral");
        assertThat(event.title().texts()).containsOnlyKeys("nb", "nn", "en");
        assertThat(event.audienceDescription().orElseThrow().message(Languages.BOKMAL))
                .isEqualTo("Ledere, mellomledere og prosjektledere i stat og kommune");
        assertThat(event.outsideAudience()).isEqualTo(OutsideAudience.REQUIRE_APPROVAL);
        assertThat(event.infoUrl()).contains(URI.create("https://example.org/feiltrinn"));
        assertThat(event.capacity().seats()).isEqualTo(5);
        assertThat(event.capacity().maxPerOrganisation()).isEqualTo(2);
        assertThat(event.session(SessionId.of(Feiltrinn.WORKSHOP)).orElseThrow().seats())
                .isEqualTo(2);
        assertThat(event.waitlist().offerValidity()).isEqualTo(Duration.ofHours(24));
    }

    @ParameterizedTest(name = "today {0} -> conference {1}")
    @CsvSource({
        "2026-11-20, 2026-12-11",
        "2026-01-01, 2026-12-11",
        "2026-12-10, 2026-12-11",
        "2026-12-11, 2027-12-11",
        "2026-12-31, 2027-12-11",
    })
    void theConferenceIsOnTheFirstEleventhOfDecemberAfterToday(LocalDate today, LocalDate expected) {
        assertThat(Feiltrinn.conferenceDay(today)).isEqualTo(expected);
        assertThat(Feiltrinn.event(today).start().toLocalDate()).isEqualTo(expected);
    }

    @Test
    void kariConfirmsTheAddressSheTypedIntoThePublicFormAndKeepsHerSeat() {
        assertThat(outcomeOf(Quickstart.KARI)).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);
        Registration kari = registrationOf(Quickstart.KARI);
        assertThat(kari.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(kari.addressConfirmed()).isTrue();
        assertThat(kari.history())
                .extracting(StatusChange::reason)
                .containsExactly("history.registered", Registration.ADDRESS_CONFIRMED);
        assertThat(story.mails())
                .filteredOn(m -> m.to().equals(Quickstart.KARI.name()))
                .extracting(Quickstart.Mail::kind)
                .containsExactly(Kind.ADDRESS_CONFIRMATION, Kind.CONFIRMED);
    }

    @Test
    void peopleInTheAudienceAreConfirmedWhileThereAreSeats() {
        assertThat(outcomeOf(Quickstart.OLA)).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(outcomeOf(Quickstart.INGRID)).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(outcomeOf(Quickstart.SILJE)).isInstanceOf(RegistrationOutcome.Confirmed.class);
    }

    @Test
    void theConsultantIsHeldForApprovalWithReasonsInEveryLanguage() {
        RegistrationOutcome.PendingApproval per = (RegistrationOutcome.PendingApproval) outcomeOf(Quickstart.PER);
        assertThat(per.reasons())
                .extracting(Reason::key)
                .containsExactly("eligibility.sector.notIn", "eligibility.role.notIn", "eligibility.approvalRequired");
        // The transcript shows the library's own sentences, in bokmål and in English.
        assertThat(story.transcript().render())
                .anySatisfy(line ->
                        assertThat(line).contains("Sektoren privat sektor er ikke i målgruppen (stat, kommune)."));
        assertThat(story.transcript().render())
                .anySatisfy(
                        line -> assertThat(line)
                                .contains(
                                        "The role adviser is not in the target audience (leader, middle manager, project manager)."));
        // The organiser approved him while a seat was free.
        Registration approved = registrationOf(Quickstart.PER);
        assertThat(approved.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(approved.history())
                .extracting(StatusChange::status, StatusChange::actor)
                .containsExactly(
                        tuple(RegistrationStatus.PENDING_APPROVAL, Actor.attendee()),
                        tuple(RegistrationStatus.CONFIRMED, Quickstart.ORGANISER));
    }

    @Test
    void aWaitingListFormsInOrderOfArrival() {
        RegistrationOutcome.Waitlisted anders = (RegistrationOutcome.Waitlisted) outcomeOf(Quickstart.ANDERS);
        RegistrationOutcome.Waitlisted jonas = (RegistrationOutcome.Waitlisted) outcomeOf(Quickstart.JONAS);
        RegistrationOutcome.Waitlisted maria = (RegistrationOutcome.Waitlisted) outcomeOf(Quickstart.MARIA);
        assertThat(List.of(anders.position(), jonas.position(), maria.position()))
                .containsExactly(1, 2, 3);
        // Anders waits because Asker kommune has used its two seats, not because the event is full.
        assertThat(anders.reasons()).extracting(Reason::key).containsExactly("capacity.organisation.full");
        assertThat(jonas.reasons()).extracting(Reason::key).containsExactly("capacity.event.full");
    }

    @Test
    void aCancellationOffersTheSeatToTheFirstInLineAndTheExpiredOfferGoesToTheNext() {
        List<Quickstart.Mail> mails = story.mails();
        int cancelled = mails.indexOf(new Quickstart.Mail(Kind.CANCELLED, Quickstart.INGRID.name()));
        assertThat(mails.subList(cancelled, mails.size()))
                .containsExactly(
                        new Quickstart.Mail(Kind.CANCELLED, Quickstart.INGRID.name()),
                        new Quickstart.Mail(Kind.OFFERED, Quickstart.ANDERS.name()),
                        new Quickstart.Mail(Kind.OFFER_EXPIRED, Quickstart.ANDERS.name()),
                        new Quickstart.Mail(Kind.OFFERED, Quickstart.JONAS.name()),
                        new Quickstart.Mail(Kind.OFFER_ACCEPTED, Quickstart.JONAS.name()));

        Registration anders = registrationOf(Quickstart.ANDERS);
        assertThat(anders.history())
                .extracting(StatusChange::status)
                .containsExactly(RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED, RegistrationStatus.EXPIRED);
        // The offer stood for exactly 24 hours; it expired on the run 25 hours after it was made.
        StatusChange offered = anders.history().get(1);
        StatusChange expired = anders.history().get(2);
        assertThat(Duration.between(offered.at(), expired.at())).isEqualTo(Duration.ofHours(25));
        assertThat(expired.actor()).isEqualTo(Actor.system());

        assertThat(registrationOf(Quickstart.JONAS).history())
                .extracting(StatusChange::status)
                .containsExactly(
                        RegistrationStatus.WAITLISTED, RegistrationStatus.OFFERED, RegistrationStatus.CONFIRMED);
    }

    @Test
    void inTheEndTheSeatsAreTakenAndOnePersonWaits() {
        Map<String, RegistrationStatus> statuses = story
                .console()
                .registrations(story.event().id())
                .stream()
                .collect(Collectors.toMap(r -> r.attendee().name(), Registration::status));
        assertThat(statuses)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Kari Nordmann", RegistrationStatus.CONFIRMED,
                        "Ola Hansen", RegistrationStatus.CONFIRMED,
                        "Per Olsen", RegistrationStatus.CONFIRMED,
                        "Ingrid Berg", RegistrationStatus.CANCELLED,
                        "Anders Lie", RegistrationStatus.EXPIRED,
                        "Silje Haugen", RegistrationStatus.CONFIRMED,
                        "Jonas Berntsen", RegistrationStatus.CONFIRMED,
                        "Maria Solberg", RegistrationStatus.WAITLISTED));

        EventStatistics stats = story.console().statistics(story.event().id());
        assertThat(stats.seatsTaken()).isEqualTo(5);
        assertThat(stats.sessionSeatsTaken()).containsEntry(SessionId.of(Feiltrinn.WORKSHOP), 2);
        assertThat(stats.waiting()).isEqualTo(1);
        assertThat(story.console()
                        .waitingPosition(registrationOf(Quickstart.MARIA).id()))
                .hasValue(1);
    }

    @Test
    void everyLineIsToldInBothLanguages() {
        assertThat(story.transcript().lines())
                .filteredOn(l -> !l.norwegian().isEmpty())
                .filteredOn(l -> !l.norwegian().equals(l.english())) // names and lists are one row
                .allSatisfy(l -> assertThat(l.english()).isNotBlank());
        assertThat(story.transcript().render())
                .contains(
                        "       → På ventelisten som nr. 1, fordi:",
                        "         On the waiting list as number 1, because:");
    }

    @Test
    void theStoryIsTheSameEveryTime() {
        Quickstart.Story again = Quickstart.tell(
                MutableClock.at(Quickstart.STORY_BEGINS.toInstant(), Quickstart.STORY_BEGINS.getZone()));
        assertThat(again.transcript().render()).isEqualTo(story.transcript().render());
    }

    @Test
    void mainPrintsTheStoryInUtf8() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            // An ASCII stream stands in for a JVM without a UTF-8 locale: main must not depend on it.
            System.setOut(new PrintStream(bytes, true, StandardCharsets.US_ASCII));
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertThat(printed.lines().toList()).isEqualTo(story.transcript().render());
        assertThat(printed).contains("── Lørdag 21. november 2026 ──", "Bærum kommune");
    }

    private static RegistrationOutcome outcomeOf(Quickstart.Person person) {
        return story.outcomes().get(person);
    }

    private static Registration registrationOf(Quickstart.Person person) {
        Map<String, Registration> byName = story
                .console()
                .registrations(story.event().id())
                .stream()
                .collect(Collectors.toMap(r -> r.attendee().name(), Function.identity()));
        return byName.get(person.name());
    }
}
