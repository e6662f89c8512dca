package org.eventregistration.spring;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.eventregistration.service.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the library's jobs on a schedule of its own (one daemon thread, {@code registration-jobs}),
 * from the context's start to its stop; the application needs no {@code @EnableScheduling}.
 *
 * <p>Safe on several nodes at once, so every node may run them: each job is a series of units of
 * work, one per event, under that event's ledger row lock, that re-read what they change and do
 * nothing when another node got there first (an offer already expired, a reminder already
 * recorded, data already anonymised); delivery claims the notifications it reads for {@code
 * registration.outbox-claim}, so two nodes do not send the same one at the same time (and a
 * notification sent twice after a crash carries the same {@code Message-ID}). A failing run is
 * logged (the exception's class only) and the job runs again after its interval.
 */
public final class RegistrationJobs implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RegistrationJobs.class);

    private final List<Job> jobs;
    private final Duration initialDelay;
    private ScheduledExecutorService scheduler;

    /** The five jobs of {@code service} at the intervals of {@code properties}. */
    public RegistrationJobs(RegistrationService service, RegistrationProperties.Jobs properties) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(properties, "properties");
        this.initialDelay = properties.initialDelay();
        this.jobs = List.of(
                new Job("expireOffers", properties.expireOffers(), service::expireOffers),
                new Job("expireUnconfirmed", properties.expireUnconfirmed(), service::expireUnconfirmed),
                new Job(
                        "deliverPendingNotifications",
                        properties.deliverPending(),
                        service::deliverPendingNotifications),
                new Job("sendReminders", properties.reminders(), service::sendReminders),
                new Job(
                        "applyRetention",
                        properties.retention(),
                        () -> service.applyRetention().registrationsAnonymised()));
    }

    /** The jobs' names, in the order they are scheduled. */
    public List<String> names() {
        return jobs.stream().map(Job::name).toList();
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "registration-jobs");
            t.setDaemon(true);
            return t;
        });
        for (Job job : jobs) {
            scheduler.scheduleWithFixedDelay(
                    job::runOnce, initialDelay.toMillis(), job.interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        log.info("registration jobs scheduled: {}", names());
    }

    @Override
    public synchronized void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow(); // a job interrupted mid-run is a unit of work rolled back or done
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("registration jobs still running after 10 s at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private record Job(String name, Duration interval, IntSupplier work) {
        void runOnce() {
            try {
                int done = work.getAsInt();
                if (done > 0) {
                    log.info("registration job done: job={} count={}", name, done);
                }
            } catch (RuntimeException e) {
                // The message may carry more than ids; the class and the next run are enough here.
                log.warn(
                        "registration job failed, runs again later: job={} error={}",
                        name,
                        e.getClass().getName());
                log.debug("registration job failure", e);
            }
        }
    }
}
