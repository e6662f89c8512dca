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
}
