package org.eventregistration.examples.quickstart;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.Event;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Messages;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.tck.MutableClock;

/**
 * The quick-start example: the Feiltrinn conference fills up, told in Norwegian with English below.
 *
 * <p>Run it from the repository root:
 *
 * <pre>
 * mvn -q -pl examples/quickstart -am compile -Prun
 * </pre>
 *
 * <p>Read {@link #tell()} from top to bottom: it is most of what a portal does with the library.
 * Build a {@link RegistrationService} once, save an {@link Event}, then call {@code register},
 * {@code approve}, {@code cancel}, {@code acceptOffer} and (on a schedule) {@code expireOffers}.
 * What the library decides comes back as values; what people should be told arrives at a {@link
 * RegistrationListener}.
 */
public final class Quickstart {
    /** The story's "now": fixed, so that every run tells the same story. */
    static final ZonedDateTime STORY_BEGINS = ZonedDateTime.of(2026, 11, 20, 9, 0, 0, 0, Feiltrinn.OSLO);

    /** Where a reader finds this file. */
    private static final String SOURCE =
            "examples/quickstart/src/main/java/org/eventregistration/examples/quickstart/Quickstart.java";

    /** The organiser at Difi, by the user id the portal knows them by; kept in the history. */
    static final Actor ORGANISER = Actor.organiser("arrangor.difi");

    // The people in the story are made up, and so are their addresses (.example is reserved for examples).
    static final Person KARI = new Person(
            "Kari Nordmann", "kari.nordmann@asker.example", "Asker kommune", Sector.MUNICIPALITY, Role.LEADER, true);
    static final Person OLA =
            new Person("Ola Hansen", "ola.hansen@nav.example", "Nav", Sector.STATE, Role.MIDDLE_MANAGER, true);
    static final Person PER = new Person(
            "Per Olsen", "per.olsen@konsulenthuset.example", "Konsulenthuset AS", Sector.PRIVATE, Role.ADVISER, false);
    static final Person INGRID = new Person(
            "Ingrid Berg",
            "ingrid.berg@asker.example",
            "Asker kommune",
            Sector.MUNICIPALITY,
            Role.PROJECT_MANAGER,
            false);
    static final Person ANDERS = new Person(
            "Anders Lie", "anders.lie@asker.example", "Asker kommune", Sector.MUNICIPALITY, Role.MIDDLE_MANAGER, false);
    static final Person SILJE = new Person(
            "Silje Haugen", "silje.haugen@skatteetaten.example", "Skatteetaten", Sector.STATE, Role.LEADER, false);
    static final Person JONAS = new Person(
            "Jonas Berntsen",
            "jonas.berntsen@vegvesen.example",
            "Statens vegvesen",
            Sector.STATE,
            Role.PROJECT_MANAGER,
            false);
    static final Person MARIA = new Person(
            "Maria Solberg", "maria.solberg@baerum.example", "Bærum kommune", Sector.MUNICIPALITY, Role.LEADER, false);

    /**
     * Someone who fills in the registration form.
     *
     * @param workshop true if they also sign up for the workshop
     */
    record Person(String name, String email, String organisation, Sector sector, Role role, boolean workshop) {}

    /**
     * What happened, for a reader (the transcript) and for a test (the rest).
     *
     * @param event the conference
     * @param service the service the story ran on, to look at what it left behind
     * @param console the organiser's console on that service
     * @param transcript the story as told
     * @param outcomes what {@code register} answered, by person
     * @param mails the notifications the listener received, in order
     */
    record Story(
            Event event,
            RegistrationService service,
            OrganiserConsole console,
            Transcript transcript,
            Map<Person, RegistrationOutcome> outcomes,
            List<Mail> mails) {}

    /**
     * A notification as the listener received it, with the name it looked up.
     *
     * @param kind what happened
     * @param to the person's name
     */
    record Mail(Notification.Kind kind, String to) {}

    private final MutableClock clock;
    private final Event feiltrinn;
    private final RegistrationService service;
    private final OrganiserConsole organiser;
    private final Transcript transcript;
    private final Map<Person, RegistrationOutcome> outcomes = new LinkedHashMap<>();
    private final List<Mail> mails = new CopyOnWriteArrayList<>();
    /** The link in the last e-mail to each person, by name: what they would click. */
    private final Map<String, ManageToken> links = new ConcurrentHashMap<>();

