/**
 * Spring Boot auto-configuration of the event-registration library: add {@code
 * registration-spring-boot-starter} and the application gets a {@link
 * org.eventregistration.service.RegistrationService} on its own {@code DataSource}, configured by
 * {@link org.eventregistration.spring.RegistrationProperties} ({@code registration.*}).
 */
package org.eventregistration.spring;
