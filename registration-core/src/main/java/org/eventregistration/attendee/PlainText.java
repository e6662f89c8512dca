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
 * Jakarta Validation constraint: the text is something a person typed, with no control characters
 * (other than line breaks and tabs when {@link #multiline()}), no invisible bidirectional overrides
 * or isolates, and no unpaired surrogates. Every letter of every script is allowed: æ, ø, å, Sámi
 * letters such as ŋ and ŧ, accents, apostrophes and hyphens.
 *
 * <p>Unless {@link #formatCharacters()}, it also refuses every other invisible Unicode format
 * character (general category Cf: zero-width spaces and joiners, direction marks U+200E, U+200F and
 * U+061C, soft hyphens, tag characters U+E0000..), with its own message ({@link
 * #FORMAT_MESSAGE}): such characters make two look-alike names or addresses differ.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface PlainText {
    /** The message template for a text with a format character (category Cf) in it. */
    String FORMAT_MESSAGE = "{org.eventregistration.attendee.PlainText.format.message}";

    /** The message template. */
    String message() default "{org.eventregistration.attendee.PlainText.message}";

    /** Whether line breaks and tabs are allowed. */
    boolean multiline() default false;

    /**
     * Whether invisible format characters other than direction overrides and isolates are allowed:
     * the zero-width joiners of emoji sequences and of Persian or Indic words, in free text. False
     * (refused) by default.
     */
    boolean formatCharacters() default false;

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** The validator behind {@link PlainText}. */
    final class Validator implements ConstraintValidator<PlainText, CharSequence> {
        /** U+00AD SOFT HYPHEN: no character below it is a format character (category Cf). */
        private static final char FIRST_FORMAT_CHARACTER = '\u00ad';

        private boolean multiline;
        private boolean formatCharacters;

        /** Creates the validator; called by the validation provider. */
        public Validator() {}

        @Override
        public void initialize(PlainText annotation) {
            multiline = annotation.multiline();
            formatCharacters = annotation.formatCharacters();
        }

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            if (!isPlain(value, multiline, true)) {
                return false;
            }
            if (formatCharacters || !hasFormatCharacter(value)) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(FORMAT_MESSAGE).addConstraintViolation();
            return false;
        }

        /**
         * The rule itself, usable without a validator: {@link #isPlain(CharSequence, boolean,
         * boolean)} with format characters refused.
         */
        public static boolean isPlain(CharSequence value, boolean multiline) {
            return isPlain(value, multiline, false);
        }

        /** True if the text holds a character of Unicode general category Cf (format). */
        public static boolean hasFormatCharacter(CharSequence value) {
            for (int i = 0; i < value.length(); ) {
                char c = value.charAt(i);
                if (c < FIRST_FORMAT_CHARACTER) { // the common case: no lookup
                    i++;
                    continue;
                }
                int cp = Character.codePointAt(value, i);
                if (Character.getType(cp) == Character.FORMAT) {
                    return true;
                }
                i += Character.charCount(cp);
            }
            return false;
        }

        /**
         * The rule itself, usable without a validator.
         *
         * @param multiline whether line breaks and tabs are allowed
         * @param formatCharacters whether format characters (Cf) other than direction overrides,
         *     isolates and U+FEFF are allowed
         */
        public static boolean isPlain(CharSequence value, boolean multiline, boolean formatCharacters) {
            if (!formatCharacters && hasFormatCharacter(value)) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                        return false;
                    }
                    i++;
                    continue;
                }
                if (Character.isLowSurrogate(c)) {
                    return false;
                }
                if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                    continue;
                }
                if (Character.isISOControl(c)) {
                    return false;
                }
                // Bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069),
                // and the line/paragraph separators.
                if ((c >= '\u202A' && c <= '\u202E')
                        || (c >= '\u2066' && c <= '\u2069')
                        || c == '\u2028'
                        || c == '\u2029') {
                    return false;
                }
                if (c == '\uFEFF' || c == '\uFFFE' || c == '\uFFFF') {
                    return false;
                }
            }
            return true;
        }
    }
}
