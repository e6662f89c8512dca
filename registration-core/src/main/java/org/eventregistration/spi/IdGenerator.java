package org.eventregistration.spi;

import java.util.UUID;

/** Makes ids for registrations and notifications. Must be thread-safe and never repeat. */
@FunctionalInterface
public interface IdGenerator {

    /** A new id of 1-64 of {@code [A-Za-z0-9_-]}. */
    String newId();

    /** Random (version 4) UUIDs: the default. */
    static IdGenerator randomUuid() {
        return () -> UUID.randomUUID().toString();
    }
}
