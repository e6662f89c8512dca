package org.eventregistration.spring;

import org.eventregistration.service.RegistrationService;

/**
 * Adjusts the {@link RegistrationService.Builder} of the starter's service bean before it is
 * built, for the builder options that have no {@code registration.*} property (for example {@code
 * checkInOpensBefore}, {@code linkRequestsPerHour} or {@code deliveryRetry}). Declare one or more
 * as beans; they run in their {@link org.springframework.core.annotation.Order @Order}, after the
 * starter has applied the store, clock, validator factory, properties, listeners and observers, so
 * what a customizer sets wins. Not used when the application declares its own {@code
 * RegistrationService} bean.
 */
@FunctionalInterface
public interface RegistrationServiceCustomizer {

    /** Sets options on {@code builder}; called once, on the thread that creates the service bean. */
    void customize(RegistrationService.Builder builder);
}
