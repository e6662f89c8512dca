/**
 * The audit log: who did what to which event and registration, and when. Entries carry ids only,
 * never names, e-mail addresses or answers, so they are kept when personal data is anonymised.
 */
package org.eventregistration.audit;
