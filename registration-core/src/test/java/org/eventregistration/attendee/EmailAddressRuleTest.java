package org.eventregistration.attendee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written address rule decides exactly as the expression it was written from. */
class EmailAddressRuleTest {
    private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
    private static final Pattern ADDRESS =
            Pattern.compile("[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@" + LABEL + "(?:\\." + LABEL + ")+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private static boolean byExpression(String text) {
        String address = text.strip();
        return ADDRESS.matcher(address).matches()
                && !DIGITS.matcher(address.substring(address.lastIndexOf('.') + 1))
                        .matches();
    }

    private static String piece(Random random, String alphabet) {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(5);
        for (int i = 0; i < length; i++) {
            s.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : 'k');
        }
        return s.toString();
    }

    @Test
    void decidesAsTheExpression() {
        List<String> texts = new ArrayList<>(List.of(
                "",
                "@",
                "a@b",
                "a@b.c",
                "a@b.1",
                "a@b.1a",
                "a@1.b",
                "a@10.0.0.1",
                " kari@example.no\t",
                "kari@example.no.",
                ".kari@example.no",
                "kari@.example.no",
                "kari@example..no",
                "kari@-example.no",
                "kari@example-.no",
                "kari@ex-ample.no",
                "kari@ex--ample.no",
                "kari@@example.no",
                "ka@ri@example.no",
                "kari@exämple.no",
                "kåri@example.no",
                "\"kari\"@example.no",
                "kari nordmann@example.no",
                "kari@" + "a".repeat(63) + ".no",
                "kari@" + "a".repeat(64) + ".no",
                "kari@a." + "b".repeat(63),
                "kari@a." + "b".repeat(64),
                "!#$%&'*+/=?^_`{|}~-.@x.no",
                "kari@\u0661.no",
                "kari@x.\u0661"));
        Random random = new Random(42);
        String alphabet = "aZ09.-@_ \"\u00e5\u0661!x";
        for (int n = 0; n < 200_000; n++) {
            // Mostly address-shaped: local part, "@", labels; a few characters drawn from the edges.
            StringBuilder s = new StringBuilder(piece(random, alphabet));
            int labels = random.nextInt(4);
            for (int i = 0; i < labels; i++) {
                s.append(i == 0 ? "@" : ".").append(piece(random, alphabet));
            }
            texts.add(s.toString());
        }
        int valid = 0;
        for (String text : texts) {
            boolean expected = byExpression(text);
            assertThat(EmailAddress.Validator.isPublicAddress(text))
                    .as("'%s'", text)
                    .isEqualTo(expected);
            if (expected) {
                valid++;
            }
        }
        assertThat(valid).isGreaterThan(10_000);
    }
}
