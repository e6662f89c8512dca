package org.eventregistration.attendee;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Jakarta Validation constraint: the annotated {@code CharSequence} is a valid Norwegian {@link
 * OrganisationNumber} (spaces allowed). An empty value is valid; combine with {@code @NotBlank} to
 * require one.
 */
@Documented
@Constraint(validatedBy = ValidOrganisationNumber.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface ValidOrganisationNumber {
    /** The message template. */
    String message() default "{org.eventregistration.attendee.ValidOrganisationNumber.message}";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** The validator behind {@link ValidOrganisationNumber}. */
    final class Validator implements ConstraintValidator<ValidOrganisationNumber, CharSequence> {
        /** Creates the validator; called by the validation provider. */
        public Validator() {}

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null || value.isEmpty()) {
                return true;
            }
            return OrganisationNumber.isValid(value.toString().replace(" ", ""));
        }
    }
}