    private Quickstart(MutableClock clock) {
        this.clock = clock;
        this.transcript = new Transcript(clock);
        // The invitation says "11 December" and no year: the first one after today.
        this.feiltrinn = Feiltrinn.event(ZonedDateTime.now(clock).toLocalDate());

        // The in-memory store keeps everything in this JVM, which suits an example and tests. A
        // portal uses the JDBC store from registration-jdbc instead; nothing else changes.
        RegistrationStore store = new InMemoryRegistrationStore();
        // One service per application, shared by all threads. The clock is injected: the library
        // never reads the system clock itself, so the story can move time forward by hand.
        this.service = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(new Mailer(store))
                .build();
        // Organisers work through a console scoped to their own events; every change is audited.
        this.organiser = service.console(OrganiserId.DEFAULT, ORGANISER.id());
        organiser.saveEvent(feiltrinn);
    }

    /** Tells the story on standard output. */
    public static void main(String[] args) {
        Story story = tell(MutableClock.at(STORY_BEGINS.toInstant(), STORY_BEGINS.getZone()));
        // Encode as UTF-8 whatever the platform's default: the story is full of æ, ø and å, and a
        // JVM started without a UTF-8 locale would print them as question marks.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        story.transcript().render().forEach(out::println);
        out.flush();
    }

    /** Runs the whole story on a new in-memory service, starting at the clock's time. */
    static Story tell(MutableClock clock) {
        return new Quickstart(clock).tell();
    }

    private Story tell() {
        introduce();

        // 1. Kari finds the invitation and uses the public form. Anyone could type any address there,
        //    so the event (like every new event) asks her to confirm it: her seat is held for 30
        //    minutes until she follows the link in the e-mail, and nobody else can register her.
        registerByPublicForm(KARI);

        //    Everyone else registers on the municipality's intranet, logged in: the portal knows the
        //    address, says so, and the seat counts at once. Kari and Ola also take the workshop,
        //    which has seats of its own: after them it is full.
        register(OLA);

        // 2. A consultant from a private company is outside the audience ("leaders in central and
        //    local government"). The event holds such registrations for an organiser to decide, and
        //    says why, in the person's language and ours.
        RegistrationOutcome.PendingApproval per = expect(RegistrationOutcome.PendingApproval.class, register(PER));

        // 3. Asker kommune may send two. Ingrid is the second; Anders, the third, goes on the waiting
        //    list although seats are free: every capacity rule must have room, not just the seats.
        RegistrationOutcome.Confirmed ingrid = expect(RegistrationOutcome.Confirmed.class, register(INGRID));
        RegistrationOutcome.Waitlisted anders = expect(RegistrationOutcome.Waitlisted.class, register(ANDERS));

        // 4. The organiser reads Per's reasons and lets him in. He gets a free seat (had there been
        //    none, he would have joined the waiting list instead).
        clock.advance(Duration.ofMinutes(30));
        transcript.step("Arrangøren godkjenner Per Olsen.", "The organiser approves Per Olsen.");
        Registration approved = organiser.approve(per.registration().id());
        transcript.result(
                "Per Olsen er " + approved.status().message(Languages.BOKMAL) + ". " + seatsNb(),
                "Per Olsen is " + approved.status().message(Languages.ENGLISH) + ". " + seatsEn());

        // 5. The last seat goes, and a waiting list forms in order of arrival. Anders is still first.
        register(SILJE);
        RegistrationOutcome.Waitlisted jonas = expect(RegistrationOutcome.Waitlisted.class, register(JONAS));
        register(MARIA);
        showWaitingList();

        // 6. Ingrid cannot come after all, and cancels with the link from her confirmation (the
        //    manage token; the library stores only its hash). Her seat is offered to the first in
        //    line who fits every rule: Anders, now that Asker kommune is below its limit again.
        clock.advance(Duration.ofHours(2));
        transcript.step(
                "Ingrid Berg får forfall og melder seg av med lenken fra bekreftelsen.",
                "Ingrid Berg cannot come and cancels with the link from her confirmation.");
        Registration cancelled = service.cancel(links.get(INGRID.name()));
        transcript.result(
                "Ingrid Berg er " + cancelled.status().message(Languages.BOKMAL) + ". " + seatsNb(),
                "Ingrid Berg's registration is " + cancelled.status().message(Languages.ENGLISH) + ". " + seatsEn());
        showOffers();
        showWaitingList();

        // 7. Anders does not answer. A portal calls expireOffers() on a schedule (every minute, say);
        //    once the 24 hours are up, the offer expires and the seat goes to the next in line.
        clock.advance(Duration.ofHours(25));
        transcript.step(
                "25 timer senere har Anders Lie ikke svart. Den planlagte jobben kaller expireOffers().",
                "25 hours later, Anders Lie has not answered. The scheduled job calls expireOffers().");
        int expired = service.expireOffers();
        transcript.result(expired + " tilbud gikk ut.", expired + (expired == 1 ? " offer" : " offers") + " expired.");
        showOffers();
        showWaitingList();

        // 8. Jonas clicks the link in his offer and takes the seat.
        clock.advance(Duration.ofHours(1));
        transcript.step("Jonas Berntsen takker ja til plassen.", "Jonas Berntsen accepts the seat.");
        Registration accepted = service.acceptOffer(links.get(JONAS.name()));
        transcript.result(
                "Jonas Berntsen er " + accepted.status().message(Languages.BOKMAL) + ". " + seatsNb(),
                "Jonas Berntsen is " + accepted.status().message(Languages.ENGLISH) + ". " + seatsEn());

        summarize(anders.registration());
        return new Story(
                feiltrinn,
                service,
                organiser,
                transcript,
                Collections.unmodifiableMap(new LinkedHashMap<>(outcomes)),
                List.copyOf(mails));
    }

