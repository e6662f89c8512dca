package org.eventregistration.examples.portal.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eventregistration.event.EventId;
import org.eventregistration.examples.portal.PublicFormProperties;
import org.springframework.stereotype.Component;

/**
 * The time a registration form was shown, signed (HMAC-SHA256) so that a client cannot move it:
 * {@code <millis>.<signature>}, bound to the event. A form sent sooner than the minimum fill time
 * after it was shown, or later than the maximum age, or with a stamp that does not verify, is not
 * from a person filling it in. Thread-safe.
 */
@Component
class FormStamp {
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;
    private final Duration minimum;
    private final Duration maximum;

    FormStamp(PublicFormProperties properties, Clock clock) {
        byte[] secret = properties.signingKey().isBlank()
                ? new SecureRandom().generateSeed(32)
                : properties.signingKey().getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.clock = clock;
        this.minimum = properties.minimumFillTime();
        this.maximum = properties.maximumFormAge();
    }

    /** A stamp for a form of this event shown now. */
    String issue(EventId event) {
        String millis = Long.toString(clock.millis());
        return millis + "." + sign(event, millis);
    }

    /** True if the stamp is this node's (or a node sharing the key), for this event, and its age is within bounds. */
    boolean accepts(String stamp, EventId event) {
        int dot = stamp == null ? -1 : stamp.indexOf('.');
        if (dot < 1 || dot > 19) {
            return false;
        }
        String millis = stamp.substring(0, dot);
        byte[] expected = sign(event, millis).getBytes(StandardCharsets.US_ASCII);
        byte[] given = stamp.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return false;
        }
        Duration age;
        try {
            age = Duration.between(Instant.ofEpochMilli(Long.parseLong(millis)), clock.instant());
        } catch (NumberFormatException e) {
            return false;
        }
        return age.compareTo(minimum) >= 0 && age.compareTo(maximum) <= 0;
    }

    private String sign(EventId event, String millis) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] signature = mac.doFinal((event.value() + "|" + millis).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
