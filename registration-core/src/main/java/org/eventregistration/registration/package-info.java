/**
 * Registrations and their lifecycle: the {@link org.eventregistration.registration.RegistrationRequest}
 * a person submits, the sealed {@link org.eventregistration.registration.RegistrationOutcome}, and
 * the {@link org.eventregistration.registration.Registration} with its status history.
 */
package org.eventregistration.registration;
