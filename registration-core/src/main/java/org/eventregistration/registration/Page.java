package org.eventregistration.registration;

import java.util.List;
import java.util.Objects;

/**
 * One page of a longer result: the items from {@code offset}, at most {@code limit} of them, and
 * how many there are in all. Immutable and thread-safe.
 *
 * @param items the items of this page, in order; never null, possibly empty
 * @param offset how many items come before this page (0 for the first)
 * @param limit the most items a page holds
 * @param total how many items the whole result has
 * @param <T> the item type
 */
public record Page<T>(List<T> items, int offset, int limit, int total) {
    /** Checks the values and copies the items. */
    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more but was " + offset);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be 1 or more but was " + limit);
        }
        if (items.size() > limit) {
            throw new IllegalArgumentException(items.size() + " items on a page of " + limit);
        }
        if (total < (items.isEmpty() ? 0 : offset + items.size())) {
            throw new IllegalArgumentException(
                    "total " + total + " is less than offset " + offset + " plus " + items.size() + " items");
        }
    }

    /** True if items come after this page. */
    public boolean hasNext() {
        return offset + items.size() < total;
    }

    /** True if items come before this page. */
    public boolean hasPrevious() {
        return offset > 0;
    }
}
