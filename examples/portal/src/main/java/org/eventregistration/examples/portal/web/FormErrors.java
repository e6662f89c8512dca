package org.eventregistration.examples.portal.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of one form submission, in form order: each tied to the id of the field it is about,
 * so the summary at the top can link to the field and the field can point at its message with
 * {@code aria-describedby}.
 */
public final class FormErrors {
    private final Map<String, String> byField = new LinkedHashMap<>();

    /** One error of the summary. */
    public record Item(String fieldId, String message) {}

    void add(String fieldId, String message) {
        byField.merge(fieldId, message, (a, b) -> a + " " + b);
    }

    /** True if there is none. */
    public boolean isEmpty() {
        return byField.isEmpty();
    }

    /** True if the field has an error. */
    public boolean has(String fieldId) {
        return byField.containsKey(fieldId);
    }

    /** The field's message, or empty. */
    public String of(String fieldId) {
        return byField.getOrDefault(fieldId, "");
    }

    /** Every error, sorted in the order of the given field ids; unknown ones last. */
    public List<Item> items(List<String> fieldOrder) {
        List<Item> items = new ArrayList<>();
        for (String id : fieldOrder) {
            if (byField.containsKey(id)) {
                items.add(new Item(id, byField.get(id)));
            }
        }
        byField.forEach((id, message) -> {
            if (!fieldOrder.contains(id)) {
                items.add(new Item(id, message));
            }
        });
        return items;
    }

    /**
     * The ids for a field's {@code aria-describedby}: its hint and its error message, or null (no
     * attribute) when it has neither.
     */
    public String describedBy(String fieldId, boolean hasHint) {
        String ids = ((hasHint ? fieldId + "-hint " : "") + (has(fieldId) ? fieldId + "-error" : "")).strip();
        return ids.isEmpty() ? null : ids;
    }

    /** How many fields have errors. */
    public int count() {
        return byField.size();
    }
}
