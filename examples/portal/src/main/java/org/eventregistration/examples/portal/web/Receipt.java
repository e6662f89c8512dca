package org.eventregistration.examples.portal.web;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the receipt page shows after a registration: kept in the person's session (not in the URL)
 * so the page survives a reload and a change of language. Holds no name or address.
 *
 * @param eventId the event
 * @param outcome CONFIRMED, WAITLISTED, PENDING_APPROVAL, REJECTED or ALREADY_REGISTERED
 * @param position the waiting-list position, or 0
 * @param reasons the reasons by language (nb, nn, en), possibly empty
 * @param manageToken the secret of the manage link, or empty when none was issued
 */
record Receipt(String eventId, String outcome, int position, Map<String, List<String>> reasons, String manageToken)
        implements Serializable {
    static final String SESSION_KEY = "portal.receipt";

    /** The reasons in one language. */
    List<String> reasonsIn(String lang) {
        return reasons.getOrDefault(lang, List.of());
    }
}
