/**
 * The portal's pages: controllers, the form object and the small view records the Thymeleaf
 * templates read. Every text is rendered through {@code th:text}, which escapes it.
 */
package org.eventregistration.examples.portal.web;
