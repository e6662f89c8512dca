package org.eventregistration.registration;

/** What a link sent to a person lets its holder do; every link's secret is a {@link ManageToken}. */
public enum LinkPurpose {
    /** See, cancel, accept or decline: the person's own registration page. Also confirms the address. */
    MANAGE,
    /** Confirm the e-mail address of a registration that waits for it. */
    CONFIRM_ADDRESS,
    /** Export or erase the data held about the address, in the event organiser's events. */
    DATA_REQUEST,
    /**
     * Take over the seat a colleague offered: sent to the colleague's address, so following it
     * confirms that address. Works until the offer lapses, and only for the newest offer.
     */
    HANDOVER,
    /**
     * Check the person in at the door: a secret of its own (never the manage token), shown as a QR
     * code in the messages that confirm a seat, for the organiser's staff to open; it lets nobody
     * else do anything. Works until the event ends.
     */
    CHECK_IN
}
