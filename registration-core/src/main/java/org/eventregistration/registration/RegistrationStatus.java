package org.eventregistration.registration;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.eventregistration.i18n.Localizable;
import org.eventregistration.i18n.Messages;

/**
 * Where a registration is in its lifecycle, and which moves are allowed from there.
 *
 * <pre>
 * PENDING_APPROVAL → CONFIRMED | WAITLISTED | DECLINED | CANCELLED | EXPIRED
 * WAITLISTED       → CONFIRMED | OFFERED | CANCELLED | EXPIRED
 * OFFERED          → CONFIRMED | DECLINED | EXPIRED | CANCELLED
 * CONFIRMED        → CHECKED_IN | NO_SHOW | CANCELLED | EXPIRED
 * NO_SHOW          → CHECKED_IN   (came late after all)
 * CHECKED_IN       → CONFIRMED    (checked in by mistake: undone by an organiser)
 * CANCELLED, DECLINED, EXPIRED: final
 * </pre>
 *
 * <p>Only an offer expires from OFFERED; PENDING_APPROVAL, WAITLISTED and CONFIRMED expire only
 * while the e-mail address is not yet confirmed ({@link Registration#confirmAddressBy()}).
 */
public enum RegistrationStatus implements Localizable {
    /** Outside the target audience; an organiser must approve. Holds no seat. */
    PENDING_APPROVAL,
    /** Has a seat. */
    CONFIRMED,
    /** On the waiting list. Holds no seat. */
    WAITLISTED,
    /** Offered a freed seat, which is held until they accept, decline or the offer expires. */
    OFFERED,
    /** Cancelled by the person or an organiser. */
    CANCELLED,
    /** Declined: by an organiser (a pending registration) or by the person (an offer). */
    DECLINED,
    /** An offer that was not answered in time, or an e-mail address that was not confirmed in time. */
    EXPIRED,
    /** Came to the event. */
    CHECKED_IN,
    /** Had a seat but did not come. */
    NO_SHOW;

    private Set<RegistrationStatus> next() {
        return switch (this) {
            case PENDING_APPROVAL -> EnumSet.of(CONFIRMED, WAITLISTED, DECLINED, CANCELLED, EXPIRED);
            case WAITLISTED -> EnumSet.of(CONFIRMED, OFFERED, CANCELLED, EXPIRED);
            case OFFERED -> EnumSet.of(CONFIRMED, DECLINED, EXPIRED, CANCELLED);
            case CONFIRMED -> EnumSet.of(CHECKED_IN, NO_SHOW, CANCELLED, EXPIRED);
            case NO_SHOW -> EnumSet.of(CHECKED_IN);
            case CHECKED_IN -> EnumSet.of(CONFIRMED);
            case CANCELLED, DECLINED, EXPIRED -> EnumSet.noneOf(RegistrationStatus.class);
        };
    }

    /** True if the lifecycle allows moving from this status to {@code target}. */
    public boolean canMoveTo(RegistrationStatus target) {
        return next().contains(target);
    }

    /** True for the statuses that occupy a seat: confirmed, offered, checked in, no-show. */
    public boolean holdsSeat() {
        return this == CONFIRMED || this == OFFERED || this == CHECKED_IN || this == NO_SHOW;
    }

    /** True while the registration is alive: not cancelled, declined or expired. */
    public boolean isActive() {
        return this != CANCELLED && this != DECLINED && this != EXPIRED;
    }

    /** True if no further move is possible. */
    public boolean isFinal() {
        return next().isEmpty();
    }

    @Override
    public String message(Locale locale) {
        return Messages.format("status." + name(), locale);
    }
}
