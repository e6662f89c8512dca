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
import java.net.IDN;
import java.util.regex.Pattern;

/**
 * Jakarta Validation constraint: the annotated {@code CharSequence} is a well-formed e-mail address,
 * by the same rules as Hibernate Validator's {@code @Email} (a local part of at most 64 characters,
 * unquoted atoms or quoted strings; a domain name, IPv4 or IPv6 literal whose ASCII form is at most
 * 255 characters with labels of at most 63). An empty value is valid; combine with
 * {@code @NotBlank} to require one.
 *
 * <p>The message is {@code @Email}'s own ({@code jakarta.validation.constraints.Email.message}), so
 * violations read, and are translated, exactly as {@code @Email}'s. The difference is speed: the
 * common address (ASCII, no quotes, no address literal) is checked in one pass without regular
 * expressions or IDN conversion; anything else takes the same path as {@code @Email}.
 */
@Documented
@Constraint(validatedBy = ValidEmail.Validator.class)
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface ValidEmail {
    /** The message template: {@code @Email}'s. */
    String message() default "{jakarta.validation.constraints.Email.message}";

    /** Validation groups. */
    Class<?>[] groups() default {};

    /** Payload. */
    Class<? extends Payload>[] payload() default {};

    /** The validator behind {@link ValidEmail}. Thread-safe. */
    final class Validator implements ConstraintValidator<ValidEmail, CharSequence> {
        private static final int MAX_LOCAL_PART = 64;
        private static final int MAX_DOMAIN = 255;
        private static final int MAX_LABEL = 63;

        // The general rules, as Hibernate Validator 9.1 states them (AbstractEmailValidator and
        // DomainNameUtil, Apache License 2.0): used only for what the fast path leaves out.
        private static final String ATOM = "[a-z0-9!#$%&'*+/=?^_`{|}~\u0080-\uffff-]";
        private static final String QUOTED_ATOM =
                "(?:[a-z0-9!#$%&'*.(),<>\\[\\]:;  @+/=?^_`{|}~\u0080-\uffff-]|\\\\\\\\|\\\\\\\")";
        private static final Pattern LOCAL_PART = Pattern.compile(
                "(?:" + ATOM + "+|\"" + QUOTED_ATOM + "+\")(?:\\.(?:" + ATOM + "+|\"" + QUOTED_ATOM + "+\"))*",
                Pattern.CASE_INSENSITIVE);
        private static final String DOMAIN_CHARS = "[a-z\u0080-\uffff0-9!#$%&'*+/=?^_`{|}~]";
        private static final String DOMAIN_LABEL = DOMAIN_CHARS + "++(?:-++" + DOMAIN_CHARS + "++)*+";
        private static final String DOMAIN = DOMAIN_LABEL + "(?:\\." + DOMAIN_LABEL + ")*+";
        private static final String IPV4 = "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}";
        private static final String IPV4_OCTETS = "(?:(?:25[0-5]|(?:2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}"
                + "(?:25[0-5]|(?:2[0-4]|1{0,1}[0-9]){0,1}[0-9])";
        private static final String IPV6 = "(?:(?:[0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}"
                + "|(?:[0-9a-fA-F]{1,4}:){1,7}:"
                + "|(?:[0-9a-fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}"
                + "|(?:[0-9a-fA-F]{1,4}:){1,5}(?::[0-9a-fA-F]{1,4}){1,2}"
                + "|(?:[0-9a-fA-F]{1,4}:){1,4}(?::[0-9a-fA-F]{1,4}){1,3}"
                + "|(?:[0-9a-fA-F]{1,4}:){1,3}(?::[0-9a-fA-F]{1,4}){1,4}"
                + "|(?:[0-9a-fA-F]{1,4}:){1,2}(?::[0-9a-fA-F]{1,4}){1,5}"
                + "|[0-9a-fA-F]{1,4}:(?:(?::[0-9a-fA-F]{1,4}){1,6})"
                + "|:(?:(?::[0-9a-fA-F]{1,4}){1,7}|:)"
                + "|fe80:(?::[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}"
                + "|::(?:ffff(:0{1,4}){0,1}:){0,1}" + IPV4_OCTETS
                + "|(?:[0-9a-fA-F]{1,4}:){1,4}:" + IPV4_OCTETS + ")";
        private static final Pattern EMAIL_DOMAIN =
                Pattern.compile(DOMAIN + "|\\[" + IPV4 + "\\]|\\[IPv6:" + IPV6 + "\\]", Pattern.CASE_INSENSITIVE);

        /** ASCII letters, digits and {@code !#$%&'*+/=?^_`{|}~}: a label's characters besides inner hyphens. */
        private static final boolean[] DOMAIN_CHAR = new boolean[0x80];

        static {
            for (char c = 'a'; c <= 'z'; c++) {
                DOMAIN_CHAR[c] = true;
                DOMAIN_CHAR[Character.toUpperCase(c)] = true;
            }
            for (char c = '0'; c <= '9'; c++) {
                DOMAIN_CHAR[c] = true;
            }
            for (char c : "!#$%&'*+/=?^_`{|}~".toCharArray()) {
                DOMAIN_CHAR[c] = true;
            }
        }

        /** Creates the validator; called by the validation provider. */
        public Validator() {}

        @Override
        public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
            return value == null || isValidAddress(value);
        }

        /** The rule itself, usable without a validator: true for an empty value. */
        public static boolean isValidAddress(CharSequence value) {
            if (value.length() == 0) {
                return true;
            }
            String s = value.toString();
            int at = s.lastIndexOf('@');
            if (at < 0) {
                return false;
            }
            return isValidLocalPart(s, at) && isValidDomain(s, at + 1);
        }

        private static boolean isValidLocalPart(String s, int end) {
            if (end > MAX_LOCAL_PART) {
                return false;
            }
            // Fast path: dot-separated atoms of ASCII atom characters.
            boolean previousDot = true; // no dot first
            for (int i = 0; i < end; i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    if (previousDot) {
                        return false; // a leading or doubled dot: no quoted string can be involved here
                    }
                    previousDot = true;
                } else if (isAsciiAtom(c)) {
                    previousDot = false;
                } else if (c < 0x80 && c != '"') {
                    return false; // a character no atom and no quoted string could hold outside quotes
                } else {
                    return LOCAL_PART.matcher(s.substring(0, end)).matches(); // quotes or non-ASCII
                }
            }
            return !previousDot; // not empty, no trailing dot
        }

        private static boolean isValidDomain(String s, int start) {
            int length = s.length() - start;
            if (length == 0 || s.charAt(s.length() - 1) == '.') {
                return false;
            }
            // Fast path: dot-separated labels of ASCII domain characters, hyphens inside only.
            int labelStart = start;
            for (int i = start; i <= s.length(); i++) {
                char c = i < s.length() ? s.charAt(i) : '.';
                if (c == '.') {
                    int label = i - labelStart;
                    if (label == 0 || label > MAX_LABEL || s.charAt(i - 1) == '-' || s.charAt(labelStart) == '-') {
                        return false;
                    }
                    labelStart = i + 1;
                } else if (c >= 0x80 || c == '[') {
                    return isValidDomainInGeneral(s.substring(start));
                } else if (c != '-' && !isAsciiDomainChar(c)) {
                    return false;
                }
            }
            return length <= MAX_DOMAIN;
        }

        private static boolean isValidDomainInGeneral(String domain) {
            String ascii;
            try {
                ascii = IDN.toASCII(domain);
            } catch (IllegalArgumentException e) {
                return false;
            }
            return ascii.length() <= MAX_DOMAIN && EMAIL_DOMAIN.matcher(domain).matches();
        }

        private static boolean isAsciiAtom(char c) {
            return c == '-' || isAsciiDomainChar(c);
        }

        /** Letters, digits and {@code !#$%&'*+/=?^_`{|}~}: what a label may hold besides inner hyphens. */
        private static boolean isAsciiDomainChar(char c) {
            return c < 0x80 && DOMAIN_CHAR[c];
        }
    }
}
