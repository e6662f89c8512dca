package org.eventregistration.attendee;

import java.util.Locale;
import org.eventregistration.i18n.Localizable;
import org.eventregistration.i18n.Messages;

/** The attendee's role at work, as used by target audiences such as "ledere og mellomledere". */
public enum Role implements Localizable {
    /** A top leader ("leder"). */
    LEADER,
    /** A middle manager ("mellomleder"). */
    MIDDLE_MANAGER,
    /** A project manager ("prosjektleder"). */
    PROJECT_MANAGER,
    /** An adviser or specialist ("rådgiver"). */
    ADVISER,
    /** Any other employee. */
    EMPLOYEE,
    /** A student. */
    STUDENT,
    /** Anything else. */
    OTHER;

    @Override
    public String message(Locale locale) {
        return Messages.format("role." + name(), locale);
    }
}