    // ---------------------------------------------------------------- the steps

    /** What the invitation says, read back from the event. */
    private void introduce() {
        ZonedDateTime start = feiltrinn.start();
        ZonedDateTime end = feiltrinn.end();
        transcript.heading(
                feiltrinn.title().message(Languages.BOKMAL), feiltrinn.title().message(Languages.ENGLISH));
        List<String> coHosts =
                feiltrinn.coHosts().stream().map(Organisation::name).toList();
        transcript.about(
                feiltrinn.host().name() + " inviterer i samarbeid med " + String.join(" og ", coHosts) + ".",
                feiltrinn.host().name() + " invites, in cooperation with " + String.join(" and ", coHosts) + ".");
        transcript.about(
                "Når: " + Transcript.dayNb(start) + " kl. " + Transcript.time(start) + "–" + Transcript.time(end) + " ("
                        + start.getZone() + ")",
                "When: " + Transcript.dayEn(start) + ", " + Transcript.time(start) + "–" + Transcript.time(end) + " ("
                        + start.getZone() + ")");
        feiltrinn
                .audienceDescription()
                .ifPresent(a -> transcript.about(
                        "Målgruppe: " + a.message(Languages.BOKMAL), "Audience: " + a.message(Languages.ENGLISH)));
        Session workshop = feiltrinn.sessions().get(0);
        transcript.about(
                "Plasser: " + feiltrinn.capacity().seats() + ", høyst "
                        + feiltrinn.capacity().maxPerOrganisation()
                        + " per organisasjon. «" + workshop.title().message(Languages.BOKMAL) + "» har "
                        + workshop.seats()
                        + " plasser.",
                "Seats: " + feiltrinn.capacity().seats() + ", at most "
                        + feiltrinn.capacity().maxPerOrganisation()
                        + " per organisation. \"" + workshop.title().message(Languages.ENGLISH) + "\" has "
                        + workshop.seats()
                        + " seats.");
        long hours = feiltrinn.waitlist().offerValidity().toHours();
        transcript.about(
                "Venteliste: en ledig plass tilbys den første i køen, og tilbudet gjelder i " + hours + " timer.",
                "Waiting list: a freed seat is offered to the first in line, and the offer stands for " + hours
                        + " hours.");
        feiltrinn.infoUrl().ifPresent(url -> transcript.about("Mer informasjon: " + url, "More information: " + url));
    }

