package org.eventregistration.benchmarks;

/** Fails a benchmark run whose result would be meaningless because the system was wrong. */
final class Invariants {
    private Invariants() {}

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new InvariantViolation(message);
        }
    }

    /** An invariant broke: the run is invalid. */
    static final class InvariantViolation extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvariantViolation(String message) {
            super("INVARIANT BROKEN: " + message);
        }
    }
}
