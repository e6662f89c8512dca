package org.eventregistration.mail;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;

/** Registrations and deliveries made by hand, for what the service would never let through. */
final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-02T08:00:00Z");

    private Fixtures() {}

    static Registration confirmed(String name, String email, Locale language) {
        return Registration.builder()
                .id(RegistrationId.of("r-1"))
                .eventId(MailNotifierTest.EVENT)
                .attendee(Attendee.builder(name, email).build())
                .status(RegistrationStatus.CONFIRMED)
                .holds(Set.of(CounterKey.EVENT))
                .manageTokenHash(new ManageToken("x").hash())
                .language(language)
                .createdAt(NOW)
                .history(List.of(
                        new StatusChange(RegistrationStatus.CONFIRMED, NOW, Actor.attendee(), "history.registered")))
                .build();
    }

    static Notification notification(Notification.Kind kind) {
        return new Notification(
                "n-" + kind.name().toLowerCase(Locale.ROOT),
                kind,
                MailNotifierTest.EVENT,
                RegistrationId.of("r-1"),
                NOW,
                kind == Notification.Kind.MESSAGE ? Optional.of("m-1") : Optional.empty());
    }

    /** The organiser's message of every {@link #notification} of kind MESSAGE. */
    static OrganiserMessage message() {
        return new OrganiserMessage(
                "m-1",
                MailNotifierTest.EVENT,
                LocalizedText.of("Praktisk informasjon", "Praktisk informasjon", "Practical information"),
                LocalizedText.of("Ta med legitimasjon.", "Ta med legitimasjon.", "Bring ID."),
                EnumSet.of(RegistrationStatus.CONFIRMED),
                Actor.organiser("ola"),
                NOW);
    }

    static Delivery delivery(Notification notification, Event event, Registration registration) {
        return new Delivery() {
            @Override
            public Notification notification() {
                return notification;
            }

            @Override
            public Optional<Event> event() {
                return Optional.of(event);
            }

            @Override
            public Optional<Registration> registration() {
                return Optional.of(registration);
            }

            @Override
            public OptionalInt waitingPosition() {
                return OptionalInt.of(3);
            }

            @Override
            public Optional<OrganiserMessage> message() {
                return notification.messageId().map(id -> Fixtures.message());
            }

            @Override
            public Optional<Link> link() {
                return notification
                        .kind()
                        .link()
                        .map(p -> new Link(p, new ManageToken("tok-" + p.name()), NOW.plusSeconds(3600)));
            }
        };
    }
}
