package org.eventregistration.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which stored personal data has outlived its event's {@link
 * org.eventregistration.event.Retention}: answers to sensitive questions after their period,
 * everything that names a person after the personal-data period. Each event in one unit of work,
 * audited as {@code system}; idempotent and safe on several nodes at once.
 */
final class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final UnitsOfWork units;

    RetentionJob(RegistrationStore store, Clock clock, UnitsOfWork units) {
        this.store = store;
        this.clock = clock;
        this.units = units;
    }

    RetentionReport apply() {
        Instant now = clock.instant();
        int events = 0;
        int sensitive = 0;
        int anonymised = 0;
        // Events whose personal data is gone are left out by the store: the run's cost follows the
        // events still holding personal data, not the history.
        for (Event event : store.findEventsForRetention()) {
            boolean sensitiveDue = !now.isBefore(event.sensitiveAnswersExpireAt());
            boolean personalDue = !now.isBefore(event.personalDataExpiresAt());
            if (!sensitiveDue && !personalDue) {
                continue;
            }
            if (personalDue && store.deleteMessages(event.id()) > 0) {
                log.info("organiser messages deleted: event={}", event.id());
            }
            Set<String> sensitiveQuestions = new HashSet<>();
            event.questions().stream().filter(Question::sensitive).forEach(q -> sensitiveQuestions.add(q.id()));
            List<RegistrationId> todo = store.findRegistrations(event.id()).stream()
                    .filter(r -> personalDue
                            ? !r.anonymised()
                            : r.answers().keySet().stream().anyMatch(sensitiveQuestions::contains))
                    .map(Registration::id)
                    .toList();
            boolean organisationCounters = personalDue
                    && store.findLedger(event.id())
                            .filter(l -> l.taken().keySet().stream().anyMatch(CounterKey::isOrganisation))
                            .isPresent();
            if (todo.isEmpty() && !organisationCounters) {
                if (personalDue) {
                    store.retentionDone(event.id(), now);
                }
                continue;
            }
            int[] counts = units.run(event.id(), now, fx -> {
                int[] c = new int[3];
                Set<String> sensitiveNow = new HashSet<>();
                fx.event().questions().stream().filter(Question::sensitive).forEach(q -> sensitiveNow.add(q.id()));
                boolean personalNow = !now.isBefore(fx.event().personalDataExpiresAt());
                for (RegistrationId id : todo) {
                    Registration r = fx.require(id);
                    if (personalNow && !r.anonymised()) {
                        fx.update(r.anonymise(now, fx.keepAfterAnonymising()));
                        fx.audit(Actor.system(), AuditAction.ANONYMISED, id);
                        c[1]++;
                    } else if (!r.anonymised()) {
                        Registration without = r.withoutAnswers(sensitiveNow);
                        if (without != r) {
                            fx.update(without);
                            fx.audit(Actor.system(), AuditAction.SENSITIVE_ANSWERS_REMOVED, id);
                            c[0]++;
                        }
                    }
                }
                if (personalNow) {
                    c[2] = 1;
                    // The per-organisation counters may be keyed by employer names people typed.
                    Ledger cleared = fx.ledger().withoutOrganisationCounters();
                    if (cleared != fx.ledger()) {
                        fx.ledger(cleared);
                    }
                }
                if (c[0] + c[1] > 0) {
                    fx.audit(Actor.system(), AuditAction.RETENTION_RUN, null);
                }
                return c;
            });
            if (counts[2] == 1) {
                // Every registration read above is anonymised now, and the counters cleared.
                store.retentionDone(event.id(), now);
            }
            if (counts[0] + counts[1] > 0) {
                events++;
                sensitive += counts[0];
                anonymised += counts[1];
                log.info(
                        "retention applied: event={} sensitiveAnswersRemoved={} anonymised={}",
                        event.id(),
                        counts[0],
                        counts[1]);
            }
        }
        int links = store.deleteExpiredLinkTokens(now);
        if (links > 0) {
            log.info("expired links deleted: count={}", links);
        }
        return new RetentionReport(now, events, sensitive, anonymised);
    }
}
