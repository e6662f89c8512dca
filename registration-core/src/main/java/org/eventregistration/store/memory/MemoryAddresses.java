package org.eventregistration.store.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;

/**
 * One normalized e-mail address of the in-memory store's registrations (the person's own, a
 * colleague's an offer names) to the registrations that hold it, for access and erasure requests.
 * The sets are immutable and replaced whole (most addresses have one registration; a concurrent
 * set per address would cost far more memory than the registration itself). Updated after the
 * registration itself, so a look-up rechecks the registration it finds. Thread-safe.
 */
final class MemoryAddresses {
    private final Function<Registration, Optional<String>> address;
    private final ConcurrentHashMap<String, Set<RegistrationId>> byAddress = new ConcurrentHashMap<>();

    /** @param address the registration's address of this kind, normalized, if it has one */
    MemoryAddresses(Function<Registration, Optional<String>> address) {
        this.address = address;
    }

    void index(Registration r) {
        address.apply(r).ifPresent(a -> byAddress.compute(a, (k, ids) -> with(ids, r.id())));
    }

    /**
     * After {@link #index} of {@code r}: drops {@code old}'s address if {@code r} no longer has it
     * (anonymised, withdrawn, offered to someone else), with its key once no registration holds it:
     * an address must not linger as a map key.
     */
    void unindexChanged(Registration old, Registration r) {
        Optional<String> before = address.apply(old);
        if (before.isPresent() && !before.equals(address.apply(r))) {
            byAddress.computeIfPresent(before.get(), (k, ids) -> without(ids, r.id()));
        }
    }

    /** The registrations that hold this address now. */
    List<Registration> find(String normalizedEmail, Map<RegistrationId, Registration> registrations) {
        Objects.requireNonNull(normalizedEmail, "normalizedEmail");
        Set<RegistrationId> ids = byAddress.get(normalizedEmail);
        if (ids == null) {
            return List.of();
        }
        List<Registration> result = new ArrayList<>();
        for (RegistrationId id : ids) {
            Registration r = registrations.get(id);
            if (r != null && address.apply(r).filter(normalizedEmail::equals).isPresent()) {
                result.add(r);
            }
        }
        return result;
    }

    private static Set<RegistrationId> with(Set<RegistrationId> ids, RegistrationId id) {
        if (ids == null) {
            return Set.of(id);
        }
        if (ids.contains(id)) {
            return ids;
        }
        Set<RegistrationId> more = new HashSet<>(ids);
        more.add(id);
        return Set.copyOf(more);
    }

    /** The set without {@code id}; null (no entry) if that leaves it empty. */
    private static Set<RegistrationId> without(Set<RegistrationId> ids, RegistrationId id) {
        if (!ids.contains(id)) {
            return ids;
        }
        if (ids.size() == 1) {
            return null;
        }
        Set<RegistrationId> fewer = new HashSet<>(ids);
        fewer.remove(id);
        return Set.copyOf(fewer);
    }
}
