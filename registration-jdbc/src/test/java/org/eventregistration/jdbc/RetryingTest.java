package org.eventregistration.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.eventregistration.event.EventId;
import org.junit.jupiter.api.Test;

/**
 * The retry decorator on its own, around a handler that fails as told: what it runs again, how
 * often, and what it leaves alone. (RetryTest does the same through the store on real databases.)
 */
class RetryingTest {
    private static final EventId EVENT = EventId.of("retrying");

    /** A handler whose attempts fail with the queued failures, then succeed. */
    private static final class Scripted implements TransactionHandler {
        final Deque<SQLException> failures = new ArrayDeque<>();
        int attempts;

        @Override
        public <T> T inTransaction(String operation, EventId eventId, boolean write, SqlWork<T> work)
                throws SQLException {
            attempts++;
            SQLException next = failures.poll();
            if (next != null) {
                throw next;
            }
            return work.run(null);
        }

        @Override
        public boolean joinsCallerTransactions() {
            return false;
        }

        @Override
        public void unitOfWorkStarts() {}

        @Override
        public boolean unitOfWorkJoined() {
            return false;
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run();
        }
    }

    private static SQLException deadlock() {
        return new SQLException("deadlock (scripted)", "40001");
    }

    @Test
    void runsTransientFailuresAgainAndCountsThem() throws SQLException {
        Scripted handler = new Scripted();
        handler.failures.add(deadlock());
        handler.failures.add(deadlock());
        Retrying retrying = new Retrying(handler, Dialect.H2, 5);
        String result = retrying.inTransaction("test", EVENT, true, c -> "done");
        assertThat(result).isEqualTo("done");
        assertThat(handler.attempts).isEqualTo(3);
        assertThat(retrying.retries()).isEqualTo(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        Scripted handler = new Scripted();
        for (int i = 0; i < 10; i++) {
            handler.failures.add(deadlock());
        }
        Retrying retrying = new Retrying(handler, Dialect.H2, 3);
        assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> "done"))
                .isInstanceOf(SQLException.class)
                .hasFieldOrPropertyWithValue("SQLState", "40001");
        assertThat(handler.attempts).isEqualTo(3);
        assertThat(retrying.retries()).isEqualTo(2);
    }

    @Test
    void neverRunsOtherFailuresOrTheCallersTransactionAgain() {
        Scripted handler = new Scripted();
        SQLException unique = new SQLException("duplicate (scripted)", "23505");
        handler.failures.add(unique);
        Retrying retrying = new Retrying(handler, Dialect.H2, 5);
        assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> "done"))
                .isSameAs(unique);
        assertThat(handler.attempts).isEqualTo(1);

        SQLException joined = new TransactionHandler.CallerTransactionFailure(deadlock());
        handler.failures.add(joined);
        assertThatThrownBy(() -> retrying.inTransaction("test", EVENT, true, c -> "done"))
                .isSameAs(joined);
        assertThat(handler.attempts).isEqualTo(2);
        assertThat(retrying.retries()).isZero();
    }
}
