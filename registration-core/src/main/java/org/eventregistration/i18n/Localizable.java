package org.eventregistration.i18n;

import java.util.Locale;

/** Something that can be shown to a person in one of the {@link Languages supported languages}. */
@FunctionalInterface
public interface Localizable {
    /**
     * Renders this value for a reader of the given locale.
     *
     * @param locale any locale; it is {@link Languages#resolve(Locale) resolved} to nb, nn or en
     * @return the text, never null
     */
    String message(Locale locale);
}
