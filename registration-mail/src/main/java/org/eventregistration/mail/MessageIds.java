package org.eventregistration.mail;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The Message-ID of a notification's e-mail: {@code <notification-id@domain>}, the same for every
 * copy, so that a receiver (or a mail server that de-duplicates) recognises a redelivery.
 */
final class MessageIds {
    private MessageIds() {}

    /** {@code <id@domain>}, with any character of the id outside RFC 5322 atext written as {@code =XX}. */
    static String of(String notificationId, String domain) {
        return "<" + atext(notificationId) + "@" + domain.toLowerCase(Locale.ROOT) + ">";
    }

    /** The id with every character but letters, digits, {@code -} and {@code _} as {@code =XX} (UTF-8). */
    static String atext(String id) {
        StringBuilder out = new StringBuilder(id.length());
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
                out.append((char) c);
            } else {
                out.append('=').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
