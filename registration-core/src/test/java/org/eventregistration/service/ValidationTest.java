package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eventregistration.attendee.PlainText;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.Violation;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A bad request gets every problem at once, in three languages, and changes nothing. */
class ValidationTest {
    private static final String PLAIN = "{org.eventregistration.attendee.PlainText.message}";
    private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    private RegistrationService service;
    private Event event;

    @BeforeEach
    void setUp() {
        service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        event = Fixtures.event("validation", 10)
                .capacity(CapacityPolicy.seats(10).withMaxSessionsPerPerson(2))
                .session(Fixtures.session("a", 10, 5))
                .session(Fixtures.session("b", 10, 5)) // same hour as a
                .session(Fixtures.session("c", 12, 5))
                .session(Fixtures.session("d", 14, 5))
                .question(Question.choice(
                                "lunch",
                                LocalizedText.of("Lunsj", "Lunsj", "Lunch"),
                                List.of(
                                        Question.Option.of("fish", LocalizedText.of("Fisk")),
                                        Question.Option.of("veg", LocalizedText.of("Vegetar"))))
                        .asRequired())
                .question(Question.yesNo("photo", LocalizedText.of("Fotografering", "Fotografering", "Photos")))
                .question(Question.text("diet", LocalizedText.of("Allergier", "Allergiar", "Allergies"))
                        .withMaxLength(10)
                        .asSensitive())
                .build();
        Fixtures.console(service).saveEvent(event);
    }

    @Test
    void everyViolationAtOnceInThreeLanguagesAndNothingStored() {
        RegistrationRequest bad = RegistrationRequest.builder(event.id())
                .name("")
                .email("not-an-address")
                .phone("ring meg")
                .organisation("Asker kommune", "974760674")
                .idempotencyKey("two words")
                .session("nope")
                .answer("photo", "kanskje")
                .answer("shoe-size", "44")
                .build();
        RegistrationOutcome outcome = service.register(bad);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Invalid.class);
        List<Violation> violations = ((RegistrationOutcome.Invalid) outcome).violations();
        assertThat(violations)
                .extracting(Violation::field)
                .contains(
                        "name",
                        "email",
                        "phone",
                        "organisationNumber",
                        "idempotencyKey",
                        "sessions",
                        "answers",
                        "answers[lunch]",
                        "answers[photo]");
        for (Violation v : violations) {
            assertThat(v.message(Languages.BOKMAL)).as("%s nb", v).isNotBlank().doesNotContain("{");
            assertThat(v.message(Languages.NYNORSK)).as("%s nn", v).isNotBlank().doesNotContain("{");
            assertThat(v.message(Languages.ENGLISH)).as("%s en", v).isNotBlank().doesNotContain("{");
        }
        Map<String, Violation> byField =
                violations.stream().collect(Collectors.toMap(Violation::field, Function.identity(), (x, y) -> x));
        Violation name = byField.get("name");
        assertThat(name.message(Languages.ENGLISH)).isEqualTo("must be filled in");
        assertThat(name.message(Languages.BOKMAL)).isEqualTo("må fylles ut");
        assertThat(name.message(Languages.NYNORSK)).isEqualTo("må fyllast ut");
        assertThat(byField.get("organisationNumber").message(Languages.NYNORSK))
                .isEqualTo("må vere eit gyldig organisasjonsnummer (9 siffer)");
        assertThat(byField.get("email").message(Languages.BOKMAL))
                .isNotEqualTo(byField.get("email").message(Languages.ENGLISH));
        assertThat(byField.get("answers[lunch]").message(Languages.ENGLISH)).isEqualTo("Please answer: Lunch");
        assertThat(byField.get("answers[photo]").code()).isEqualTo("validation.answer.yesNo");
        assertThat(byField.get("answers").message(Languages.ENGLISH))
                .isEqualTo("The event has no question called shoe-size.");
        assertThat(byField.get("sessions").message(Languages.ENGLISH))
                .isEqualTo("The event has no session called nope.");

