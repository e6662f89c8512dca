/**
 * The seams of the library: {@link org.eventregistration.spi.RegistrationStore} for persistence,
 * {@link org.eventregistration.spi.RegistrationListener} for notifications, {@link
 * org.eventregistration.spi.IdGenerator} for ids.
 */
package org.eventregistration.spi;
