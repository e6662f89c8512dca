package org.eventregistration.store.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;

/**
 * One deadline of the in-memory store's registrations (an offer's expiry, the address
 * confirmation's, a hand-over's): which registrations have one, and which are due, earliest
 * first. Updated after the registration itself, so a look-up rechecks the registration it finds.
 * Thread-safe.
 */
final class MemoryDeadlines {
    private final Function<Registration, Optional<Instant>> deadline;
    private final ConcurrentHashMap<RegistrationId, Instant> due = new ConcurrentHashMap<>();

    /** @param deadline the deadline of a registration, if it has one */
    MemoryDeadlines(Function<Registration, Optional<Instant>> deadline) {
        this.deadline = deadline;
    }

    void index(Registration r) {
        deadline.apply(r).ifPresent(at -> due.put(r.id(), at));
    }

    void unindex(RegistrationId id) {
        due.remove(id);
    }

    /** The registrations whose deadline is {@code now} or earlier, earliest first, at most {@code limit}. */
    List<Registration> due(Instant now, int limit, Map<RegistrationId, Registration> registrations) {
        Objects.requireNonNull(now, "now");
        return due.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue())
                .limit(Math.max(limit, 0))
                .map(e -> registrations.get(e.getKey()))
                // The index is updated after the registration: keep only what is still due.
                .filter(r -> r != null
                        && deadline.apply(r).filter(at -> !at.isAfter(now)).isPresent())
                .toList();
    }
}
