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
import java.util.regex.Pattern;

/**
 * Jakarta Validation constraint: the text looks like a public e-mail address. That is the WHATWG
 * HTML definition of a <a href="https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address">valid
 * e-mail address</a> (what a browser's {@code <input type="email">} accepts: no quoted local parts,
 * no comments, no IP literals, ASCII only), with a domain of at least two labels whose last label
 * is not all digits. So {@code kari@localhost}, {@code kari@asker}, {@code kari@10.0.0.1} and
 * {@code "<script>"@x.no} are refused. Surrounding whitespace is ignored, as {@link
 * Attendee#normalizeEmail} ignores it. An empty value is valid; combine with {@code @NotBlank} to
 * require one.
 */
@Documented
@Constraint(validatedBy = EmailAddress.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface EmailAddress {
    /** The message template. */
    String message() default "{org.eventregistration.attendee.EmailAddress.message}";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** The validator behind {@link EmailAddress}. */
    final class Validator implements ConstraintValidator<EmailAddress, CharSequence> {
        private static final String LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?";
        // WHATWG's expression, with the domain's "*" made "+" (at least one dot).
        private static final Pattern ADDRESS =
                Pattern.compile("[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@" + LABEL + "(?:\\." + LABEL + ")+");
        private static final Pattern DIGITS = Pattern.compile("[0-9]+");

        /** Creates the validator; called by the validation provider. */
        public Validator() {}

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || isPublicAddress(value.toString());
        }

        /** The rule itself, usable without a validator. */
        public static boolean isPublicAddress(String text) {
            String address = text.strip();
            if (!ADDRESS.matcher(address).matches()) {
                return false;
            }
            return !DIGITS.matcher(address.substring(address.lastIndexOf('.') + 1))
                    .matches();
        }
    }
}
