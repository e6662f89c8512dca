package org.eventregistration.service;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.RegistrationRequest;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shortcut past Jakarta Validation decides as the validator does: it is on for the library's
 * default factory, and a request passes it only if the validator finds nothing.
 */
class RequestConstraintsTest {
    private static final ValidatorFactory FACTORY = Validation.byDefaultProvider()
            .configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    /** Texts near every constraint's edges. */
    private static final List<String> TEXTS = List.of(
            "",
            " ",
            "\u2003",
            "\u00a0",
            "\u0001",
            "\u001c",
            "Kari Nordmann",
            "  Kari  ",
            "Åse Ŋ'Ø-å",
            "a\u200bb",
            "a\u202eb",
            "a\u2066b",
            "a\u2028b",
            "a\nb",
            "a\tb",
            "a\ufeffb",
            "a\uffffb",
            "\ud83d\ude00",
            "\ud83d",
            "\ude00x",
            "x".repeat(20),
            "x".repeat(21),
            "x".repeat(40),
            "x".repeat(41),
            "x".repeat(64),
            "x".repeat(65),
            "x".repeat(100),
            "x".repeat(101),
            "x".repeat(200),
            "x".repeat(201),
            "+47 (22) 33-44",
            "+47 22 33 44 x",
            "key_1.2:3-4",
            "key/1",
            "974760674",
            "974 760 674",
            "974760675",
            "123456789",
            "kari@example.no",
            " kari@example.no ",
            "kari@localhost",
            "kari@10.0.0.1",
            "kari@-x.no",
            "kari@x-.no",
            "kari.nordmann+tag@sub.example.no",
            "\"<script>\"@x.no",
            "kari@exa_mple.no",
            "kari@@example.no",
            "kari@example.no.",
            "kari@" + "a".repeat(63) + ".no",
            "kari@" + "a".repeat(64) + ".no",
            "k".repeat(245) + "@example.no",
            "k".repeat(250) + "@example.no");

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void theDefaultFactorySeesExactlyTheConstraintsWrittenThere() {
        assertThat(RequestConstraints.describe(FACTORY)).isEqualTo(RequestConstraints.EXPECTED);
        assertThat(RequestConstraints.mirrors(FACTORY)).isTrue();
    }

    @Test
    void holdsExactlyWhenTheValidatorFindsNothing() {
        // Exactly, apart from the texts blank to one version of Hibernate Validator and not to the other.
        List<BiConsumer<RegistrationRequest.Builder, String>> fields = List.of(
                RegistrationRequest.Builder::name,
                RegistrationRequest.Builder::email,
                RegistrationRequest.Builder::phone,
                (b, t) -> b.organisation(t, ""),
                (b, t) -> b.organisation("Asker kommune", t),
                RegistrationRequest.Builder::invitationCode,
                RegistrationRequest.Builder::idempotencyKey,
                RegistrationRequest.Builder::session,
                (b, t) -> b.answer(t, "yes"),
                (b, t) -> b.answer("q", t));
        List<String> disagreements = new ArrayList<>();
        int valid = 0;
        for (int f = 0; f < fields.size(); f++) {
            for (String text : TEXTS) {
                RegistrationRequest.Builder b = RegistrationRequest.builder(EventId.of("e"))
                        .name("Kari Nordmann")
                        .email("kari@example.no");
                fields.get(f).accept(b, text);
                RegistrationRequest request = b.build();
                boolean validator = VALIDATOR.validate(request).isEmpty();
                if (validator) {
                    valid++;
                }
                boolean hold = RequestConstraints.hold(request);
                // Unsafe: the shortcut passes what the validator refuses. The other way only costs a
                // validator run, and is allowed only where Hibernate Validator 8 and 9 disagree
                // (@NotBlank: trim() or isBlank()), since the shortcut must suit both.
                boolean versionsDisagree = text.isBlank() != text.trim().isEmpty();
                if (hold && !validator || !hold && validator && !versionsDisagree) {
                    disagreements.add("field " + f + " text '" + text + "': validator says " + validator);
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(valid).isGreaterThan(50);
    }

    @Test
    void manySessionsAndAnswers() {
        for (int n : new int[] {50, 51, 100, 101}) {
            RegistrationRequest.Builder b =
                    RegistrationRequest.builder(EventId.of("e")).name("Kari").email("kari@example.no");
            for (int i = 0; i < n; i++) {
                b.session("s" + i).answer("q" + i, "a");
            }
            RegistrationRequest request = b.build();
            assertThat(RequestConstraints.hold(request))
                    .as("%d sessions and answers", n)
                    .isEqualTo(VALIDATOR.validate(request).isEmpty());
        }
        RegistrationRequest longAnswer = RegistrationRequest.builder(EventId.of("e"))
                .name("Kari")
                .email("kari@example.no")
                .answer("q", "x".repeat(10_001))
                .build();
        assertThat(RequestConstraints.hold(longAnswer)).isFalse();
        assertThat(VALIDATOR.validate(longAnswer)).isNotEmpty();
    }
}
