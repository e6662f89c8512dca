/**
 * Audience eligibility: composable {@link org.eventregistration.eligibility.EligibilityRule}s that
 * explain their {@link org.eventregistration.eligibility.EligibilityDecision} in bokmål, nynorsk and
 * English.
 */
package org.eventregistration.eligibility;