    /** One person fills in the form and presses "Meld meg på". */
    private RegistrationOutcome register(Person p) {
        clock.advance(Duration.ofMinutes(10)); // people register a few minutes apart
        String workshopNb = p.workshop() ? ", med verkstedet" : "";
        String workshopEn = p.workshop() ? ", with the workshop" : "";
        transcript.step(
                p.name() + " (" + p.role().message(Languages.BOKMAL) + ", " + p.organisation()
                        + ") melder seg på, innlogget" + workshopNb + ".",
                p.name() + " (" + p.role().message(Languages.ENGLISH) + ", " + p.organisation()
                        + ") registers, logged in" + workshopEn + ".");

        // The request is the form as typed; the library validates it (every problem at once) and
        // then checks the window, the audience and every capacity rule.
        RegistrationRequest.Builder form = RegistrationRequest.builder(feiltrinn.id())
                .name(p.name())
                .email(p.email())
                .organisation(p.organisation(), "")
                .sector(p.sector())
                .role(p.role())
                .language(Languages.BOKMAL)
                .addressVerified(true); // logged in: the portal vouches for the address
        if (p.workshop()) {
            form.session(Feiltrinn.WORKSHOP);
        }
        RegistrationOutcome outcome = service.register(form.build());
        outcomes.put(p, outcome);
        describe(outcome);
        return outcome;
    }

    /**
     * A registration through the public form: the address is not verified, so the answer is
     * "check your e-mail" (the same whether or not the address was registered before), and the
     * person confirms through the link in it.
     */
    private Registration registerByPublicForm(Person p) {
        clock.advance(Duration.ofMinutes(10));
        transcript.step(
                p.name() + " (" + p.role().message(Languages.BOKMAL) + ", " + p.organisation()
                        + ") melder seg på med det åpne skjemaet, med verkstedet.",
                p.name() + " (" + p.role().message(Languages.ENGLISH) + ", " + p.organisation()
                        + ") registers with the public form, with the workshop.");
        RegistrationOutcome outcome = service.register(RegistrationRequest.builder(feiltrinn.id())
                .name(p.name())
                .email(p.email())
                .organisation(p.organisation(), "")
                .sector(p.sector())
                .role(p.role())
                .session(Feiltrinn.WORKSHOP)
                .language(Languages.BOKMAL)
                .build());
        outcomes.put(p, outcome);
        RegistrationOutcome.AwaitingAddressConfirmation awaiting =
                expect(RegistrationOutcome.AwaitingAddressConfirmation.class, outcome);
        ZonedDateTime by = awaiting.confirmBy().atZone(Feiltrinn.OSLO);
        transcript.result(
                "Sjekk e-posten din: bekreft adressen innen " + Transcript.whenNb(by) + ". Plassen holdes av. "
                        + seatsNb(),
                "Check your e-mail: confirm the address by " + Transcript.whenEn(by) + ". The seat is held. "
                        + seatsEn());

        clock.advance(Duration.ofMinutes(3));
        transcript.step(
                p.name() + " åpner lenken i e-posten og trykker «Bekreft».",
                p.name() + " opens the link in the e-mail and presses \"Confirm\".");
        Registration confirmed = service.confirmAddress(links.get(p.name()));
        transcript.result(
                "Adressen er bekreftet. Påmeldingen er " + confirmed.status().message(Languages.BOKMAL) + ". "
                        + seatsNb(),
                "The address is confirmed. The registration is "
                        + confirmed.status().message(Languages.ENGLISH) + ". " + seatsEn());
        return confirmed;
    }

