package org.eventregistration.examples.portal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the public registration form defends itself against floods and bots
 * ({@code portal.public-form.*}). The buckets live in each node's memory unless {@code buckets} is
 * {@code database}: with several nodes behind a load balancer and memory buckets, a client gets
 * the limit once per node.
 *
 * @param perClient registrations one client address may send ({@code portal.public-form.per-client.*}):
 *     10 per 10 minutes unless set
 * @param perEvent registrations one event accepts from everyone together
 *     ({@code portal.public-form.per-event.*}): 300 per minute unless set
 * @param minimumFillTime the least time between showing the form and sending it; faster is a bot
 *     (3 seconds unless set; {@code 0s} turns the check off)
 * @param maximumFormAge how long a shown form can be sent (12 hours unless set)
 * @param signingKey the secret that signs the form's render time; with several nodes every node
 *     needs the same one. Empty: a random key per start (a restart then refuses forms shown before it)
 * @param buckets where the rate-limit buckets live: {@code memory} (each node its own; the default)
 *     or {@code database} (one set shared by every node, in the PostgreSQL database, table {@code
 *     portal_rate_bucket})
 */
@ConfigurationProperties("portal.public-form")
public record PublicFormProperties(
        Limit perClient,
        Limit perEvent,
        Duration minimumFillTime,
        Duration maximumFormAge,
        String signingKey,
        Buckets buckets) {

    /** Fills in the defaults. */
    public PublicFormProperties {
        perClient = perClient == null ? new Limit(10, Duration.ofMinutes(10)) : perClient;
        perEvent = perEvent == null ? new Limit(300, Duration.ofMinutes(1)) : perEvent;
        minimumFillTime = minimumFillTime == null ? Duration.ofSeconds(3) : minimumFillTime;
        maximumFormAge = maximumFormAge == null ? Duration.ofHours(12) : maximumFormAge;
        signingKey = signingKey == null ? "" : signingKey;
        buckets = buckets == null ? Buckets.MEMORY : buckets;
        if (minimumFillTime.isNegative() || maximumFormAge.compareTo(minimumFillTime) <= 0) {
            throw new IllegalArgumentException("portal.public-form: need 0 <= minimum-fill-time < maximum-form-age");
        }
    }

    /** Where the rate-limit buckets live. */
    public enum Buckets {
        /** In each node's memory. */
        MEMORY,
        /** In the database, shared by every node (PostgreSQL only). */
        DATABASE
    }

    /**
     * A token bucket: {@code requests} at once, refilled evenly over {@code period}.
     *
     * @param requests how many (at least 1)
     * @param period in how long
     */
    public record Limit(long requests, Duration period) {
        /** Validates. */
        public Limit {
            if (requests < 1 || period == null || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException(
                        "portal.public-form limit needs requests >= 1 and a positive period: " + requests + "/"
                                + period);
            }
        }
    }
}
