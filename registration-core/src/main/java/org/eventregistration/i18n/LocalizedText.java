package org.eventregistration.i18n;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A text written by a person (an event title, a description) in up to three languages.
 *
 * <p>Immutable and thread-safe. Bokmål is required; nynorsk and English are optional. Asking for a
 * missing language falls back to bokmål, so a reader always gets a text.
 *
 * @param texts the texts keyed by language tag ({@code nb}, {@code nn}, {@code en}); contains
 *     {@code nb}
 */
public record LocalizedText(Map<String, String> texts) implements Localizable {

    /** Validates and copies the texts. */
    public LocalizedText {
        Objects.requireNonNull(texts, "texts");
        Map<String, String> copy = new LinkedHashMap<>();
        texts.forEach((tag, text) -> {
            Objects.requireNonNull(tag, "language tag");
            Objects.requireNonNull(text, "text");
            String language = Languages.resolve(Locale.forLanguageTag(tag)).getLanguage();
            if (!language.equals(tag)) {
                throw new IllegalArgumentException("language tag must be one of nb, nn, en but was '" + tag + "'");
            }
            if (text.isBlank()) {
                throw new IllegalArgumentException("text for '" + tag + "' is blank");
            }
            copy.put(tag, text);
        });
        if (!copy.containsKey("nb")) {
            throw new IllegalArgumentException("a bokmål (nb) text is required, got " + copy.keySet());
        }
        texts = Map.copyOf(copy);
    }

    /** A text in bokmål only. */
    public static LocalizedText of(String bokmal) {
        return new LocalizedText(Map.of("nb", bokmal));
    }

    /** A text in bokmål, nynorsk and English. */
    public static LocalizedText of(String bokmal, String nynorsk, String english) {
        return new LocalizedText(Map.of("nb", bokmal, "nn", nynorsk, "en", english));
    }

    /** A copy with the text for one more language. */
    public LocalizedText with(Locale locale, String text) {
        Map<String, String> copy = new LinkedHashMap<>(texts);
        copy.put(Languages.resolve(locale).getLanguage(), text);
        return new LocalizedText(copy);
    }

    @Override
    public String message(Locale locale) {
        String language = Languages.resolve(locale).getLanguage();
        String text = texts.get(language);
        return text != null ? text : texts.get("nb");
    }

    @Override
    public String toString() {
        return texts.get("nb");
    }
}