    /**
     * Tells what {@code register} answered. The outcome is a sealed type; on Java 21 this would be
     * a {@code switch} with patterns, on 17 it is a chain of {@code instanceof}.
     */
    private void describe(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed) {
            transcript.result("Bekreftet. " + seatsNb(), "Confirmed. " + seatsEn());
        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            transcript.result(
                    "På ventelisten som nr. " + w.position() + ", fordi:",
                    "On the waiting list as number " + w.position() + ", because:");
            transcript.reasons(w.reasons());
        } else if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            transcript.result(
                    "Venter på godkjenning fra arrangøren, fordi:", "Awaiting the organiser's approval, because:");
            transcript.reasons(p.reasons());
        } else if (outcome instanceof RegistrationOutcome.Rejected r) {
            transcript.result("Avvist, fordi:", "Rejected, because:");
            transcript.reasons(r.reasons());
        } else if (outcome instanceof RegistrationOutcome.Invalid i) {
            transcript.result("Skjemaet må rettes:", "The form needs correcting:");
            transcript.reasons(i.violations());
        } else if (outcome instanceof RegistrationOutcome.AlreadyRegistered) {
            transcript.result("Allerede påmeldt.", "Already registered.");
        }
    }

    /** The waiting list as an organiser sees it, in order. */
    private void showWaitingList() {
        List<Registration> waiting = organiser.waitingList(feiltrinn.id());
        transcript.detail("Ventelisten nå:", "The waiting list now:");
        for (Registration r : waiting) {
            transcript.item(organiser.waitingPosition(r.id()).orElseThrow() + ". "
                    + r.attendee().name());
        }
    }

    /** Seats that are held for someone until they answer. */
    private void showOffers() {
        for (Registration r : organiser.registrations(feiltrinn.id(), RegistrationStatus.OFFERED)) {
            ZonedDateTime until = r.offerExpiresAt().orElseThrow().atZone(Feiltrinn.OSLO);
            transcript.detail(
                    "Plassen holdes av for " + r.attendee().name() + " til " + Transcript.whenNb(until) + ".",
                    "The seat is held for " + r.attendee().name() + " until " + Transcript.whenEn(until) + ".");
        }
    }

    /** Everyone's status at the end, and one registration's history (who did what, when, why). */
    private void summarize(Registration followed) {
        transcript.step("Slik står det nå:", "Where things stand:");
        for (Registration r : organiser.registrations(feiltrinn.id())) {
            String workshop = r.sessions().isEmpty() ? "" : ", verksted / workshop";
            transcript.item(r.attendee().name() + ": " + r.status().message(Languages.BOKMAL) + " / "
                    + r.status().message(Languages.ENGLISH) + workshop);
        }
        transcript.detail(seatsNb() + " " + waitingNb(), seatsEn() + " " + waitingEn());

        Registration r = organiser.findRegistration(followed.id()).orElseThrow();
        transcript.detail(
                "Historikken til " + r.attendee().name() + ":", r.attendee().name() + "'s history:");
        for (StatusChange change : r.history()) {
            ZonedDateTime at = change.at().atZone(Feiltrinn.OSLO);
            transcript.detail(
                    "  " + Transcript.whenNb(at) + " – " + explain(change, Languages.BOKMAL),
                    "  " + Transcript.whenEn(at) + " – " + explain(change, Languages.ENGLISH));
        }

        transcript.blank();
        transcript.heading("Koden bak historien: " + SOURCE, "The code behind the story: " + SOURCE);
    }

    // ---------------------------------------------------------------- notifications

    /**
     * What a portal does with notifications: send an e-mail in the person's language. Notifications
     * carry ids only, no personal data, so the listener looks the registration up. It is called
     * after the change is committed; here it writes the "e-mail" into the story.
     */
    private final class Mailer implements RegistrationListener {
        private final RegistrationStore store;

        Mailer(RegistrationStore store) {
            this.store = store;
        }

        @Override
        public void onDelivery(Delivery delivery) {
            // Each message carries a fresh link; a real mailer puts it in a URL of the portal.
            delivery.link()
                    .ifPresent(link -> links.put(
                            delivery.registration().orElseThrow().attendee().name(), link.token()));
            onNotification(delivery.notification());
        }

        @Override
        public void onNotification(Notification n) {
            Registration r = store.findRegistration(n.registrationId()).orElseThrow();
            String name = r.attendee().name();
            mails.add(new Mail(n.kind(), name));
            String title = feiltrinn.title().message(Languages.BOKMAL);
            switch (n.kind()) {
                case CONFIRMED ->
                    transcript.mail(name, "Du har plass på " + title + ".", "You have a seat at " + title + ".");
                case WAITLISTED -> transcript.mail(name, "Du står på ventelisten.", "You are on the waiting list.");
                case PENDING_APPROVAL ->
                    transcript.mail(
                            name,
                            "Vi har fått påmeldingen din; arrangøren vurderer den.",
                            "We have your registration; the organiser will review it.");
                case PROMOTED ->
                    transcript.mail(
                            name, "Du har fått plass fra ventelisten.", "You have a seat from the waiting list.");
                case APPROVED ->
                    transcript.mail(
                            name,
                            "Arrangøren har godkjent påmeldingen din, og du har plass.",
                            "The organiser has approved your registration, and you have a seat.");
                case OFFER_ACCEPTED ->
                    transcript.mail(
                            name, "Du har takket ja, og plassen er din.", "You have accepted, and the seat is yours.");
                case OFFERED -> {
                    ZonedDateTime until = r.offerExpiresAt().orElseThrow().atZone(Feiltrinn.OSLO);
                    transcript.mail(
                            name,
                            "En plass er ledig for deg! Svar innen " + Transcript.whenNb(until) + ".",
                            "A seat is free for you! Answer by " + Transcript.whenEn(until) + ".");
                }
                case OFFER_EXPIRED ->
                    transcript.mail(
                            name,
                            "Tilbudet ditt gikk ut, og plassen gikk videre.",
                            "Your offer expired, and the seat went to the next in line.");
                case DECLINED ->
                    transcript.mail(name, "Påmeldingen din ble avslått.", "Your registration was declined.");
                case CANCELLED -> transcript.mail(name, "Du er meldt av.", "Your registration is cancelled.");
                case CHECKED_IN -> transcript.mail(name, "Velkommen!", "Welcome!");
                case NO_SHOW -> transcript.mail(name, "Vi savnet deg.", "We missed you.");
                case ADDRESS_CONFIRMATION ->
                    transcript.mail(
                            name,
                            "Bekreft e-postadressen din med lenken i denne e-posten.",
                            "Confirm your e-mail address with the link in this e-mail.");
                case ALREADY_REGISTERED, LINK_REQUESTED ->
                    transcript.mail(
                            name, "Her er lenken til påmeldingen din.", "Here is the link to your registration.");
                case DATA_REQUEST ->
                    transcript.mail(name, "Her er lenken til dataene dine.", "Here is the link to your data.");
            }
        }
    }

    // ---------------------------------------------------------------- small helpers

    /** The outcome as the type the story expects; if the library answered otherwise, the story cannot go on. */
    private static <T extends RegistrationOutcome> T expect(Class<T> type, RegistrationOutcome outcome) {
        if (!type.isInstance(Objects.requireNonNull(outcome, "outcome"))) {
            throw new IllegalStateException(
                    "the story expected " + type.getSimpleName() + " but the library answered " + outcome);
        }
        return type.cast(outcome);
    }

    private String seatsNb() {
        EventStatistics s = organiser.statistics(feiltrinn.id());
        return s.seatsTaken() + " av " + s.seats() + " plasser er tatt, " + workshopTaken(s) + " av "
                + Feiltrinn.WORKSHOP_SEATS + " på verkstedet.";
    }

    private String seatsEn() {
        EventStatistics s = organiser.statistics(feiltrinn.id());
        return s.seatsTaken() + " of " + s.seats() + " seats are taken, " + workshopTaken(s) + " of "
                + Feiltrinn.WORKSHOP_SEATS + " in the workshop.";
    }

    private String waitingNb() {
        return organiser.statistics(feiltrinn.id()).waiting() + " på ventelisten.";
    }

    private String waitingEn() {
        return organiser.statistics(feiltrinn.id()).waiting() + " on the waiting list.";
    }

    private static int workshopTaken(EventStatistics s) {
        return s.sessionSeatsTaken().getOrDefault(SessionId.of(Feiltrinn.WORKSHOP), 0);
    }

    /** A history entry: the new status, why (a message key of the library, or an organiser's note), and who. */
    private static String explain(StatusChange change, Locale language) {
        String why = Messages.has(change.reason()) ? Messages.format(change.reason(), language) : change.reason();
        boolean nb = language.equals(Languages.BOKMAL);
        String who = switch (change.actor().kind()) {
            case ATTENDEE -> nb ? "deltakeren" : "the attendee";
            case SYSTEM -> nb ? "systemet" : "the system";
            case ORGANISER -> (nb ? "arrangør " : "organiser ") + change.actor().id();
        };
        return change.status().message(language) + ": " + why + " (" + who + ")";
    }
}
