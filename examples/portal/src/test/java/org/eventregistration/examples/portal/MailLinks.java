package org.eventregistration.examples.portal;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads links out of the e-mails in the demo mailbox. */
final class MailLinks {
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private MailLinks() {}

    /** The path of the first link containing {@code part} in the newest e-mail to the address that has one. */
    static String newest(DemoMailbox mailbox, String email, String part) {
        return URI.create(newestUrl(mailbox, email, part)).getPath();
    }

    /** The full first link containing {@code part} in the newest e-mail to the address that has one. */
    static String newestUrl(DemoMailbox mailbox, String email, String part) {
        for (DemoMailbox.Mail mail : mailbox.messages()) {
            if (!mail.to().toLowerCase(java.util.Locale.ROOT).contains(email.toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            Matcher m = URL.matcher(mail.text());
            while (m.find()) {
                String url = m.group().replaceAll("[.,;:)\\]]+$", "");
                if (url.contains(part)) {
                    return url;
                }
            }
        }
        throw new AssertionError("no e-mail to " + email + " with a link to " + part);
    }
}
