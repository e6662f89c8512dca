package org.eventregistration.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.spi.StoreException;

// ------------------------------------------------------------------ builder

/**
 * Builds a {@link JdbcRegistrationStore}. Not thread-safe. Fails fast: a bad value throws at
 * once, with the value in the message.
 */
public final class JdbcRegistrationStoreBuilder {
    final ConnectionFactory connections;
    final DataSource dataSource;
    String prefix = JdbcRegistrationStore.DEFAULT_TABLE_PREFIX;
    boolean prefixSet;
    Database database;
    EventCodec codec;
    final Map<String, EligibilityRule> customRules = new LinkedHashMap<>();
    int maxAttempts = 5;
    Clock clock = Clock.systemUTC();
    Duration outboxClaim = Duration.ZERO;

    JdbcRegistrationStoreBuilder(ConnectionFactory connections, DataSource dataSource) {
        this.connections = connections;
        this.dataSource = dataSource;
    }

    /**
     * The prefix of every table name: 1-21 of {@code [a-z0-9_]}, starting with a letter;
     * {@value JdbcRegistrationStore#DEFAULT_TABLE_PREFIX} unless set.
     */
    public JdbcRegistrationStoreBuilder tablePrefix(String tablePrefix) {
        if (prefixSet) {
            throw new IllegalStateException("the table prefix is already set to '" + prefix + "'");
        }
        this.prefix = TablePrefix.check(tablePrefix);
        this.prefixSet = true;
        return this;
    }

    /** The database; detected from the JDBC metadata unless set. */
    public JdbcRegistrationStoreBuilder dialect(Database database) {
        if (this.database != null) {
            throw new IllegalStateException("the database is already set to " + this.database);
        }
        this.database = Objects.requireNonNull(database, "database");
        return this;
    }

    /** Replaces the JSON event codec; then custom rules are the codec's business. */
    public JdbcRegistrationStoreBuilder eventCodec(EventCodec codec) {
        if (this.codec != null) {
            throw new IllegalStateException("the event codec is already set");
        }
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /**
     * Registers a custom eligibility rule (made with {@link EligibilityRule#custom}) by its name,
     * so that events using it can be stored and read back. Register the same rules on every node.
     *
     * @throws IllegalArgumentException if it is not a custom rule, or its name is taken
     */
    public JdbcRegistrationStoreBuilder customRule(EligibilityRule rule) {
        Objects.requireNonNull(rule, "rule");
        if (!(rule instanceof EligibilityRule.Custom custom)) {
            throw new IllegalArgumentException(
                    "only rules made with EligibilityRule.custom need registering, not " + rule);
        }
        if (customRules.putIfAbsent(custom.name(), custom) != null) {
            throw new IllegalArgumentException("custom eligibility rule '" + custom.name() + "' is already registered");
        }
        return this;
    }

    /** How many times a transaction is tried in all on deadlocks and serialization failures: 1 to 20, 5 unless set. */
    public JdbcRegistrationStoreBuilder maxAttempts(int maxAttempts) {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1..20 but was " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** The clock for bookkeeping times (event updates, outbox claims); the system clock unless set. */
    public JdbcRegistrationStoreBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /**
     * Makes {@link JdbcRegistrationStore#pendingNotifications} claim what it returns for this
     * long, so that dispatchers on several nodes do not deliver the same notification at the
     * same time; zero (the default) claims nothing. Use a duration well above the time
     * listeners take. Needs schema version 2.
     */
    public JdbcRegistrationStoreBuilder outboxClaim(Duration claim) {
        Objects.requireNonNull(claim, "claim");
        if (claim.isNegative() || claim.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("an outbox claim must be 0 to 1 day but was " + claim);
        }
        this.outboxClaim = claim;
        return this;
    }

    /**
     * Builds the store. Opens one connection to detect the database unless it was set. Does not
     * create tables: see {@link JdbcRegistrationStore#migrate()}.
     *
     * @throws IllegalStateException if custom rules were registered beside an own event codec
     * @throws StoreException if the database cannot be reached for detection
     */
    public JdbcRegistrationStore build() {
        if (codec != null && !customRules.isEmpty()) {
            throw new IllegalStateException(
                    "custom rules are registered with the JSON codec; an own eventCodec handles its own");
        }
        Database db = database != null ? database : Database.detect(connections);
        return new JdbcRegistrationStore(this, db);
    }
}
