package org.eventregistration.service;

import java.time.Instant;
import java.util.Objects;

/**
 * What one {@link RegistrationService#applyRetention()} run changed. A run that finds nothing due
 * reports zeros. Immutable.
 *
 * @param ranAt the time the run used
 * @param events how many events had something changed
 * @param sensitiveAnswersRemoved how many registrations lost their answers to sensitive questions
 * @param registrationsAnonymised how many registrations were anonymised
 */
public record RetentionReport(Instant ranAt, int events, int sensitiveAnswersRemoved, int registrationsAnonymised) {
    /** Validates. */
    public RetentionReport {
        Objects.requireNonNull(ranAt, "ranAt");
    }
}
