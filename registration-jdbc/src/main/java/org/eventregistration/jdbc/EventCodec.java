package org.eventregistration.jdbc;

import java.util.Collection;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;

/**
 * Turns an {@link Event} definition into the text stored in the event table and back, so that
 * every node sharing the database sees the same events.
 *
 * <p>The default, {@link #json(Collection)}, stores every part of an event as JSON. Eligibility
 * rules are stored by structure: the built-in rules ({@code sectorIn}, {@code roleIn}, {@code
 * allOf}, …) as themselves, and a rule made with {@link EligibilityRule#custom} by its name only,
 * since its predicate is code. Such a rule must be registered (with the same name) on every node
 * that reads the event. Implementations must be thread-safe.
 */
public interface EventCodec {

    /**
     * The stored form of an event.
     *
     * @throws IllegalArgumentException if the event cannot be stored, for example because it uses
     *     a custom eligibility rule that is not registered
     */
    String encode(Event event);

    /**
     * The event of a stored form.
     *
     * @throws IllegalArgumentException if the text is not a stored event, or names a custom rule
     *     that is not registered
     */
    Event decode(String stored);

    /**
     * The JSON codec, knowing the given custom rules (each made with {@link
     * EligibilityRule#custom}) by their names.
     *
     * @throws IllegalArgumentException if a rule is not a custom rule, or two share a name
     */
    static EventCodec json(Collection<? extends EligibilityRule> customRules) {
        return new JsonEventCodec(customRules);
    }
}
