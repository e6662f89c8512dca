package org.eventregistration.eligibility;

import java.util.Objects;
import org.eventregistration.attendee.Attendee;

/**
 * What an eligibility rule looks at: the attendee and the invitation code they typed, if any.
 *
 * @param attendee the person
 * @param invitationCode the code as typed, or the empty string
 */
public record Applicant(Attendee attendee, String invitationCode) {
    /** Validates. */
    public Applicant {
        Objects.requireNonNull(attendee, "attendee");
        Objects.requireNonNull(invitationCode, "invitationCode");
    }

    /** An applicant without an invitation code. */
    public static Applicant of(Attendee attendee) {
        return new Applicant(attendee, "");
    }
}
