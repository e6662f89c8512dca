package org.eventregistration.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Violation;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.testsupport.Fixtures;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The library validates without an expression language: none is on the test class path (as with
 * Hibernate Validator 8 or 9 in an application that brings none), and the texts still come out
 * whole in every language.
 */
class NoExpressionLanguageTest {

    @Test
    void noExpressionLanguageIsOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("jakarta.el.ExpressionFactory"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theServiceValidatesWithItsOwnFactory() {
        RegistrationService service = RegistrationService.builder().build();
        Event event = Fixtures.event("no-el", 1).build();
        Fixtures.console(service).saveEvent(event);

        java.util.List<Violation> violations =
                service.validate(Fixtures.person(event, "not-an-address").build());

        assertThat(violations).extracting(Violation::field).contains("email");
        assertThat(violations)
                .flatExtracting(v -> v.messages().values())
                .isNotEmpty()
                .allSatisfy(message -> assertThat(message).doesNotContain("$", "{", "}"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "nb|må være mindre enn eller lik 10|må være større enn eller lik 1",
                "nn|må vere mindre enn eller lik 10|må vere større enn eller lik 1",
                "en|must be less than or equal to 10|must be greater than or equal to 1"
            })
    void decimalLimitsReadWellWithoutExpressions(String language, String max, String min) {
        ParameterMessageInterpolator parameters = new ParameterMessageInterpolator();
        Locale locale = Locale.forLanguageTag(language);
        MessageInterpolator inLanguage = new MessageInterpolator() {
            @Override
            public String interpolate(String template, Context context) {
                return parameters.interpolate(template, context, locale);
            }

            @Override
            public String interpolate(String template, Context context, Locale ignored) {
                return parameters.interpolate(template, context, locale);
            }
        };
        try (ValidatorFactory factory = Validation.byDefaultProvider()
                .configure()
                .messageInterpolator(inLanguage)
                .buildValidatorFactory()) {
            Set<String> tooHigh = factory.getValidator().validate(new Amount(new BigDecimal("11"))).stream()
                    .map(ConstraintViolation::getMessage)
                    .collect(Collectors.toSet());
            Set<String> tooLow = factory.getValidator().validate(new Amount(new BigDecimal("0"))).stream()
                    .map(ConstraintViolation::getMessage)
                    .collect(Collectors.toSet());
            assertThat(tooHigh).containsExactly(max);
            assertThat(tooLow).containsExactly(min);
        }
    }

    record Amount(@DecimalMin("1") @DecimalMax("10") BigDecimal value) {}
}
