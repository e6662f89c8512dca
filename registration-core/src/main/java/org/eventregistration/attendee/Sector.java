package org.eventregistration.attendee;

import java.util.Locale;
import org.eventregistration.i18n.Localizable;
import org.eventregistration.i18n.Messages;

/** The sector an attendee's organisation belongs to. */
public enum Sector implements Localizable {
    /** Central government ("stat"). */
    STATE,
    /** A municipality ("kommune"). */
    MUNICIPALITY,
    /** A county authority ("fylkeskommune"). */
    COUNTY,
    /** A private company. */
    PRIVATE,
    /** A voluntary organisation ("frivillig sektor"). */
    VOLUNTARY,
    /** Universities, colleges and research institutes. */
    ACADEMIA,
    /** Anything else, including private persons. */
    OTHER;

    /** True for state, municipality and county: the public sector. */
    public boolean isPublic() {
        return this == STATE || this == MUNICIPALITY || this == COUNTY;
    }

    @Override
    public String message(Locale locale) {
        return Messages.format("sector." + name(), locale);
    }
}
