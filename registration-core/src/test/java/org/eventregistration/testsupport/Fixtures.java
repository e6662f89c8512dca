package org.eventregistration.testsupport;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;

/** Events, people and organisation numbers for tests. */
public final class Fixtures {
    public static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    /** Where test clocks start: well before every fixture event. */
    public static final Instant T0 = Instant.parse("2030-01-10T08:00:00Z");
    /** The day of the fixture events. */
    public static final ZonedDateTime DAY = ZonedDateTime.of(2030, 6, 11, 9, 0, 0, 0, OSLO);

    private Fixtures() {}

    /**
     * An event on {@link #DAY}, 09-16, with the given seats and the defaults otherwise, except that
     * addresses need no confirmation: the tests of address confirmation turn it back on.
     */
    public static Event.Builder event(String id, int seats) {
        return Event.builder(EventId.of(id))
                .addressConfirmation(AddressConfirmation.notRequired())
                .title(LocalizedText.of("Feiltrinn", "Feilsteg", "Missteps"))
                .schedule(DAY, DAY.plusHours(7))
                .host(Organisation.of("Digitaliseringsdirektoratet"))
                .coHost(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(seats));
    }

    /** A session on {@link #DAY} from {@code fromHour} for one hour. */
    public static Session session(String id, int fromHour, int seats) {
        ZonedDateTime start = DAY.withHour(fromHour);
        return Session.of(
                id,
                LocalizedText.of("Verksted " + id, "Verkstad " + id, "Workshop " + id),
                start,
                start.plusHours(1),
                seats);
    }

    /** A valid request from a state leader with the given e-mail. */
    public static RegistrationRequest.Builder person(Event event, String email) {
        return person(event.id(), email);
    }

    /** A valid request from a state leader with the given e-mail. */
    public static RegistrationRequest.Builder person(EventId event, String email) {
        return RegistrationRequest.builder(event)
                .name("Kari Nordmann")
                .email(email)
                .sector(Sector.STATE)
                .role(Role.LEADER);
    }

    /** The first {@code n} valid organisation numbers from 910000000 on. */
    public static List<String> organisationNumbers(int n) {
        List<String> numbers = new ArrayList<>();
        for (long candidate = 910_000_000L; numbers.size() < n; candidate++) {
            String s = Long.toString(candidate);
            if (OrganisationNumber.isValid(s)) {
                numbers.add(s);
            }
        }
        return numbers;
    }

    /** The registration an outcome made or found. */
    public static Registration registration(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.registration();
        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.registration();
        } else if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            return p.registration();
        } else if (outcome instanceof RegistrationOutcome.Repeated r) {
            return r.registration();
        }
        throw new AssertionError("no registration in " + outcome);
    }

    /** The manage token an outcome handed out. */
    public static ManageToken token(RegistrationOutcome outcome) {
        if (outcome instanceof RegistrationOutcome.Confirmed c) {
            return c.manageToken();
        } else if (outcome instanceof RegistrationOutcome.Waitlisted w) {
            return w.manageToken();
        } else if (outcome instanceof RegistrationOutcome.PendingApproval p) {
            return p.manageToken();
        }
        throw new AssertionError("no token in " + outcome);
    }

    /** The console of the default organiser, as user {@code ola}. */
    public static OrganiserConsole console(RegistrationService service) {
        return service.console(OrganiserId.DEFAULT, "ola");
    }

    /** The console of the default organiser, as the given organiser actor. */
    public static OrganiserConsole console(RegistrationService service, Actor actor) {
        return service.console(OrganiserId.DEFAULT, actor.id());
    }
}
