package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.WaitingListCap;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.tck.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON in the event and registration tables is what existing databases hold: the codecs write
 * it exactly as the files under {@code stored/} (written by the store before its JSON writer moved
 * to registration-core), and read back what older versions wrote.
 */
class StoredJsonTest {

    /** A registration with every optional part, answers in a fixed order. */
    private static Registration registration(String name, String answer) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("diet", answer);
        answers.put("photo", "yes");
        return Registration.builder()
                .id(RegistrationId.of("r-1"))
                .eventId(EventId.of("golden"))
                .attendee(Attendee.builder(name, "Kari@Example.org")
                        .phone("+47 22 33 44 55")
                        .build())
                .sessions(Set.of(SessionId.of("workshop-a")))
                .answers(answers)
                .status(RegistrationStatus.OFFERED)
                .holds(Set.of(CounterKey.EVENT))
                .waitlistSequence(7)
                .offerExpiresAt(Optional.of(Fixtures.NOW.plusNanos(456_789)))
                .manageTokenHash("hash")
                .idempotencyKey(Optional.of("form-1"))
                .language(Locale.forLanguageTag("nn"))
                .createdAt(Fixtures.NOW)
                .history(List.of(new StatusChange(RegistrationStatus.OFFERED, Fixtures.NOW, Actor.attendee(), "x")))
                .build();
    }

    private static String stored(String file) throws IOException {
        try (InputStream in = StoredJsonTest.class.getResourceAsStream("stored/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void eventIsWrittenAsBefore() throws IOException {
        EventCodec codec = EventCodec.json(List.of());
        // An event stored before schema version 5 is one without address confirmation: such an event
        // is still written exactly as then, and what was written then reads back as such an event.
        Event event = Fixtures.event("golden", 10).toBuilder()
                .addressConfirmation(AddressConfirmation.notRequired())
                .build();
        assertThat(codec.encode(event)).isEqualTo(stored("event.json"));
        assertThat(codec.decode(stored("event.json")).addressConfirmation())
                .isEqualTo(AddressConfirmation.notRequired());
        assertThat(codec.encode(codec.decode(stored("event.json")))).isEqualTo(stored("event.json"));
    }

    @Test
    void newEventsCarryTheirAddressConfirmation() throws IOException {
        EventCodec codec = EventCodec.json(List.of());
        Event event = Fixtures.event("golden", 10); // as every new event: required, 30 minutes
        assertThat(event.addressConfirmation()).isEqualTo(AddressConfirmation.DEFAULT);
        assertThat(codec.encode(event)).isEqualTo(stored("event-v5.json"));
        assertThat(codec.decode(stored("event-v5.json")).addressConfirmation()).isEqualTo(AddressConfirmation.DEFAULT);
        assertThat(codec.encode(codec.decode(stored("event-v5.json")))).isEqualTo(stored("event-v5.json"));
    }

    @ParameterizedTest(name = "{0} round-trips")
    @MethodSource("confirmations")
    void addressConfirmationRoundTrips(AddressConfirmation confirmation) {
        EventCodec codec = EventCodec.json(List.of());
        Event event = Fixtures.event("e", 10).toBuilder()
                .addressConfirmation(confirmation)
                .build();
        Event read = codec.decode(codec.encode(event));
        assertThat(read.addressConfirmation()).isEqualTo(confirmation);
        assertThat(codec.encode(read)).isEqualTo(codec.encode(event));
    }

    @ParameterizedTest(name = "waiting-list cap {0} round-trips; written only when not the default")
    @ValueSource(strings = {"10xSeats", "3xSeats", "0", "250", "unlimited"})
    void waitingListCapRoundTrips(String text) throws IOException {
        EventCodec codec = EventCodec.json(List.of());
        WaitingListCap cap = WaitingListCap.parse(text);
        Event event = Fixtures.event("e", 10).toBuilder().waitingListCap(cap).build();
        String json = codec.encode(event);
        assertThat(json.contains("waitingListCap")).isEqualTo(!cap.equals(WaitingListCap.DEFAULT));
        assertThat(codec.decode(json).waitingListCap()).isEqualTo(cap);
        // A definition stored before the cap existed has the default.
        assertThat(codec.decode(stored("event-v5.json")).waitingListCap()).isEqualTo(WaitingListCap.DEFAULT);
    }

    static Stream<AddressConfirmation> confirmations() {
        return Stream.of(
                AddressConfirmation.DEFAULT,
                AddressConfirmation.notRequired(),
                AddressConfirmation.required(Duration.ofMinutes(1)),
                AddressConfirmation.required(Duration.ofDays(7)),
                new AddressConfirmation(false, Duration.ofHours(2)));
    }

    @Test
    void registrationIsWrittenAsBefore() throws IOException {
        Registration r = registration("Áilu Ŋuolla-Čuđđi O'Brien", "Nøtter; \"skalldyr\" — 🦐\nog gluten\\ \t\r");
        assertThat(RegistrationCodec.encode(r)).isEqualTo(stored("registration.json"));
        assertThat(RegistrationCodec.decode(stored("registration.json"))).isEqualTo(r);
        // Written before schema version 5: the person's loop fields read back empty.
        Registration before = RegistrationCodec.decode(stored("registration.json"));
        assertThat(before.confirmAddressBy()).isEmpty();
        assertThat(before.requestFingerprint()).isEmpty();
        assertThat(before.linkWindowStart()).isEmpty();
        assertThat(before.linkRequests()).isZero();
    }

    @Test
    void registrationWithThePersonsLoopFields() throws IOException {
        Registration r =
                registration("Áilu Ŋuolla-Čuđđi O'Brien", "Nøtter; \"skalldyr\" — 🦐\nog gluten\\ \t\r").toBuilder()
                        .confirmAddressBy(Optional.of(
                                Fixtures.NOW.plus(Duration.ofMinutes(30)).plusNanos(1)))
                        .requestFingerprint(Optional.of("5f".repeat(32)))
                        .linkRequests(Optional.of(Fixtures.NOW.minusSeconds(600)), 2)
                        .build();
        assertThat(RegistrationCodec.encode(r)).isEqualTo(stored("registration-v5.json"));
        assertThat(RegistrationCodec.decode(stored("registration-v5.json"))).isEqualTo(r);
        // Each one alone, and the address confirmed (the deadline gone): only what is there is written.
        Registration plain = registration("Kari", "x");
        for (Registration one : List.of(
                plain.toBuilder().confirmAddressBy(Optional.of(Fixtures.NOW)).build(),
                plain.toBuilder()
                        .requestFingerprint(Optional.of("ab".repeat(32)))
                        .build(),
                plain.toBuilder().linkRequests(Optional.of(Fixtures.NOW), 1).build(),
                r.confirmAddress(Fixtures.NOW.plusSeconds(5), Actor.attendee()))) {
            assertThat(RegistrationCodec.decode(RegistrationCodec.encode(one))).isEqualTo(one);
        }
        assertThat(RegistrationCodec.encode(r.confirmAddress(Fixtures.NOW.plusSeconds(5), Actor.attendee())))
                .doesNotContain("confirmAddressBy");
    }

    @Test
    void controlCharactersAndLoneSurrogatesReadBackAsWrittenByEveryVersion() {
        Registration r = registration("a\bb\fc\u007fd\u0001e\u2028f\u2029", "lone \ud800 x \udc00");
        // How earlier versions wrote these: \b and \f as \\u escapes, DEL and lone surrogates as they are.
        String earlier = "{\"format\":1,\"id\":\"r-1\",\"eventId\":\"golden\",\"attendee\":{\"name\":"
                + "\"a\\u0008b\\u000cc\u007fd\\u0001e\\u2028f\\u2029\",\"email\":\"Kari@Example.org\","
                + "\"phone\":\"+47 22 33 44 55\",\"sector\":\"OTHER\",\"role\":\"OTHER\"},\"sessions\":[\"workshop-a\"],"
                + "\"answers\":{\"diet\":\"lone \ud800 x \udc00\",\"photo\":\"yes\"},\"status\":\"OFFERED\","
                + "\"holds\":[\"event\"],\"waitlistSequence\":7,\"offerExpiresAt\":\"2026-11-20T08:00:00.123456789Z\","
                + "\"manageTokenHash\":\"hash\",\"idempotencyKey\":\"form-1\",\"language\":\"nn\","
                + "\"createdAt\":\"2026-11-20T08:00:00.123Z\",\"history\":[{\"status\":\"OFFERED\","
                + "\"at\":\"2026-11-20T08:00:00.123Z\",\"actorKind\":\"ATTENDEE\",\"actorId\":\"attendee\",\"reason\":\"x\"}]}";
        assertThat(RegistrationCodec.decode(earlier)).isEqualTo(r);
        assertThat(RegistrationCodec.decode(RegistrationCodec.encode(r))).isEqualTo(r);
    }
}
