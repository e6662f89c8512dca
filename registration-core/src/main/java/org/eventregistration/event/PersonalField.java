package org.eventregistration.event;

/**
 * The personal details a registration form may ask for besides the name and the e-mail address,
 * which every registration has. An event asks only for what it needs ({@link Event#askFor()}): a
 * citizens' meeting has no use for an employer. Ask for the sector or the role when the event's
 * audience rule looks at them.
 */
public enum PersonalField {
    /** A telephone number. */
    PHONE,
    /** The organisation the person works for: its name and organisation number. */
    ORGANISATION,
    /** The sector of that organisation (state, municipality, …). */
    SECTOR,
    /** The person's role there (leader, adviser, …). */
    ROLE
}
