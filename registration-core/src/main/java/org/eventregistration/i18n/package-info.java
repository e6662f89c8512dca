/**
 * Texts a person reads, in Norwegian bokmål, nynorsk and English: {@link
 * org.eventregistration.i18n.LocalizedText} for organisers' own texts and {@link
 * org.eventregistration.i18n.Reason} for the library's explanations.
 */
package org.eventregistration.i18n;
