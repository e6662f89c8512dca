package org.eventregistration.event;

import java.time.Duration;
import java.util.Objects;

/**
 * How long after an event ends the personal data of its registrations is kept. Immutable and
 * thread-safe.
 *
 * <p>After {@code end + personalData} every registration of the event is anonymised (name, e-mail,
 * phone, organisation, free-text answers and organisers' notes removed; status, sessions, choices
 * and counters kept, so statistics survive). After {@code end + sensitiveAnswers} the answers to
 * questions marked {@linkplain Question#sensitive() sensitive} (diet, accessibility needs) are
 * removed. See {@code RegistrationService.applyRetention()}.
 *
 * @param personalData how long personal data is kept after the event ends; 0 to 10 years
 * @param sensitiveAnswers how long sensitive answers are kept after the event ends; 0 to {@code
 *     personalData}
 */
public record Retention(Duration personalData, Duration sensitiveAnswers) {
    /** The longest period accepted: ten years. */
    public static final Duration MAX = Duration.ofDays(3653);

    /** 90 days for personal data, 30 days for sensitive answers: the default of every event. */
    public static final Retention DEFAULT = new Retention(Duration.ofDays(90), Duration.ofDays(30));

    /** Validates. */
    public Retention {
        Objects.requireNonNull(personalData, "personalData");
        Objects.requireNonNull(sensitiveAnswers, "sensitiveAnswers");
        if (personalData.isNegative() || personalData.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("personal data retention must be 0 to 10 years but was " + personalData);
        }
        if (sensitiveAnswers.isNegative() || sensitiveAnswers.compareTo(personalData) > 0) {
            throw new IllegalArgumentException("sensitive answers retention must be 0 to the personal data retention ("
                    + personalData + ") but was " + sensitiveAnswers);
        }
    }

    /** Personal data and sensitive answers both kept for {@code period} after the event ends. */
    public static Retention of(Duration period) {
        return new Retention(period, period);
    }

    /** Personal data kept for {@code personalData}, sensitive answers for the shorter {@code sensitiveAnswers}. */
    public static Retention of(Duration personalData, Duration sensitiveAnswers) {
        return new Retention(personalData, sensitiveAnswers);
    }
}
