package org.eventregistration.examples.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.eventregistration.event.EventId;
import org.eventregistration.examples.portal.PublicFormProperties;
import org.eventregistration.examples.portal.PublicFormProperties.Buckets;
import org.eventregistration.examples.portal.PublicFormProperties.Limit;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/**
 * With several nodes, the rate limits hold for the whole portal only when the buckets are shared:
 * two nodes with memory buckets let a client through once per node, two with database buckets
 * (PostgreSQL) once in all. The database half runs when PostgreSQL answers on 127.0.0.1:5432, and
 * must run when {@code REGISTRATION_REQUIRE_DATABASES=true}.
 */
class SharedRateLimitsTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private static PublicFormProperties properties(Buckets buckets) {
        return new PublicFormProperties(
                new Limit(3, Duration.ofMinutes(10)), new Limit(1000, Duration.ofMinutes(1)), null, null, "k", buckets);
    }

    private static RegistrationLimits node(Buckets buckets, DataSource dataSource) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (dataSource != null) {
            beans.addBean("dataSource", dataSource);
        }
        return new RegistrationLimits(properties(buckets), Clock.systemUTC(), beans.getBeanProvider(DataSource.class));
    }

    /** How many of ten attempts from one client, alternating between the two nodes, get through. */
    private static int admitted(RegistrationLimits one, RegistrationLimits two) {
        String client = "10.1." + UUID.randomUUID();
        EventId event = EventId.of("limits-" + UUID.randomUUID().toString().substring(0, 8));
        int admitted = 0;
        for (int i = 0; i < 10; i++) {
            if ((i % 2 == 0 ? one : two).acquire(client, event).isZero()) {
                admitted++;
            }
        }
        return admitted;
    }

    @Test
    void memoryBucketsLimitEachNodeOnItsOwn() {
        assertThat(admitted(node(Buckets.MEMORY, null), node(Buckets.MEMORY, null)))
                .isEqualTo(6);
    }

    @Test
    void databaseBucketsLimitTheClientOnceAcrossEveryNode() {
        boolean required = "true".equals(System.getenv("REGISTRATION_REQUIRE_DATABASES"));
        boolean reachable;
        try (Connection c = DriverManager.getConnection(URL, "postgres", "")) {
            reachable = c.isValid(2);
        } catch (SQLException e) {
            reachable = false;
        }
        if (required) {
            assertThat(reachable)
                    .as("PostgreSQL on 127.0.0.1:5432 (REGISTRATION_REQUIRE_DATABASES=true)")
                    .isTrue();
        }
        assumeTrue(
                reachable,
                "PostgreSQL is not reachable on 127.0.0.1:5432: shared rate limits not tested"
                        + " (set REGISTRATION_REQUIRE_DATABASES=true to require it)");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(URL);
        dataSource.setUser("postgres");
        assertThat(admitted(node(Buckets.DATABASE, dataSource), node(Buckets.DATABASE, dataSource)))
                .isEqualTo(3);
    }
}
