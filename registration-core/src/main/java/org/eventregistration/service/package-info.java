/** The facade: {@link org.eventregistration.service.RegistrationService}. */
package org.eventregistration.service;
