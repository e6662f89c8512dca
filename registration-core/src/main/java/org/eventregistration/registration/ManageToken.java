package org.eventregistration.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The secret in a person's "manage my registration" link: 256 random bits, URL-safe Base64 without
 * padding (43 characters). Only its {@link #hash()} is stored; the token itself is handed out once,
 * in the registration outcome.
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not reveal the value.
 *
 * @param value the token text
 */
public record ManageToken(String value) {
    private static final int BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** Validates the shape (not whether it belongs to any registration). */
    public ManageToken {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > 100) {
            throw new IllegalArgumentException("a manage token is 1-100 characters");
        }
    }

    /** A new random token. */
    public static ManageToken generate(SecureRandom random) {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return new ManageToken(ENCODER.encodeToString(bytes));
    }

    /** The SHA-256 of the token as 64 lower-case hex digits: what stores keep and look up. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** True if this token hashes to the given stored hash; compared in constant time. */
    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(
                hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ManageToken[redacted]";
    }
}
