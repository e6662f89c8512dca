package org.eventregistration.registration;

import java.util.List;
import java.util.Objects;

/**
 * What {@link org.eventregistration.service.RegistrationService#registerGroup} returns: every member
 * got a registration, or none did.
 */
public sealed interface GroupOutcome {

    /**
     * Every member was registered, decided in order as if they had registered one after the other
     * with no one in between: each is confirmed, waitlisted or pending approval.
     *
     * @param members one outcome per member, in request order
     */
    record Registered(List<RegistrationOutcome> members) implements GroupOutcome {
        /** Copies. */
        public Registered {
            members = List.copyOf(members);
        }
    }

    /**
     * Nothing was stored because at least one member could not be registered.
     *
     * @param problems the members that failed, with why
     */
    record Refused(List<MemberProblem> problems) implements GroupOutcome {
        /** Copies. */
        public Refused {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a refused group needs a problem");
            }
        }
    }

    /**
     * Why one member of a group could not be registered.
     *
     * @param index the member's position in the request, from 0
     * @param outcome a {@link RegistrationOutcome.Rejected}, {@link RegistrationOutcome.Invalid},
     *     {@link RegistrationOutcome.AlreadyRegistered}, {@link RegistrationOutcome.Repeated} or
     *     {@link RegistrationOutcome.IdempotencyKeyReused}
     */
    record MemberProblem(int index, RegistrationOutcome outcome) {
        /** Validates. */
        public MemberProblem {
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
