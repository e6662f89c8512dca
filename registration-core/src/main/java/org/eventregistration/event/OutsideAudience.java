package org.eventregistration.event;

/** What an event does with someone its eligibility rule does not admit. */
public enum OutsideAudience {
    /** Refuse the registration, with the reasons. */
    REJECT,
    /** Accept it as pending, for an organiser to approve or decline. */
    REQUIRE_APPROVAL
}
