package org.eventregistration.registration;

import java.util.List;
import java.util.Objects;

/**
 * Several colleagues from one organisation registered in one call, all or none. Immutable.
 *
 * @param members one request per person, all for the same event and organisation; 1 to 50
 */
public record GroupRegistrationRequest(List<RegistrationRequest> members) {
    /** The most people in one group request. */
    public static final int MAX_MEMBERS = 50;

    /** Copies. The service validates the rest. */
    public GroupRegistrationRequest {
        members = List.copyOf(Objects.requireNonNull(members, "members"));
    }

    /** Shorthand for the constructor. */
    public static GroupRegistrationRequest of(List<RegistrationRequest> members) {
        return new GroupRegistrationRequest(members);
    }
}
