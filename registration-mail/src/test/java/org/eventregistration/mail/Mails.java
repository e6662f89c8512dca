package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A received message taken apart: its text, HTML and calendar parts. */
record Mails(MimeMessage message, String text, String html, String ics, String icsContentType) {

    static Mails of(MimeMessage message) {
        try {
            String[] parts = new String[4];
            walk(message, parts);
            return new Mails(message, parts[0], parts[1], parts[2], parts[3]);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void walk(Part part, String[] parts) throws Exception {
        String type = part.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, parts);
            }
        } else if (type.startsWith("text/plain")) {
            parts[0] = read(part);
        } else if (type.startsWith("text/html")) {
            parts[1] = read(part);
        } else if (type.startsWith("text/calendar")) {
            parts[2] = read(part);
            parts[3] = part.getContentType();
        }
    }

    private static String read(Part part) throws IOException, jakarta.mail.MessagingException {
        try (var in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The messages sent to {@code address}, oldest first. */
    static List<Mails> to(MimeMessage[] received, String address) {
        return Arrays.stream(received)
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                                .anyMatch(
                                        a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
                    } catch (jakarta.mail.MessagingException e) {
                        throw new AssertionError(e);
                    }
                })
                .map(Mails::of)
                .toList();
    }

    String subject() {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    String header(String name) {
        try {
            String[] values = message.getHeader(name);
            return values == null ? null : String.join("\n", values);
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The token of the link {@code base + path + token} in both parts; asserts they carry the same one. */
    String token(String urlPrefix) {
        Pattern pattern = Pattern.compile(Pattern.quote(urlPrefix) + "([A-Za-z0-9_-]+)");
        Matcher inText = pattern.matcher(text);
        Matcher inHtml = pattern.matcher(html);
        assertThat(inText.find())
                .as("link %s in the text part:%n%s", urlPrefix, text)
                .isTrue();
        assertThat(inHtml.find())
                .as("link %s in the HTML part:%n%s", urlPrefix, html)
                .isTrue();
        assertThat(inHtml.group(1)).isEqualTo(inText.group(1));
        return inText.group(1);
    }

    ICalendar calendar() {
        assertThat(ics).as("a calendar part").isNotNull();
        return Biweekly.parse(ics).first();
    }
}
