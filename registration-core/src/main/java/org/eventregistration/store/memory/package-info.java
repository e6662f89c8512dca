/** The thread-safe in-memory {@link org.eventregistration.spi.RegistrationStore}. */
package org.eventregistration.store.memory;
