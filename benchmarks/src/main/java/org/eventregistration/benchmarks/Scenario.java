package org.eventregistration.benchmarks;

/**
 * One load shape.
 *
 * @param name short name for the table
 * @param events how many events the attempts are spread over (uniformly at random)
 * @param capacity seats per event
 * @param preexisting confirmed registrations stored in the (first) event before the run
 * @param attempts registration attempts in the run (reads, in a read scenario)
 * @param read true if every attempt is the public page's read of the event's counts ({@link
 *     Strategy#read}) instead of a registration
 */
record Scenario(String name, int events, int capacity, int preexisting, int attempts, boolean read) {

    Scenario(String name, int events, int capacity, int preexisting, int attempts) {
        this(name, events, capacity, preexisting, attempts, false);
    }

    /** One hot event, capacity half the attempts. */
    static Scenario hot(int attempts) {
        return new Scenario("hot", 1, attempts / 2, 0, attempts);
    }

    /** The same hot event with many registrations already stored (all confirmed). */
    static Scenario hotWithHistory(int attempts, int preexisting) {
        return new Scenario("hot+" + (preexisting / 1000) + "k", 1, preexisting + attempts / 2, preexisting, attempts);
    }

    /** Many events, a random one per attempt. */
    static Scenario manyEvents(int attempts, int events) {
        return new Scenario(events + " events", events, Math.max(1, attempts / events / 2), 0, attempts);
    }

    /**
     * The public event page's read of one event's counts, {@code reads} times, with {@code
     * preexisting} confirmed registrations stored first.
     */
    static Scenario read(int reads, int preexisting) {
        return new Scenario(
                preexisting == 0 ? "read" : "read+" + (preexisting / 1000) + "k",
                1,
                preexisting + 1000,
                preexisting,
                reads,
                true);
    }
}
