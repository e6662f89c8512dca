package org.eventregistration.eligibility;

/** The three answers to "may this person register?", from worst to best. */
public enum Verdict {
    /** The person is outside the target audience and may not register. */
    NOT_ELIGIBLE,
    /** The person may register, but an organiser must approve the registration first. */
    NEEDS_APPROVAL,
    /** The person is in the target audience. */
    ELIGIBLE;

    /** The worse of two verdicts. */
    public Verdict worst(Verdict other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The better of two verdicts. */
    public Verdict best(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
