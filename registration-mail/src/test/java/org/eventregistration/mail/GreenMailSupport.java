package org.eventregistration.mail;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.tck.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A real RegistrationService with a MailNotifier on a real SMTP server (GreenMail), for the mail tests. */
abstract class GreenMailSupport {
    static final int PORT = freePort();
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final String PORTAL = "https://portal.example";
    static final EventId EVENT = EventId.of("feiltrinn-2026");

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"));

    final MutableClock clock = MutableClock.at(Instant.parse("2026-11-02T08:00:00Z"));
    final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    final List<Notification> notifications = new ArrayList<>();
    MailNotifier mail;
    RegistrationService service;

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Event.Builder event() {
        return Event.builder(EVENT)
                .title(LocalizedText.of("Feiltrinn", "Feilsteg", "Missteps"))
                .schedule(
                        ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, OSLO),
                        ZonedDateTime.of(2026, 12, 11, 16, 0, 0, 0, OSLO))
                .venue(Venue.of("Oslo kongressenter", "Youngs gate 21, Oslo"))
                .host(Organisation.of("Digitaliseringsdirektoratet"))
                .capacity(CapacityPolicy.seats(1));
    }

    @BeforeEach
    void setUp() {
        mail = MailNotifier.builder()
                .smtp("127.0.0.1", PORT)
                .startTls(false)
                .timeout(Duration.ofSeconds(5))
                .from("pamelding@digdir.example", "Påmelding – Digdir")
                .replyTo("kurs@digdir.example")
                .links(LinkFormat.of(PORTAL))
                .clock(clock)
                .build();
        RegistrationListener recorder = notifications::add;
        service = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(recorder)
                .listener(mail)
                .build();
    }

    void define(Event event) {
        service.console(OrganiserId.DEFAULT, "admin").saveEvent(event);
    }

    RegistrationOutcome register(String name, String email, Locale language, boolean verified) {
        return service.register(RegistrationRequest.builder(EVENT)
                .name(name)
                .email(email)
                .language(language)
                .addressVerified(verified)
                .build());
    }

    List<Mails> mailsTo(String address) {
        return Mails.to(greenMail.getReceivedMessages(), address);
    }

    Notification last(Notification.Kind kind) {
        return notifications.stream()
                .filter(n -> n.kind() == kind)
                .reduce((a, b) -> b)
                .orElseThrow();
    }
}
