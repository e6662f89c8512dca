package org.eventregistration.examples.portal.web;

import java.text.Collator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;

/**
 * The participant list's order, from the {@code sort} and {@code dir} parameters: by name,
 * organisation, status, registration time (the default, oldest first) or place in the waiting
 * line (by waiting-list sequence, which orders the line; everyone not waiting after). Sorts the
 * list as read, in the controller, so that it can move to the store's paged queries as it is.
 *
 * @param column name, organisation, status, registered or position
 * @param direction asc or desc
 */
record ParticipantSort(String column, String direction) {
    /** The columns that sort, in the table's order. */
    static final List<String> COLUMNS = List.of("name", "organisation", "status", "registered", "position");

    /** How a column's header links: the direction its next click asks for, and its {@code aria-sort} (or null). */
    record SortLink(String nextDirection, String ariaSort) {}

    /** The order the parameters ask for; registration time, oldest first, for anything else. */
    static ParticipantSort of(String column, String direction) {
        String c = COLUMNS.contains(column) ? column : "registered";
        String d = "desc".equals(direction) ? "desc" : "asc";
        return new ParticipantSort(c, d);
    }

    /** The list in this order (a stable sort: ties keep registration order). */
    List<Registration> apply(List<Registration> registrations, Locale locale) {
        Collator collator = Collator.getInstance(locale);
        Comparator<Registration> by = switch (column) {
            case "name" -> Comparator.comparing(r -> r.attendee().name(), collator);
            case "organisation" ->
                Comparator.comparing(r -> r.attendee().organisationName().orElse(""), collator);
            case "status" -> Comparator.comparing(r -> r.status().message(locale), collator);
            case "position" ->
                Comparator.comparingLong(
                        r -> r.status() == RegistrationStatus.WAITLISTED ? r.waitlistSequence() : Long.MAX_VALUE);
            default -> Comparator.comparing(Registration::createdAt);
        };
        if ("desc".equals(direction)) {
            by = by.reversed();
        }
        return registrations.stream().sorted(by).toList();
    }

    /** Each column's link. */
    Map<String, SortLink> links() {
        Map<String, SortLink> links = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            boolean current = c.equals(column);
            links.put(
                    c,
                    new SortLink(
                            current && "asc".equals(direction) ? "desc" : "asc",
                            current ? ("asc".equals(direction) ? "ascending" : "descending") : null));
        }
        return links;
    }
}
