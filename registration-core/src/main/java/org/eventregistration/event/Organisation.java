package org.eventregistration.event;

import java.util.Objects;
import java.util.Optional;
import org.eventregistration.attendee.OrganisationNumber;

/**
 * An organisation that hosts or co-hosts an event. Immutable and thread-safe.
 *
 * @param name the name as it should be shown, for example {@code Asker kommune}
 * @param number the organisation number, if the organisation has one
 */
public record Organisation(String name, Optional<OrganisationNumber> number) {
    /** Validates. */
    public Organisation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(number, "number");
        if (name.isBlank()) {
            throw new IllegalArgumentException("organisation name must not be blank");
        }
    }

    /** An organisation without a number. */
    public static Organisation of(String name) {
        return new Organisation(name, Optional.empty());
    }

    /** An organisation with a number. */
    public static Organisation of(String name, String organisationNumber) {
        return new Organisation(name, Optional.of(OrganisationNumber.parse(organisationNumber)));
    }
}
