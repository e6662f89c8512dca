package org.eventregistration.spring;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code registration.*} properties of the starter. Immutable and thread-safe; every value
 * has a default, so none is ever null.
 *
 * @param tablePrefix the prefix of the store's tables ({@code reg_})
 * @param migrate whether the store creates or upgrades its tables at start-up, after the
 *     application's own Flyway or Liquibase has run ({@code true})
 * @param combining whether concurrent registrations for one event that run outside a Spring
 *     transaction are combined into one unit of work ({@code true}); with {@code false} every
 *     registration runs alone, as the library did before per-call joining
 * @param manageLinkValidity how long a person's manage link works after the event ends ({@code 30d})
 * @param outboxClaim how long a node that reads pending notifications claims them, so that nodes
 *     do not deliver the same one at the same time ({@code 1m}; {@code 0} claims nothing)
 * @param jobs the scheduled jobs
 * @param mail the e-mail settings, used when {@code registration-mail} is present and {@code
 *     spring.mail.host} is set
 */
@ConfigurationProperties("registration")
public record RegistrationProperties(
        @DefaultValue("reg_") String tablePrefix,
        @DefaultValue("true") boolean migrate,
        @DefaultValue("true") boolean combining,
        @DefaultValue("30d") Duration manageLinkValidity,
        @DefaultValue("1m") Duration outboxClaim,
        @DefaultValue Jobs jobs,
        @DefaultValue Mail mail) {

    /** Checks the values; a wrong one fails the start-up with the property's name. */
    public RegistrationProperties {
        Objects.requireNonNull(tablePrefix, "registration.table-prefix");
        Objects.requireNonNull(manageLinkValidity, "registration.manage-link-validity");
        Objects.requireNonNull(outboxClaim, "registration.outbox-claim");
        Objects.requireNonNull(jobs, "registration.jobs");
        Objects.requireNonNull(mail, "registration.mail");
        if (manageLinkValidity.isNegative()) {
            throw new IllegalArgumentException(
                    "registration.manage-link-validity must not be negative but was " + manageLinkValidity);
        }
    }

    /**
     * The library's jobs, each run with a fixed delay between runs, on every node that has them
     * enabled (they are safe to run on several nodes at once).
     *
     * @param enabled whether this node runs them ({@code true})
     * @param initialDelay the pause after start-up before the first run of each ({@code 10s})
     * @param expireOffers offers not answered in time go to the next in line, and lapsed offers of a
     *     seat to a colleague are removed with the colleague's name and address ({@code 1m})
     * @param expireUnconfirmed places held for addresses not confirmed in time are freed ({@code 1m})
     * @param deliverPending notifications still in the outbox are delivered ({@code 1m})
     * @param reminders reminders before events that ask for them ({@code 1h})
     * @param retention personal data past the events' retention periods is removed ({@code 1h})
     */
    public record Jobs(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10s") Duration initialDelay,
            @DefaultValue("1m") Duration expireOffers,
            @DefaultValue("1m") Duration expireUnconfirmed,
            @DefaultValue("1m") Duration deliverPending,
            @DefaultValue("1h") Duration reminders,
            @DefaultValue("1h") Duration retention) {

        /** Checks that every interval is positive and the initial delay not negative. */
        public Jobs {
            Objects.requireNonNull(initialDelay, "registration.jobs.initial-delay");
            if (initialDelay.isNegative()) {
                throw new IllegalArgumentException(
                        "registration.jobs.initial-delay must not be negative but was " + initialDelay);
            }
            positive("expire-offers", expireOffers);
            positive("expire-unconfirmed", expireUnconfirmed);
            positive("deliver-pending", deliverPending);
            positive("reminders", reminders);
            positive("retention", retention);
        }

        private static void positive(String name, Duration interval) {
            Objects.requireNonNull(interval, "registration.jobs." + name);
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException(
                        "registration.jobs." + name + " must be a positive interval but was " + interval);
            }
        }
    }

    /**
     * The sender and links of the person's e-mails; the SMTP server comes from Spring Boot's
     * {@code spring.mail.*}.
     *
     * @param baseUrl the address the links in the e-mails point to, e.g. {@code
     *     https://pamelding.kommune.no} (required when mail is on)
     * @param from the sender address (required when mail is on)
     * @param fromName the sender's name ({@code Påmelding})
     * @param replyTo where replies go (none unless set)
     */
    public record Mail(
            @DefaultValue("") String baseUrl,
            @DefaultValue("") String from,
            @DefaultValue("Påmelding") String fromName,
            @DefaultValue("") String replyTo) {

        /** Checks that no value is null. */
        public Mail {
            Objects.requireNonNull(baseUrl, "registration.mail.base-url");
            Objects.requireNonNull(from, "registration.mail.from");
            Objects.requireNonNull(fromName, "registration.mail.from-name");
            Objects.requireNonNull(replyTo, "registration.mail.reply-to");
        }
    }
}
