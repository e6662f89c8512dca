package org.eventregistration.benchmarks;

import javax.sql.DataSource;

/** One way of registering a person for an event with limited seats. */
interface Strategy {

    /** The name in the result table. */
    String name();

    /** Creates fresh tables and events for the scenario (and the pre-existing registrations). */
    void prepare(Database db, DataSource ds, Scenario scenario) throws Exception;

    /**
     * One registration attempt.
     *
     * @param event the event's index, 0 .. events-1
     * @param attempt a unique attempt number (for a unique e-mail)
     * @return true if confirmed, false if waitlisted
     */
    boolean attempt(int event, int attempt) throws Exception;

    /**
     * Checks the invariants after a run and throws if one is broken: nothing confirmed beyond
     * capacity, counters equal to the rows, every attempt accounted for.
     *
     * @param confirmed how many attempts the harness saw confirmed
     * @param waitlisted how many it saw waitlisted
     */
    void verify(int confirmed, int waitlisted) throws Exception;

    /**
     * The public event page's read: the counts of one event, as a portal shows them.
     *
     * @param event the event's index
     * @return the seats taken, which the harness compares with what was stored
     */
    default int read(int event) throws Exception {
        throw new UnsupportedOperationException(name() + " has no read");
    }

    /** Whether this strategy runs on that database (the harness skips it elsewhere, saying so). */
    default boolean runsOn(Database db) {
        return true;
    }
}
