package org.eventregistration.attendee;

import java.util.Objects;

/**
 * A Norwegian organisation number ("organisasjonsnummer"): nine digits, the first 8 or 9 (the
 * Brønnøysund Register Centre issues no others), the last a modulus-11 check digit over the first
 * eight with weights 3, 2, 7, 6, 5, 4, 3, 2. So {@code 000000000}, whose check digit is right, is
 * no organisation number.
 *
 * <p>Immutable and thread-safe. Construction fails for anything that is not a valid number, so an
 * instance is always valid. Spaces (as in {@code 974 760 673}) are accepted by {@link #parse}.
 *
 * @param value the nine digits
 */
public record OrganisationNumber(String value) {
    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    /** Validates the number. */
    public OrganisationNumber {
        Objects.requireNonNull(value, "value");
        if (!isValid(value)) {
            throw new IllegalArgumentException(
                    "not a valid organisation number (9 digits starting with 8 or 9, modulus 11): '"
                            + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
        }
    }

    /**
     * Parses a number, ignoring spaces.
     *
     * @throws IllegalArgumentException if it is not a valid organisation number
     */
    public static OrganisationNumber parse(String text) {
        return new OrganisationNumber(text.replace(" ", ""));
    }

    /**
     * True if the text is exactly nine digits, the first 8 or 9, with a correct modulus-11 check
     * digit.
     */
    public static boolean isValid(String text) {
        if (text.length() != 9 || (text.charAt(0) != '8' && text.charAt(0) != '9')) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (i < 8) {
                sum += (c - '0') * WEIGHTS[i];
            }
        }
        int remainder = sum % 11;
        int check = remainder == 0 ? 0 : 11 - remainder;
        // A remainder of 1 would need check digit 10: such numbers are never issued.
        return check != 10 && check == text.charAt(8) - '0';
    }

    @Override
    public String toString() {
        return value;
    }
}
