package org.eventregistration.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.PersonalDataExport;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Notification;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.Invariants;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/** The right of access (export) and erasure, scoped to one organiser. */
class PersonalDataTest {
    final MutableClock clock = MutableClock.at(Fixtures.T0);
    final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    final List<Notification> heard = new ArrayList<>();
    final RegistrationService service = RegistrationService.builder()
            .store(store)
            .clock(clock)
            .listener(heard::add)
            .build();
    final OrganiserConsole asker = service.console(OrganiserId.of("asker"), "ola");
    final OrganiserConsole baerum = service.console(OrganiserId.of("baerum"), "kari.b");
    final Event small = Fixtures.event("small", 1)
            .organiser(OrganiserId.of("asker"))
            .waitlist(WaitlistPolicy.autoPromote())
            .question(Question.text("diet", LocalizedText.of("Allergier?")).asSensitive())
            .build();
    final Event other =
            Fixtures.event("other", 10).organiser(OrganiserId.of("asker")).build();
    final Event elsewhere =
            Fixtures.event("elsewhere", 10).organiser(OrganiserId.of("baerum")).build();

    @Test
    void erasureFreesTheSeatPromotesTheNextAndLeavesNoPersonalData() {
        asker.saveEvent(small);
        asker.saveEvent(other);
        baerum.saveEvent(elsewhere);
        RegistrationOutcome kari = service.register(Fixtures.person(small, "Kari@Asker.example")
                .name("Kari Nordmann")
                .phone("+47 911 22 333")
                .answer("diet", "Nøtter og skalldyr")
                .build());
        RegistrationOutcome ola = service.register(
                Fixtures.person(small, "ola@nav.example").name("Ola Hansen").build());
        RegistrationOutcome kariOther = service.register(Fixtures.person(other, "kari@asker.example")
                .name("Kari Nordmann")
                .build());
        RegistrationOutcome kariElsewhere = service.register(Fixtures.person(elsewhere, "kari@asker.example")
                .name("Kari Nordmann")
                .build());
        assertThat(ola).isInstanceOf(RegistrationOutcome.Waitlisted.class);
        ManageToken kariToken = Fixtures.token(kari);
        heard.clear();

        List<Registration> erased = asker.erasePersonalData("  KARI@asker.example ");

        assertThat(erased)
                .extracting(Registration::id)
                .containsExactlyInAnyOrder(
                        Fixtures.registration(kari).id(),
                        Fixtures.registration(kariOther).id());
        assertThat(erased).allSatisfy(r -> {
            assertThat(r.anonymised()).isTrue();
            assertThat(r.status()).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(r.attendee().name()).doesNotContain("Kari");
            assertThat(r.answers()).isEmpty();
        });
        // Exactly as a cancellation: the seat went to the first in line.
        assertThat(asker.findRegistration(Fixtures.registration(ola).id())
                        .orElseThrow()
                        .status())
                .isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(heard).extracting(Notification::kind).containsExactly(Notification.Kind.PROMOTED);
        assertThat(asker.statistics(small.id()).seatsTaken()).isEqualTo(1);
        Invariants.check(store, small, "after erasure");
        assertThat(service.findByManageToken(kariToken)).isEmpty();
        // Another organiser's registration of the same address is not touched.
        assertThat(baerum.findRegistration(Fixtures.registration(kariElsewhere).id())
                        .orElseThrow()
                        .attendee()
                        .name())
                .isEqualTo("Kari Nordmann");
        assertThat(asker.exportPersonalData("kari@asker.example").registrations())
                .isEmpty();
        assertThat(asker.auditLog(small.id()))
                .filteredOn(e -> e.action() == AuditAction.PERSONAL_DATA_ERASED)
                .singleElement()
                .satisfies(e -> assertThat(e.registrationId())
                        .contains(Fixtures.registration(kari).id()));
        // Erasing again is a no-op.
        assertThat(asker.erasePersonalData("kari@asker.example")).isEmpty();
        assertThatThrownBy(() -> asker.erasePersonalData(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAccessExportHasEveryRegistrationOfTheAddressAndNothingOfAnyoneElse() {
        asker.saveEvent(small);
        asker.saveEvent(other);
        baerum.saveEvent(elsewhere);
        RegistrationOutcome first = service.register(Fixtures.person(small, "kari@asker.example")
                .name("Kari \"K\" Nordmann\\")
                .answer("diet", "Nøtter\nog skalldyr")
                .build());
        service.cancel(Fixtures.token(first));
        RegistrationOutcome second = service.register(Fixtures.person(small, "kari@asker.example")
                .name("Kari Nordmann")
                .build());
        RegistrationOutcome third = service.register(Fixtures.person(other, "KARI@asker.example")
                .name("Kari Nordmann")
                .build());
        service.register(Fixtures.person(small, "ola@nav.example")
                .name("Ola Hansen")
                .phone("+47 400 00 000")
                .build());
        service.register(Fixtures.person(elsewhere, "kari@asker.example")
                .name("Kari i Bærum")
                .build());
        asker.checkIn(Fixtures.registration(third).id());

        PersonalDataExport export = asker.exportPersonalData("Kari@Asker.example");

        assertThat(export.email()).isEqualTo("kari@asker.example");
        assertThat(export.organiser()).isEqualTo(OrganiserId.of("asker"));
        assertThat(export.registrations())
                .extracting(i -> i.registration().id())
                .containsExactlyInAnyOrder(
                        Fixtures.registration(first).id(),
                        Fixtures.registration(second).id(),
                        Fixtures.registration(third).id());
        assertThat(export.registrations())
                .filteredOn(i -> i.registration()
                        .id()
                        .equals(Fixtures.registration(third).id()))
                .singleElement()
                .satisfies(
                        i -> assertThat(i.audit()).extracting(e -> e.action()).containsExactly(AuditAction.CHECKED_IN));
        String json = export.toJson();
        assertThat(json)
                .startsWith("{\"format\":\"" + PersonalDataExport.FORMAT + "\"")
                .contains("\"name\":\"Kari \\\"K\\\" Nordmann\\\\\"")
                .contains("Nøtter\\nog skalldyr")
                .contains(Fixtures.registration(third).id().value())
                .contains("\"action\":\"CHECKED_IN\"")
                .doesNotContain("Ola Hansen")
                .doesNotContain("ola@nav.example")
                .doesNotContain("+47 400 00 000")
                .doesNotContain("Bærum")
                .doesNotContain(Fixtures.token(second).value())
                .doesNotContain(Fixtures.registration(second).manageTokenHash());
        assertThat(balanced(json)).as("brackets balance outside strings").isTrue();
        assertThat(export.toString()).doesNotContain("kari");
        assertThat(asker.auditLog(small.id()))
                .filteredOn(e -> e.action() == AuditAction.PERSONAL_DATA_EXPORTED)
                .hasSize(2);
        assertThat(baerum.exportPersonalData("kari@asker.example").registrations())
                .hasSize(1);
        assertThat(asker.exportPersonalData("nobody@example.no").registrations())
                .isEmpty();
    }

    @Test
    void hostileAddressesFindNothingAndChangeNothing() {
        asker.saveEvent(small);
        service.register(Fixtures.person(small, "kari@asker.example").build());
        List<Registration> before = asker.registrations(small.id());
        for (String hostile : List.of(
                "%",
                "_",
                "*",
                "' OR '1'='1",
                "kari@asker.example' --",
                "kari@asker.example\u0000",
                "\u202ekari",
                "x".repeat(320))) {
            assertThat(asker.exportPersonalData(hostile).registrations())
                    .as(hostile)
                    .isEmpty();
            assertThat(asker.erasePersonalData(hostile)).as(hostile).isEmpty();
        }
        assertThatThrownBy(() -> asker.exportPersonalData("x".repeat(321)))
                .isInstanceOf(IllegalArgumentException.class);
        // Case and surrounding white space do not matter: the address is compared normalized.
        assertThat(asker.exportPersonalData(" KARI@asker.example\n").registrations())
                .hasSize(1);
        assertThat(asker.registrations(small.id())).isEqualTo(before);
        // Every look-up that found nothing is in the organiser's own audit log: who asked, and when.
        assertThat(asker.auditLog())
                .hasSize(16)
                .allSatisfy(a -> {
                    assertThat(a.eventId()).isEmpty();
                    assertThat(a.registrationId()).isEmpty();
                    assertThat(a.organiser()).isEqualTo(asker.organiser());
                    assertThat(a.actor()).isEqualTo(asker.actor());
                })
                .extracting(a -> a.action().name())
                .containsOnly("PERSONAL_DATA_EXPORTED", "PERSONAL_DATA_ERASED");
    }

    /** A cheap well-formedness check: braces and brackets balance outside strings, and strings close. */
    static boolean balanced(String json) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                } else if (c < 0x20) {
                    return false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return depth == 0 && !inString;
    }
}
