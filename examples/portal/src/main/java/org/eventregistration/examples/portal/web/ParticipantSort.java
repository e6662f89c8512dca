package org.eventregistration.examples.portal.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventregistration.registration.ParticipantQuery;

/**
 * The participant list's order, from the {@code sort} and {@code dir} parameters: by name (in
 * Norwegian order), status, registration time (the default, oldest first) or place in the waiting
 * line (everyone not waiting after). The store sorts and pages ({@link ParticipantQuery}).
 *
 * @param column name, status, registered or position
 * @param direction asc or desc
 */
record ParticipantSort(String column, String direction) {
    /** The columns that sort, in the table's order. */
    static final List<String> COLUMNS = List.of("name", "status", "registered", "position");

    /** How a column's header links: the direction its next click asks for, and its {@code aria-sort} (or null). */
    record SortLink(String nextDirection, String ariaSort) {}

    /** The order the parameters ask for; registration time, oldest first, for anything else. */
    static ParticipantSort of(String column, String direction) {
        String c = COLUMNS.contains(column) ? column : "registered";
        String d = "desc".equals(direction) ? "desc" : "asc";
        return new ParticipantSort(c, d);
    }

    /** Asks the store for this order (ties in registration order). */
    void applyTo(ParticipantQuery.Builder query) {
        ParticipantQuery.Sort by = switch (column) {
            case "name" -> ParticipantQuery.Sort.NAME;
            case "status" -> ParticipantQuery.Sort.STATUS;
            case "position" -> ParticipantQuery.Sort.WAITING_POSITION;
            default -> ParticipantQuery.Sort.REGISTERED;
        };
        if ("desc".equals(direction)) {
            query.sortDescending(by);
        } else {
            query.sort(by);
        }
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