        assertThat(Fixtures.console(service).registrations(event.id())).isEmpty();
        assertThat(store.findLedger(event.id()).orElseThrow()).isEqualTo(Ledger.empty(event.id()));
        assertThat(store.pendingNotifications(10)).isEmpty();
    }

    @Test
    void answersAreCheckedAgainstTheQuestions() {
        assertThat(codes(valid().answer("lunch", "beef").build())).containsExactly("validation.answer.notAnOption");
        assertThat(codes(valid().answer("diet", "nøtter, egg, melk").build()))
                .containsExactly("validation.answer.tooLong");
        assertThat(codes(valid().answer("photo", "ja").build())).containsExactly("validation.answer.yesNo");
        assertThat(codes(RegistrationRequest.builder(event.id())
                        .name("Kari")
                        .email("k@x.no")
                        .answer("lunch", "  ")
                        .build()))
                .containsExactly("validation.answer.required");
        Violation tooLong =
                violations(valid().answer("diet", "nøtter, egg, melk").build()).get(0);
        assertThat(tooLong.message(Languages.NYNORSK)).contains("Allergiar", "10");
        assertThat(tooLong.message(Languages.ENGLISH))
                .isEqualTo("The answer to Allergies can be at most 10 characters.");

        RegistrationOutcome ok = service.register(valid().answer("photo", "no")
                .answer("diet", " nøtter ")
                .answer("lunch", "veg")
                .build());
        assertThat(ok).isInstanceOf(RegistrationOutcome.Confirmed.class);
        Registration r = Fixtures.registration(ok);
        assertThat(r.answers())
                .containsOnly(Map.entry("photo", "no"), Map.entry("diet", "nøtter"), Map.entry("lunch", "veg"));
    }

    @Test
    void sessionsMustExistBeFewEnoughAndNotOverlap() {
        assertThat(codes(valid().session("x").build())).containsExactly("validation.session.unknown");
        assertThat(codes(valid().session("a").session("c").session("d").build()))
                .containsExactly("validation.session.tooMany");
        Violation overlap =
                violations(valid().session("a").session("b").build()).get(0);
        assertThat(overlap.code()).isEqualTo("validation.session.overlap");
        assertThat(overlap.message(Languages.NYNORSK)).contains("Verkstad a", "Verkstad b");
        assertThat(overlap.message(Languages.ENGLISH)).contains("Workshop a", "Workshop b");
        assertThat(codes(valid().session("Not A Valid Id!").build())).contains("validation.session.unknown");
        RegistrationOutcome ok =
                service.register(valid().session("a").session("c").build());
        assertThat(ok).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.registration(ok).sessions())
                .extracting(s -> s.value())
                .containsExactly("a", "c");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Áilu Ŋuolla-Čuđđi",
                "Åse Ødegård-Æsøy",
                "Kari O'Neill",
                "Máret Sárá Ŧuđđi",
                "Anne-Lise d’Aubert",
                "李小龍",
                "Ørjan 😀 Å"
            })
    void plainTextAcceptsEveryLetterApostrophesAndHyphens(String name) {
        assertThat(PlainText.Validator.isPlain(name, false)).isTrue();
        RegistrationOutcome outcome = service.register(
                valid().name(name).organisation(name + " AS", "").build());
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(Fixtures.registration(outcome).attendee().name()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Kari\u0000",
                "Kari\u0007Nordmann",
                "Kari\nNordmann",
                "Kari\u202ENordmann",
                "\u2066Kari\u2069",
                "Kari\u202A",
                "Kari\uFEFF",
                "Kari\u2028",
                "Kari\uD800",
                "\uDC00Kari",
                "Kari\u001B[31m"
            })
    void plainTextRejectsControlAndBidiCharacters(String name) {
        assertThat(PlainText.Validator.isPlain(name, false)).isFalse();
        List<Violation> v = violations(valid().name(name).build());
        assertThat(v)
                .extracting(Violation::field, Violation::code)
                .contains(org.assertj.core.groups.Tuple.tuple("name", PLAIN));
        assertThat(v.get(0).message(Languages.BOKMAL)).isNotEqualTo(v.get(0).message(Languages.ENGLISH));
    }

    @Test
    void multilineAnswersMayHaveLineBreaksButNotControls() {
        assertThat(PlainText.Validator.isPlain("Nøtter\nEgg\tMelk", true)).isTrue();
        assertThat(PlainText.Validator.isPlain("Nøtter\nEgg", false)).isFalse();
        assertThat(PlainText.Validator.isPlain("Nøtter\u202E", true)).isFalse();
        RegistrationOutcome ok =
                service.register(valid().answer("diet", "egg\nmelk").build());
        assertThat(ok).isInstanceOf(RegistrationOutcome.Confirmed.class);
        assertThat(codes(valid().email("y@x.no").answer("diet", "egg\u0000").build()))
                .contains(PLAIN);
    }

    @Test
    void messagesDoNotDependOnTheJvmDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            for (Locale jvm : List.of(new Locale("nb", "NO"), Locale.GERMANY, new Locale("nn", "NO"))) {
                Locale.setDefault(jvm);
                RegistrationService fresh = RegistrationService.builder()
                        .store(store)
                        .clock(MutableClock.at(Fixtures.T0))
                        .build();
                List<Violation> v = ((RegistrationOutcome.Invalid)
                                fresh.register(valid().name("").build()))
                        .violations();
                assertThat(v)
                        .extracting(x -> x.message(Languages.ENGLISH))
                        .as("JVM default %s", jvm)
                        .containsExactly("must be filled in");
                assertThat(v)
                        .extracting(x -> x.message(Languages.BOKMAL))
                        .as("JVM default %s", jvm)
                        .containsExactly("må fylles ut");
                assertThat(v)
                        .extracting(x -> x.message(Languages.NYNORSK))
                        .as("JVM default %s", jvm)
                        .containsExactly("må fyllast ut");
            }
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void aMaximumOnlyLimitSaysAtMostAndARequiredFieldSaysFillIn() {
        Violation tooLong = violations(valid().name("K".repeat(201)).build()).get(0);
        assertThat(tooLong.field()).isEqualTo("name");
        assertThat(tooLong.message(Languages.BOKMAL)).isEqualTo("kan ha høyst 200 tegn");
        assertThat(tooLong.message(Languages.NYNORSK)).isEqualTo("kan ha høgst 200 teikn");
        assertThat(tooLong.message(Languages.ENGLISH)).isEqualTo("can be at most 200 characters long");
        Violation tooManyPhoneDigits =
                violations(valid().phone("9".repeat(41)).build()).get(0);
        assertThat(tooManyPhoneDigits.message(Languages.BOKMAL)).isEqualTo("kan ha høyst 40 tegn");
        Violation email = violations(valid().email(" ").build()).stream()
                .filter(v -> v.field().equals("email"))
                .findFirst()
                .orElseThrow();
        assertThat(email.message(Languages.ENGLISH)).isEqualTo("must be filled in");
        assertThat(email.message(Languages.BOKMAL)).isEqualTo("må fylles ut");
        assertThat(email.message(Languages.NYNORSK)).isEqualTo("må fyllast ut");
    }

    private RegistrationRequest.Builder valid() {
        return Fixtures.person(event, "kari@example.no").answer("lunch", "fish");
    }

    private List<Violation> violations(RegistrationRequest request) {
        RegistrationOutcome outcome = service.register(request);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Invalid.class);
        return ((RegistrationOutcome.Invalid) outcome).violations();
    }

    private List<String> codes(RegistrationRequest request) {
        return violations(request).stream().map(Violation::code).toList();
    }

    @Test
    void validateReportsTheSameProblemsAsRegisterAndStoresNothing() {
        InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Event event = Fixtures.event("validate", 5)
                .question(Question.yesNo("photo", LocalizedText.of("Foto?")).asRequired())
                .build();
        Fixtures.console(service).saveEvent(event);
        RegistrationRequest bad = RegistrationRequest.builder(event.id())
                .name("")
                .email("nope")
                .session("missing")
                .build();
        List<Violation> problems = service.validate(bad);
        assertThat(problems).extracting(Violation::field).contains("name", "email", "sessions", "answers[photo]");
        RegistrationOutcome outcome = service.register(bad);
        assertThat(((RegistrationOutcome.Invalid) outcome).violations()).isEqualTo(problems);
        assertThat(service.validate(Fixtures.person(event, "ok@example.no")
                        .answer("photo", "yes")
                        .build()))
                .isEmpty();
        assertThat(store.findRegistrations(event.id())).isEmpty();
    }
}
