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
        /** Creates the validator; called by the validation provider. */
        public Validator() {}

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || value.isEmpty() || isPublicAddress(value.toString());
        }

        /**
         * The rule itself, usable without a validator. Decides as WHATWG's expression, with the
         * domain's "*" made "+" (at least one dot), {@code
         * [a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@LABEL(?:\.LABEL)+} with {@code LABEL} {@code
         * [a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?}, and a last label not all digits; written
         * out by hand, as it runs for every registration.
         */
        public static boolean isPublicAddress(String text) {
            String address = text.strip();
            int at = address.indexOf('@');
            if (at <= 0) {
                return false;
            }
            for (int i = 0; i < at; i++) {
                if (!isLocalPartCharacter(address.charAt(i))) {
                    return false;
                }
            }
            int labels = 0;
            int start = at + 1;
            boolean allDigits;
            while (true) {
                int end = address.indexOf('.', start);
                if (end < 0) {
                    end = address.length();
                }
                if (!isLabel(address, start, end)) {
                    return false;
                }
                labels++;
                allDigits = true;
                for (int i = start; i < end && allDigits; i++) {
                    char c = address.charAt(i);
                    allDigits = c >= '0' && c <= '9';
                }
                if (end == address.length()) {
                    break;
                }
                start = end + 1;
            }
            return labels >= 2 && !allDigits;
        }

        private static boolean isLocalPartCharacter(char c) {
            return isLetterOrDigit(c) || (c < 128 && ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0);
        }

        /** One to 63 letters, digits and hyphens, starting and ending with a letter or digit. */
        private static boolean isLabel(String s, int start, int end) {
            int length = end - start;
            if (length < 1 || length > 63 || !isLetterOrDigit(s.charAt(start)) || !isLetterOrDigit(s.charAt(end - 1))) {
                return false;
            }
            for (int i = start + 1; i < end - 1; i++) {
                char c = s.charAt(i);
                if (!isLetterOrDigit(c) && c != '-') {
                    return false;
                }
            }
            return true;
        }

        private static boolean isLetterOrDigit(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
    }
}
