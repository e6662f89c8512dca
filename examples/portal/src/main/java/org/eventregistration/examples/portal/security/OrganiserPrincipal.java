package org.eventregistration.examples.portal.security;

import org.eventregistration.event.OrganiserId;

/** A logged-in organiser user: the organiser whose events they work on, and their user id for the audit log. */
public interface OrganiserPrincipal {
    /** The organiser whose events this user works on. */
    OrganiserId organiser();

    /** The id the audit log records for this user (the user name or the identity provider's subject). */
    String userId();
}
