package org.eventregistration.spi;

import java.util.UUID;

/** Makes ids for registrations and notifications. Must be thread-safe and never repeat. */
@FunctionalInterface
public interface IdGenerator {

    /** A new id of 1-64 of {@code [A-Za-z0-9_-]}. */
    String newId();

    /**
     * Random (version 4) UUIDs from {@link UUID#randomUUID()}, whose bits come from a shared {@link
     * java.security.SecureRandom}.
     */
    static IdGenerator randomUuid() {
        return () -> UUID.randomUUID().toString();
    }

    /**
     * Version 4 UUIDs from a fast pseudo-random generator per thread, each seeded from a {@link
     * java.security.SecureRandom}: unique in practice like {@link #randomUuid()}, several times faster and
     * without contention between threads, but not unpredictable. Ids are not secrets (manage tokens are,
     * and never come from an {@code IdGenerator}). The default. Thread-safe.
     */
    static IdGenerator fastRandomUuid() {
        return FastRandomUuids.INSTANCE;
    }
}
