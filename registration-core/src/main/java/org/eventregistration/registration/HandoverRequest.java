package org.eventregistration.registration;

import java.util.Objects;

/**
 * The colleague a person wants to give their seat to, as typed into the form. Nothing is checked
 * when it is built; {@link org.eventregistration.service.RegistrationService#offerSeat} validates it.
 * Absent text is the empty string. Immutable and thread-safe; {@link #toString()} leaves out the
 * personal data.
 *
 * @param name the colleague's name
 * @param email the colleague's e-mail address
 * @param organisationNumber the colleague's organisation number; required when the registration
 *     has one (it must be the same), ignored otherwise
 */
public record HandoverRequest(String name, String email, String organisationNumber) {

    /** Validates that nothing is null. */
    public HandoverRequest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(organisationNumber, "organisationNumber");
    }

    /** A request without an organisation number. */
    public HandoverRequest(String name, String email) {
        this(name, email, "");
    }

    @Override
    public String toString() {
        return "HandoverRequest[redacted]";
    }
}
