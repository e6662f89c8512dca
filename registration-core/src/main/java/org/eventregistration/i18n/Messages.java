package org.eventregistration.i18n;

import java.text.MessageFormat;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * The library's own message texts ({@code org/eventregistration/i18n/messages*.properties}).
 *
 * <p>Lookups never fall back to the JVM's default locale: a server running with {@code nb_NO} still
 * answers an English reader in English.
 */
public final class Messages {
    private static final String BUNDLE = "org.eventregistration.i18n.messages";
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private Messages() {}

    /**
     * Formats the message with the given key for a reader of the locale. Arguments that are
     * {@link Localizable} are rendered in the same language; collections are joined with commas;
     * {@link ZonedDateTime}s are formatted in the reader's style.
     *
     * @throws MissingResourceException if the key is unknown
     */
    public static String format(String key, Locale locale, Object... args) {
        Locale language = Languages.resolve(locale);
        ResourceBundle bundle = bundle(language);
        String pattern = bundle.getString(key);
        Object[] rendered = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            rendered[i] = render(args[i], language);
        }
        return new MessageFormat(pattern, language).format(rendered);
    }

    /** True if the library has a message with this key. */
    public static boolean has(String key) {
        return bundle(Languages.ENGLISH).containsKey(key);
    }

    private static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle(BUNDLE, language, Messages.class.getClassLoader(), NO_FALLBACK);
    }

    private static Object render(Object arg, Locale language) {
        if (arg instanceof Localizable localizable) {
            return localizable.message(language);
        }
        if (arg instanceof Collection<?> collection) {
            return collection.stream()
                    .map(a -> String.valueOf(render(a, language)))
                    .collect(Collectors.joining(", "));
        }
        if (arg instanceof ZonedDateTime time) {
            return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                    .withLocale(language)
                    .format(time);
        }
        return arg;
    }
}
