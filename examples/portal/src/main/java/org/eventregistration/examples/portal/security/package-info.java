/**
 * Who the organisers are and what each may do: accounts from configuration or a login through the
 * municipality's OpenID Connect provider, two roles (check-in staff and organiser admin), the
 * demo-password guard, and growing delays after wrong passwords.
 */
package org.eventregistration.examples.portal.security;
