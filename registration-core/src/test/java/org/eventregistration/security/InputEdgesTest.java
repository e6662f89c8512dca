package org.eventregistration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.List;
import java.util.function.UnaryOperator;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.EmailAddress;
import org.eventregistration.attendee.PlainText;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.Violation;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of what a form accepts: invisible format characters in names, organisations and
 * addresses; addresses that are no public address; look-alike addresses in the duplicate check.
 */
class InputEdgesTest {
    private static final String FORMAT = "{org.eventregistration.attendee.PlainText.format.message}";
    private static final String EMAIL = "{org.eventregistration.attendee.EmailAddress.message}";

    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private RegistrationService service;
    private Event event;

    @BeforeEach
    void setUp() {
        service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        event = Fixtures.event("edges", 10).build();
        Fixtures.console(service).saveEvent(event);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Kari\u200BNordmann", // zero-width space
                "Kari\u200CNordmann", // zero-width non-joiner
                "Kari\u200DNordmann", // zero-width joiner
                "Kari\u200E", // left-to-right mark
                "\u200FKari", // right-to-left mark
                "Kari\u061C", // Arabic letter mark
                "Kari\u2060", // word joiner
                "Kari\u00ADNordmann", // soft hyphen
                "Kari\uDB40\uDC41\uDB40\uDC7F" // tag characters U+E0041, U+E007F
            })
    void formatCharactersAreRefusedInNamesOrganisationsAndAddresses(String text) {
        assertThat(PlainText.Validator.isPlain(text, false)).isFalse();
        List<Violation> name = violations(b -> b.name(text));
        assertThat(name).extracting(Violation::field, Violation::code).containsExactly(tuple("name", FORMAT));
        assertThat(name.get(0).message(Languages.ENGLISH)).contains("invisible characters");
        assertThat(name.get(0).message(Languages.BOKMAL)).contains("usynlige tegn");
        assertThat(name.get(0).message(Languages.NYNORSK)).contains("usynlege teikn");
        assertThat(violations(b -> b.organisation(text, "")))
                .extracting(Violation::field, Violation::code)
                .containsExactly(tuple("organisationName", FORMAT));
        assertThat(violations(b -> b.email("kari" + text.replaceAll("[A-Za-z]", "") + "@example.no")))
                .extracting(Violation::field)
                .contains("email");
        assertThat(store.findRegistrations(event.id())).isEmpty();
    }

    @Test
    void freeTextAnswersKeepTheJoinersOfEmojiAndWordsButNoOverrides() {
        assertThat(PlainText.Validator.isPlain("👩\u200D💻 og نیک\u200Cنام", true, true))
                .isTrue();
        assertThat(PlainText.Validator.isPlain("egg\u202E", true, true)).isFalse();
        assertThat(PlainText.Validator.isPlain("egg\uFEFF", true, true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kari@localhost",
                "kari@asker",
                "\"<script>\"@x.no",
                "\"kari\"@x.no",
                "kari@[10.0.0.1]",
                "kari@10.0.0.1",
                "kari@x..no",
                "kari@-x.no",
                "kari@x.no.",
                "kari(comment)@x.no",
                "kari@x_y.no",
                "kari nordmann@x.no",
                "@x.no",
                "kari@",
                "kari@@x.no",
                "kåri@x.no",
                "kari@blåbær.no",
                "ｋａｒｉ@example.no"
            })
    void addressesThatNoPublicAddressLooksLikeAreRefused(String email) {
        assertThat(EmailAddress.Validator.isPublicAddress(email)).isFalse();
        List<Violation> v = violations(b -> b.email(email));
        assertThat(v).extracting(Violation::field).contains("email");
        Violation first =
                v.stream().filter(x -> x.code().equals(EMAIL)).findFirst().orElseThrow();
        assertThat(first.message(Languages.ENGLISH))
                .isEqualTo("must be a valid e-mail address, such as kari@example.no");
        assertThat(first.message(Languages.BOKMAL)).isEqualTo("må være en gyldig e-postadresse, som kari@eksempel.no");
        assertThat(first.message(Languages.NYNORSK)).isEqualTo("må vere ei gyldig e-postadresse, som kari@eksempel.no");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kari@example.no",
                "Kari.Nordmann@asker.kommune.no",
                "kari+kurs@x.no",
                "o'neill@nav.no",
                "k_a-r.i!#$%&*/=?^`{|}~@sub-domain.example.com",
                "  kari@example.no "
            })
    void publicAddressesAreAccepted(String email) {
        assertThat(EmailAddress.Validator.isPublicAddress(email)).isTrue();
        assertThat(service.register(Fixtures.person(event, email).build()))
                .isNotInstanceOf(RegistrationOutcome.Invalid.class);
    }

    @Test
    void lookAlikeAddressesAreTheSamePerson() {
        String plain = Attendee.normalizeEmail("kari@example.no");
        for (String lookAlike : List.of(
                "ｋａｒｉ@ｅｘａｍｐｌｅ.no", // full-width letters
                "KARI@EXAMPLE.NO",
                " kari@example.no\u3000", // ideographic space
                "kari@example.n\u2092")) { // subscript o
            assertThat(Attendee.normalizeEmail(lookAlike)).as(lookAlike).isEqualTo(plain);
        }
        assertThat(Attendee.normalizeEmail("kari@e\uFB00.no")).isEqualTo("kari@eff.no"); // ligature ff
        // Through the service: a look-up by a look-alike finds the registration.
        RegistrationOutcome kari =
                service.register(Fixtures.person(event, "kari@example.no").build());
        assertThat(kari).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.console(service)
                        .exportPersonalData("ｋａｒｉ@ｅｘａｍｐｌｅ.ｎｏ")
                        .registrations())
                .extracting(i -> i.registration().id())
                .containsExactly(Fixtures.registration(kari).id());
    }

    private List<Violation> violations(UnaryOperator<RegistrationRequest.Builder> change) {
        RegistrationOutcome outcome = service.register(
                change.apply(Fixtures.person(event, "kari@example.no")).build());
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Invalid.class);
        return ((RegistrationOutcome.Invalid) outcome).violations();
    }
}
