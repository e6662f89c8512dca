package org.eventregistration.attendee;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Email;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.Violation;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ValidEmail} accepts and rejects what Hibernate Validator's {@code @Email} does, with the same
 * message in the three languages.
 */
class ValidEmailTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    record Ours(@ValidEmail String email) {}

    record Theirs(@Email String email) {}

    @BeforeAll
    static void setUp() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void tearDown() {
        factory.close();
    }

    private static boolean ours(String email) {
        boolean direct = ValidEmail.Validator.isValidAddress(email);
        boolean viaProvider = validator.validate(new Ours(email)).isEmpty();
        assertThat(viaProvider)
                .as("provider and direct call agree on <%s>", email)
                .isEqualTo(direct);
        return direct;
    }

    private static boolean hibernates(String email) {
        return validator.validate(new Theirs(email)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "kari@example.no",
                "Kari.Nordmann@Asker.Kommune.NO",
                "p123@example.org",
                "first.last+tag@sub-domain.example.com",
                "a@b",
                "x@localhost",
                "o'brien@example.ie",
                "!#$%&'*+/=?^_`{|}~-@example.org",
                "a-b@a--b.no",
                "per@xn--rksmrgs-5wao1o.se",
                "ærlig@blåbær.no",
                "\"quoted string\"@example.org",
                "\"with\\\"escaped\"@example.org",
                "a.\"b c\".d@example.org",
                "user@[192.168.0.1]",
                "user@[IPv6:2001:db8::1]",
                "a@1.2.3.4"
            })
    void acceptsWhatEmailAccepts(String email) {
        assertThat(hibernates(email)).as("@Email on %s", email).isTrue();
        assertThat(ours(email)).as(email).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not-an-address",
                "@example.org",
                "kari@",
                "kari@example.",
                "kari@.example.org",
                "kari@example..org",
                ".kari@example.org",
                "kari.@example.org",
                "ka..ri@example.org",
                "kari@-example.org",
                "kari@example-.org",
                "kari nordmann@example.org",
                "kari@exa mple.org",
                "kari@example.org ",
                "kari(at)example.org",
                "kari@exam_ple,org",
                "kari@[1.2.3.4",
                "kari@[IPv6:zz::1]",
                "\"unterminated@example.org",
                "smile\uD83D\uDE00@example.org",
                "kari@example\uD83D\uDE00.org",
                "kari@a\u3002\u3002b",
                "a@b@example.org"
            })
    void rejectsWhatEmailRejects(String email) {
        assertThat(hibernates(email)).as("@Email on %s", email).isFalse();
        assertThat(ours(email)).as(email).isFalse();
    }

    @Test
    void emptyAndNullAreLeftToNotBlank() {
        assertThat(ours("")).isTrue();
        assertThat(validator.validate(new Ours(null))).isEmpty();
    }

    @Test
    void theLengthLimitsAreEmailsOwn() {
        String label63 = "a".repeat(63);
        String local64 = "l".repeat(64);
        List<String> cases = List.of(
                local64 + "@example.org",
                local64 + "l@example.org",
                "kari@" + label63 + ".no",
                "kari@" + label63 + "b.no",
                "kari@" + label63 + "b.blåbær.no",
                "kari@" + (label63 + ".").repeat(3) + "a".repeat(63), // 255
                "kari@" + (label63 + ".").repeat(3) + "a".repeat(64),
                "kari@" + (label63 + ".").repeat(3) + "ab.c", // 258
                "kari@" + (label63 + ".").repeat(3) + "æ".repeat(10));
        for (String email : cases) {
            assertThat(ours(email))
                    .as("%d characters: %s", email.length(), email)
                    .isEqualTo(hibernates(email));
        }
        assertThat(ours(local64 + "@example.org")).isTrue();
        assertThat(ours(local64 + "l@example.org")).isFalse();
        assertThat(ours("kari@" + label63 + ".no")).isTrue();
        assertThat(ours("kari@" + label63 + "b.no")).isFalse();
    }

    /** Random strings over an alphabet full of the characters the rules care about. */
    @Test
    void agreesWithEmailOnRandomInput() {
        long seed = new java.security.SecureRandom().nextLong();
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        String[] common = {"a", "Z", "7", "kari", "example", "no", ".", ".", "-", "_", "+"};
        String[] odd = {
            "@",
            "\"",
            "\\",
            "[",
            "]",
            ":",
            " ",
            "!",
            "(",
            ",",
            "æ",
            "ø",
            "\u3002",
            "\uFF0E",
            "\uD83D\uDE00",
            "\uD800",
            "xn--",
            "IPv6:",
            "::1",
            "1.2.3.4",
            "fe80::1%eth0",
            "\t",
            "%",
            "a".repeat(60),
            "\"x y\""
        };
        int valid = 0;
        int runs = 20_000;
        for (int n = 0; n < runs; n++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(1, 12);
            int at = random.nextInt(length + 1);
            for (int i = 0; i < length; i++) {
                if (i == at) {
                    b.append('@');
                }
                String[] from = random.nextInt(5) == 0 ? odd : common;
                b.append(from[random.nextInt(from.length)]);
            }
            String email = b.toString();
            boolean expected = hibernates(email);
            assertThat(ours(email)).as("seed %d: <%s>", seed, email).isEqualTo(expected);
            valid += expected ? 1 : 0;
        }
        // Both answers are common, or the comparison would prove little.
        assertThat(valid).as("seed %d", seed).isBetween(runs / 20, runs - runs / 20);
    }

    @Test
    void theMessageIsEmailsInEveryLanguage() {
        RegistrationService service = RegistrationService.builder()
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        var event = Fixtures.event("emails", 10).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome outcome =
                service.register(Fixtures.person(event, "kari@@example").build());
        assertThat(outcome).isInstanceOf(RegistrationOutcome.Invalid.class);
        List<Violation> violations = ((RegistrationOutcome.Invalid) outcome).violations();
        assertThat(violations).hasSize(1);
        Violation v = violations.get(0);
        assertThat(v.field()).isEqualTo("email");
        assertThat(v.code()).isEqualTo("{jakarta.validation.constraints.Email.message}");
        assertThat(v.message(Languages.ENGLISH)).isEqualTo("must be a well-formed email address");
        assertThat(v.message(Languages.BOKMAL)).isEqualTo("må være en gyldig e-postadresse");
        assertThat(v.message(Languages.NYNORSK)).isEqualTo("må vere ei gyldig e-postadresse");
    }
}
