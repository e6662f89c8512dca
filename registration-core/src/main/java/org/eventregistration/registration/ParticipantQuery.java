package org.eventregistration.registration;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What an organiser's participant list asks for: which statuses, a search text, an order, and
 * which page. Immutable and thread-safe; built with {@link #builder()} ({@link #all()} is the first
 * 50 of every status, oldest first).
 *
 * <p>{@link #search()} matches, case-insensitively, any part of the name, the e-mail address, the
 * organisation's name or its number. Names are ordered as in Norwegian (Æ, Ø, Å after Z). Every
 * order ends with the time of registration (oldest first) so that pages are stable.
 *
 * @param statuses the statuses to include; empty for all
 * @param search text to look for; empty for no search
 * @param sort the order
 * @param descending true to reverse the order (the final tie-break by registration time stays oldest first)
 * @param offset how many matching registrations to skip
 * @param limit how many at most to return: 1 to {@value #MAX_LIMIT}
 */
public record ParticipantQuery(
        Set<RegistrationStatus> statuses, String search, Sort sort, boolean descending, int offset, int limit) {
    /** The largest page. */
    public static final int MAX_LIMIT = 1000;

    /** The page size unless set. */
    public static final int DEFAULT_LIMIT = 50;

    /** The orders of a participant list. */
    public enum Sort {
        /** By the time of registration, oldest first. */
        REGISTERED,
        /** By full name in Norwegian order (Æ, Ø, Å after Z). */
        NAME,
        /** By status, in the order of {@link RegistrationStatus}'s constants. */
        STATUS,
        /** Those on the waiting list first, in their order on it; then the rest. */
        WAITING_POSITION
    }

    /** Checks the values and copies the statuses. */
    public ParticipantQuery {
        Objects.requireNonNull(statuses, "statuses");
        statuses = statuses.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(statuses));
        search = Objects.requireNonNull(search, "search").strip();
        Objects.requireNonNull(sort, "sort");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more but was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " but was " + limit);
        }
    }

    /** Every registration, oldest first, the first {@value #DEFAULT_LIMIT}. */
    public static ParticipantQuery all() {
        return builder().build();
    }

    /** Starts a query: all statuses, no search, oldest first, offset 0, {@value #DEFAULT_LIMIT} per page. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy at another offset (the next page: {@code withOffset(offset() + limit())}). */
    public ParticipantQuery withOffset(int offset) {
        return new ParticipantQuery(statuses, search, sort, descending, offset, limit);
    }

    /** True if a registration passes the status filter and the search. */
    public boolean matches(Registration r) {
        if (!statuses.isEmpty() && !statuses.contains(r.status())) {
            return false;
        }
        if (search.isEmpty()) {
            return true;
        }
        String needle = search.toLowerCase(Locale.ROOT);
        var a = r.attendee();
        return a.name().toLowerCase(Locale.ROOT).contains(needle)
                || a.normalizedEmail().contains(needle)
                || a.organisationName()
                        .map(n -> n.toLowerCase(Locale.ROOT).contains(needle))
                        .orElse(false)
                || a.organisationNumber().map(n -> n.value().contains(needle)).orElse(false);
    }

    /**
     * Applies the query in memory to all registrations of an event, given oldest first (as {@link
     * org.eventregistration.spi.RegistrationStore#findRegistrations} returns them).
     */
    public Page<Registration> apply(List<Registration> oldestFirst) {
        Objects.requireNonNull(oldestFirst, "oldestFirst");
        List<Registration> matching = new ArrayList<>();
        for (Registration r : oldestFirst) {
            if (matches(r)) {
                matching.add(r);
            }
        }
        // The list is oldest first: a stable sort keeps that as the last tie-break.
        Comparator<Registration> order = comparator();
        if (order != null) {
            matching.sort(descending ? order.reversed() : order);
        } else if (descending) {
            java.util.Collections.reverse(matching);
        }
        int from = Math.min(offset, matching.size());
        int to = Math.min(from + limit, matching.size());
        return new Page<>(matching.subList(from, to), offset, limit, matching.size());
    }

    /** The order before the final tie-break by age; null for {@link Sort#REGISTERED}. */
    private Comparator<Registration> comparator() {
        return switch (sort) {
            case REGISTERED -> null;
            case NAME -> {
                Collator collator = norwegianCollator();
                yield (x, y) ->
                        collator.compare(x.attendee().name(), y.attendee().name());
            }
            case STATUS -> Comparator.comparing(Registration::status);
            case WAITING_POSITION ->
                Comparator.comparing((Registration r) -> r.status() != RegistrationStatus.WAITLISTED)
                        .thenComparingLong(r -> r.status() == RegistrationStatus.WAITLISTED ? r.waitlistSequence() : 0);
        };
    }

    /** Norwegian bokmål order, Æ Ø Å after Z; a new instance (a Collator is not thread-safe). */
    public static Collator norwegianCollator() {
        Collator c = Collator.getInstance(Locale.forLanguageTag("nb-NO"));
        c.setStrength(Collator.TERTIARY);
        return c;
    }

    /** Builds a {@link ParticipantQuery}. Not thread-safe. */
    public static final class Builder {
        private Set<RegistrationStatus> statuses = Set.of();
        private String search = "";
        private Sort sort = Sort.REGISTERED;
        private boolean descending;
        private int offset;
        private int limit = DEFAULT_LIMIT;

        private Builder() {}

        /** Only registrations in these statuses; empty (the default) for all. */
        public Builder statuses(Set<RegistrationStatus> statuses) {
            this.statuses = Set.copyOf(Objects.requireNonNull(statuses, "statuses"));
            return this;
        }

        /** Text to look for in name, e-mail and organisation; blank for none. */
        public Builder search(String search) {
            this.search = Objects.requireNonNull(search, "search");
            return this;
        }

        /** The order, ascending. */
        public Builder sort(Sort sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            this.descending = false;
            return this;
        }

        /** The order, descending. */
        public Builder sortDescending(Sort sort) {
            this.sort = Objects.requireNonNull(sort, "sort");
            this.descending = true;
            return this;
        }

        /** How many matching registrations to skip; 0 or more. */
        public Builder offset(int offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must be 0 or more but was " + offset);
            }
            this.offset = offset;
            return this;
        }

        /** The page size, 1 to {@value ParticipantQuery#MAX_LIMIT}. */
        public Builder limit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " but was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** Builds the query. */
        public ParticipantQuery build() {
            return new ParticipantQuery(statuses, search, sort, descending, offset, limit);
        }
    }
}
