package org.eventregistration.examples.portal.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eventregistration.event.EventId;
import org.eventregistration.examples.portal.PublicFormProperties;
import org.eventregistration.examples.portal.PublicFormProperties.Limit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Rate limits on the public registration form (Bucket4j token buckets): one bucket per client
 * address and one per event. In this node's memory by default (at most 100,000 of each, forgotten
 * when unused for a while); with {@code portal.public-form.buckets=database}, in PostgreSQL (table
 * {@code portal_rate_bucket}, created if missing), so that every node takes from the same buckets.
 * Time comes from the portal's {@link Clock}. Thread-safe.
 */
@Component
class RegistrationLimits {
    private static final long MAX_KEYS = 100_000;
    static final String TABLE = "portal_rate_bucket";

    private final Limit perClient;
    private final Limit perEvent;
    private final Buckets buckets;

    RegistrationLimits(PublicFormProperties properties, Clock clock, ObjectProvider<DataSource> dataSource) {
        this.perClient = properties.perClient();
        this.perEvent = properties.perEvent();
        TimeMeter time = new ClockTimeMeter(clock);
        this.buckets = properties.buckets() == PublicFormProperties.Buckets.DATABASE
                ? new DatabaseBuckets(dataSource.getObject(), time, longest(perClient, perEvent))
                : new MemoryBuckets(time, perClient.period(), perEvent.period());
    }

    private static Duration longest(Limit a, Limit b) {
        return a.period().compareTo(b.period()) >= 0 ? a.period() : b.period();
    }

    /**
     * Takes one registration from the client's and the event's buckets.
     *
     * @return zero if allowed; otherwise how long until the client may try again
     */
    Duration acquire(String clientAddress, EventId event) {
        Duration wait = take(buckets.client(clientAddress, configuration(perClient)));
        if (!wait.isZero()) {
            return wait;
        }
        return take(buckets.event(event, configuration(perEvent)));
    }

    private static Duration take(Bucket bucket) {
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill()));
    }

    private static BucketConfiguration configuration(Limit limit) {
        return BucketConfiguration.builder()
                .addLimit(l -> l.capacity(limit.requests()).refillGreedy(limit.requests(), limit.period()))
                .build();
    }

    /** Where the buckets are. */
    private interface Buckets {
        Bucket client(String address, BucketConfiguration configuration);

        Bucket event(EventId event, BucketConfiguration configuration);
    }

    /** Each node its own buckets. */
    private static final class MemoryBuckets implements Buckets {
        private final TimeMeter time;
        private final Cache<String, Bucket> clients;
        private final Cache<EventId, Bucket> events;

        MemoryBuckets(TimeMeter time, Duration clientPeriod, Duration eventPeriod) {
            this.time = time;
            this.clients = cache(clientPeriod);
            this.events = cache(eventPeriod);
        }

        private static <K> Cache<K, Bucket> cache(Duration period) {
            // A bucket unused for its whole period is full again: forgetting it changes nothing.
            return Caffeine.newBuilder()
                    .maximumSize(MAX_KEYS)
                    .expireAfterAccess(period)
                    .build();
        }

        private Bucket bucket(BucketConfiguration configuration) {
            var builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth limit : configuration.getBandwidths()) {
                builder.addLimit(limit);
            }
            return builder.build();
        }

        @Override
        public Bucket client(String address, BucketConfiguration configuration) {
            return clients.get(address, k -> bucket(configuration));
        }

        @Override
        public Bucket event(EventId event, BucketConfiguration configuration) {
            return events.get(event, k -> bucket(configuration));
        }
    }

    /**
     * One set of buckets for every node, in PostgreSQL: each take locks the bucket's row ({@code
     * SELECT ... FOR UPDATE}) in a short transaction of its own. A row expires once its bucket
     * would be full again; expired rows are deleted as new ones are written.
     */
    private static final class DatabaseBuckets implements Buckets {
        private final ProxyManager<String> proxies;
        private final ExpiredEntriesCleaner cleaner;

        DatabaseBuckets(DataSource dataSource, TimeMeter time, Duration longestPeriod) {
            createTable(dataSource);
            var manager = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table(TABLE)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(longestPeriod))
                    .clientClock(time)
                    .build();
            this.proxies = manager;
            this.cleaner = manager;
        }

        private static void createTable(DataSource dataSource) {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                if (!product.contains("postgresql")) {
                    throw new IllegalStateException("portal.public-form.buckets=database needs PostgreSQL, not "
                            + c.getMetaData().getDatabaseProductName());
                }
                s.execute("CREATE TABLE IF NOT EXISTS " + TABLE
                        + " (id VARCHAR(200) PRIMARY KEY, state BYTEA, expires_at BIGINT)");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the rate-limit table " + TABLE, e);
            }
        }

        private Bucket bucket(String key, BucketConfiguration configuration) {
            if (ThreadLocalRandom.current().nextInt(1000) == 0) {
                cleaner.removeExpired(1000); // about one call in a thousand tidies up
            }
            return proxies.builder().build(key, () -> configuration);
        }

        @Override
        public Bucket client(String address, BucketConfiguration configuration) {
            return bucket("client:" + address, configuration);
        }

        @Override
        public Bucket event(EventId event, BucketConfiguration configuration) {
            return bucket("event:" + event.value(), configuration);
        }
    }

    /** Bucket4j's time, read from the portal's clock so tests can move it. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return TimeUnit.MILLISECONDS.toNanos(clock.millis());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
