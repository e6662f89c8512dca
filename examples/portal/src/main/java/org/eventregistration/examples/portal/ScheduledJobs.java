package org.eventregistration.examples.portal;

import org.eventregistration.service.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The library's jobs, run on a schedule (safe on every node at once): offers that were not
 * answered in time expire and go to the next in line, and notifications a listener failed on (or
 * that a crash left behind) are delivered again, and personal data is removed when the events'
 * retention periods have passed. Off with {@code portal.jobs.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "portal.jobs.enabled", havingValue = "true", matchIfMissing = true)
public class ScheduledJobs {
    private static final Logger log = LoggerFactory.getLogger(ScheduledJobs.class);
    private final RegistrationService service;

    /** Creates the jobs. */
    public ScheduledJobs(RegistrationService service) {
        this.service = service;
    }

    /** Every minute: expire offers whose time is up, and offer the seats to the next in line. */
    @Scheduled(fixedDelayString = "${portal.jobs.expire-offers-ms:60000}", initialDelay = 10_000)
    public void expireOffers() {
        int expired = service.expireOffers();
        if (expired > 0) {
            log.info("expired offers: {}", expired);
        }
    }

    /** Every minute: registrations whose address was not confirmed in time give their place to the next in line. */
    @Scheduled(fixedDelayString = "${portal.jobs.expire-unconfirmed-ms:60000}", initialDelay = 15_000)
    public void expireUnconfirmed() {
        int expired = service.expireUnconfirmed();
        if (expired > 0) {
            log.info("expired unconfirmed registrations: {}", expired);
        }
    }

    /** Every hour: remind confirmed people of the events that have a reminder and start soon (once each). */
    @Scheduled(fixedDelayString = "${portal.jobs.reminders-ms:3600000}", initialDelay = 20_000)
    public void sendReminders() {
        int sent = service.sendReminders();
        if (sent > 0) {
            log.info("reminders sent: {}", sent);
        }
    }

    /**
     * Every hour: apply the events' retention periods (remove sensitive answers, anonymise
     * registrations of events that ended long enough ago). Idempotent.
     */
    @Scheduled(fixedDelayString = "${portal.jobs.retention-ms:3600000}", initialDelay = 30_000)
    public void applyRetention() {
        var report = service.applyRetention();
        if (report.events() > 0) {
            log.info(
                    "retention applied: events={} sensitiveAnswersRemoved={} anonymised={}",
                    report.events(),
                    report.sensitiveAnswersRemoved(),
                    report.registrationsAnonymised());
        }
    }

    /**
     * Every 10 seconds, and soon after start: deliver notifications still pending. An organiser's
     * message, a cancelled or moved event go out only this way (the organiser does not wait for
     * hundreds of e-mails), so the interval is how long people wait for them. Short is cheap: with
     * nothing due this is one indexed query, runs never overlap (fixed delay), and a notification
     * that failed waits out its own back-off ({@code DeliveryRetry}) however often the job runs.
     */
    @Scheduled(fixedDelayString = "${portal.jobs.deliver-ms:10000}", initialDelay = 5_000)
    public void deliverPendingNotifications() {
        int delivered = service.deliverPendingNotifications();
        if (delivered > 0) {
            log.info("delivered pending notifications: {}", delivered);
        }
    }
}
