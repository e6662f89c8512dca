package org.eventregistration.i18n;

import java.util.List;
import java.util.Locale;

/**
 * The languages the library speaks: Norwegian bokmål, Norwegian nynorsk and English.
 *
 * <p>Public bodies in Norway publish in both written forms of Norwegian; English is for
 * international guests. {@link #resolve(Locale)} maps any locale a portal receives (for example
 * from an {@code Accept-Language} header) to one of the three.
 */
public final class Languages {
    /** Norwegian bokmål ({@code nb}). */
    public static final Locale BOKMAL = Locale.forLanguageTag("nb");
    /** Norwegian nynorsk ({@code nn}). */
    public static final Locale NYNORSK = Locale.forLanguageTag("nn");
    /** English ({@code en}). */
    public static final Locale ENGLISH = Locale.ENGLISH;

    /** The supported languages, bokmål first. */
    public static final List<Locale> SUPPORTED = List.of(BOKMAL, NYNORSK, ENGLISH);

    private Languages() {}

    /**
     * Maps a locale to the supported language it should be answered in: {@code nn} and the legacy
     * {@code no-NO-NY} to nynorsk, {@code nb} and {@code no} to bokmål, anything else to English.
     *
     * @param locale any locale, not null
     * @return one of {@link #SUPPORTED}
     */
    public static Locale resolve(Locale locale) {
        String language = locale.getLanguage();
        if (language.equals("nn")
                || (language.equals("no") && locale.getVariant().equals("NY"))) {
            return NYNORSK;
        }
        if (language.equals("nb") || language.equals("no")) {
            return BOKMAL;
        }
        return ENGLISH;
    }
}
