package org.eventregistration.mail;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import org.eventregistration.i18n.Languages;

/**
 * The texts of the e-mails in one language, from {@code MailMessages_nb/_nn/_en.properties}, and
 * the times as that language writes them, in the event's own zone. No fallback between languages:
 * a missing key is an error (a test checks that none is missing).
 */
final class MailTexts {
    static final String BUNDLE = "org.eventregistration.mail.MailMessages";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter time;

    private MailTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(
                BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.dateTime = DateTimeFormatter.ofPattern(bundle.getString("format.dateTime"), locale);
        this.time = DateTimeFormatter.ofPattern(bundle.getString("format.time"), locale);
    }

    /** The texts for {@code language}, resolved to nb, nn or en. */
    static MailTexts of(Locale language) {
        return new MailTexts(Languages.resolve(language));
    }

    Locale locale() {
        return locale;
    }

    /** The pattern {@code key} with the arguments filled in. */
    String format(String key, Object... args) {
        return new MessageFormat(bundle.getString(key), locale).format(args);
    }

    /** The pattern {@code key} filled in, if the bundle has it. */
    Optional<String> formatIfPresent(String key, Object... args) {
        return bundle.containsKey(key) ? Optional.of(format(key, args)) : Optional.empty();
    }

    /**
     * An event's time: {@code fredag 11. desember 2026 kl. 09.00–16.00 (CET)}, or with both dates
     * when it ends on another day.
     */
    String period(ZonedDateTime start, ZonedDateTime end) {
        ZonedDateTime localEnd = end.withZoneSameInstant(start.getZone());
        String to = localEnd.toLocalDate().equals(start.toLocalDate())
                ? time.format(localEnd)
                : " " + dateTime.format(localEnd);
        String separator = to.startsWith(" ") ? " –" : "–";
        return dateTime.format(start) + separator + to + " (" + zoneName(start) + ")";
    }

    /** A moment in {@code zone}: {@code fredag 11. desember 2026 kl. 09.00 (CET)}. */
    String moment(Instant instant, ZoneId zone) {
        ZonedDateTime at = instant.atZone(zone);
        return dateTime.format(at) + " (" + zoneName(at) + ")";
    }

    private String zoneName(ZonedDateTime at) {
        return DateTimeFormatter.ofPattern("z", locale).format(at);
    }

    /** Throws if a key is missing; for tests. */
    String require(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("missing text " + key + " for " + locale, e);
        }
    }
}
