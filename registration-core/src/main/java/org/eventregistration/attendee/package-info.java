/**
 * The person who registers ({@link org.eventregistration.attendee.Attendee}), the sector and role
 * vocabularies used by target audiences, and the Norwegian {@link
 * org.eventregistration.attendee.OrganisationNumber} with its Jakarta Validation constraint.
 */
package org.eventregistration.attendee;
