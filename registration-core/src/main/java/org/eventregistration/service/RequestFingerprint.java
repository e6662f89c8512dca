package org.eventregistration.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.registration.RegistrationRequest;

/**
 * Decides whether two requests sent with the same idempotency key are the same request: a SHA-256
 * over every field the person filled in (the e-mail normalized, text stripped, sessions and
 * answers in a fixed order), kept with the key. It stores no personal data that the registration
 * does not already hold, and cannot be turned back into it.
 */
final class RequestFingerprint {
    private RequestFingerprint() {}

    static String of(RegistrationRequest r) {
        StringBuilder b = new StringBuilder(256);
        field(b, r.eventId().value());
        field(b, Attendee.normalizeEmail(r.email()));
        field(b, r.name().strip());
        field(b, r.phone().strip());
        field(b, r.organisationName().strip());
        field(b, r.organisationNumber().replace(" ", ""));
        field(b, r.sector().name());
        field(b, r.role().name());
        field(b, r.invitationCode().strip());
        field(b, r.language().toLanguageTag());
        field(b, Boolean.toString(r.addressVerified()));
        for (String s : new TreeSet<>(r.sessions())) {
            field(b, s);
        }
        b.append('|');
        for (Map.Entry<String, String> a : new TreeMap<>(r.answers()).entrySet()) {
            field(b, a.getKey());
            field(b, a.getValue().strip());
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Length-prefixed, so that no two different requests run together into the same text. */
    private static void field(StringBuilder b, String value) {
        b.append(value.length()).append(':').append(value).append(';');
    }
}
