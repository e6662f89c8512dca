package org.eventregistration.attendee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The modulus-11 organisation number, as a value and as a Jakarta constraint. */
class OrganisationNumberTest {
    private static ValidatorFactory factory;
    private static Validator validator;

    /** A bean with the constraint, as a portal's own form would use it. */
    record Form(@ValidOrganisationNumber String number) {}

    @BeforeAll
    static void start() {
        factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(new org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator())
                .buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"974760673", "991825827", "910000004", "974 760 673", "811111112", "800000009"})
    void validNumbers(String text) {
        OrganisationNumber n = OrganisationNumber.parse(text);
        assertThat(n.value()).hasSize(9).isEqualTo(text.replace(" ", ""));
        assertThat(validator.validate(new Form(text))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "974760674",
                "991825826",
                "97476067",
                "9747606731",
                "97476067a",
                "-74760673",
                "０74760673",
                "123456789",
                "000000018",
                "000000000",
                "123456785",
                "700000001",
                "100000008"
            })
    void invalidNumbers(String text) {
        assertThat(OrganisationNumber.isValid(text.replace(" ", ""))).isFalse();
        assertThatThrownBy(() -> OrganisationNumber.parse(text)).isInstanceOf(IllegalArgumentException.class);
        Set<ConstraintViolation<Form>> violations = validator.validate(new Form(text));
        assertThat(violations).hasSize(1);
        assertThat(violations.iterator().next().getMessageTemplate())
                .isEqualTo("{org.eventregistration.attendee.ValidOrganisationNumber.message}");
    }

    @Test
    void checkDigitIsModulusElevenWithTheOfficialWeights() {
        // Every 8-digit prefix of a sample: exactly one check digit is right, or none when it would be 10.
        int[] weights = {3, 2, 7, 6, 5, 4, 3, 2};
        for (int prefix = 91_000_000; prefix < 91_002_000; prefix++) {
            String p = Integer.toString(prefix);
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                sum += (p.charAt(i) - '0') * weights[i];
            }
            int check = (11 - sum % 11) % 11;
            for (int d = 0; d <= 9; d++) {
                assertThat(OrganisationNumber.isValid(p + d)).as("%s%s", p, d).isEqualTo(check == d);
            }
        }
    }

    @Test
    void emptyIsValidForTheConstraintNullToo() {
        assertThat(validator.validate(new Form(""))).isEmpty();
        assertThat(validator.validate(new Form(null))).isEmpty();
        assertThat(OrganisationNumber.isValid("")).isFalse();
    }

    @Test
    void attendeesUseTheNumberAsQuotaKey() {
        Attendee withNumber = Attendee.builder("A", "a@x.no")
                .organisation("Asker kommune", OrganisationNumber.parse("974760673"))
                .build();
        Attendee withName =
                Attendee.builder("B", "b@x.no").organisation("  Asker Kommune ").build();
        assertThat(withNumber.organisationKey()).hasValue("974760673");
        assertThat(withName.organisationKey()).hasValue("asker kommune");
        assertThat(Attendee.builder("C", "c@x.no").build().organisationKey()).isEmpty();
        assertThat(withNumber.toString()).doesNotContain("a@x.no");
    }
}
