package org.eventregistration.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is reminded of an event, and when: everyone confirmed, with a confirmed address,
 * once, from the event's {@code reminderBefore} before the start until the start. Each event in
 * one unit of work that re-checks under the lock, so several nodes may run it at once.
 */
final class Reminders {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);

    private final RegistrationStore store;
    private final Clock clock;
    private final UnitsOfWork units;

    Reminders(RegistrationStore store, Clock clock, UnitsOfWork units) {
        this.store = store;
        this.clock = clock;
        this.units = units;
    }

    int send() {
        Instant now = clock.instant();
        int total = 0;
        for (Event event : store.findEvents()) {
            if (event.reminderBefore().isEmpty()
                    || !due(event, event.reminderBefore().get(), now)) {
                continue;
            }
            List<RegistrationId> todo = store.findRegistrations(event.id()).stream()
                    .filter(Reminders::toRemind)
                    .map(Registration::id)
                    .toList();
            if (todo.isEmpty()) {
                continue;
            }
            int sent = units.run(event.id(), now, fx -> {
                int n = 0;
                for (RegistrationId id : todo) {
                    Registration r = fx.require(id);
                    if (toRemind(r)) {
                        Registration reminded = r.reminded(now);
                        fx.update(reminded);
                        fx.notify(Notification.Kind.REMINDER, reminded);
                        n++;
                    }
                }
                return n;
            });
            if (sent > 0) {
                log.info("reminders sent: event={} count={}", event.id(), sent);
            }
            total += sent;
        }
        return total;
    }

    private static boolean due(Event event, Duration before, Instant now) {
        Instant start = event.start().toInstant();
        return !now.isBefore(start.minus(before)) && now.isBefore(start);
    }

    private static boolean toRemind(Registration r) {
        return r.status() == RegistrationStatus.CONFIRMED
                && r.addressConfirmed()
                && r.remindedAt().isEmpty()
                && !r.anonymised();
    }
}
