package org.eventregistration.examples.portal.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventregistration.examples.portal.DemoMailbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /demo-mailbox}: what the in-process demo SMTP server received, newest first. Exists only
 * when no {@code spring.mail.host} is configured. The HTML part is served on its own with a
 * sandboxing Content-Security-Policy: no scripts, no requests, no forms.
 */
@Controller
class DemoMailboxController {
    /** The policy the HTML part of a message is shown with. */
    static final String HTML_POLICY =
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

    private final ObjectProvider<DemoMailbox> mailbox;

    DemoMailboxController(ObjectProvider<DemoMailbox> mailbox) {
        this.mailbox = mailbox;
    }

    /** A piece of a message's text: plain text, or a link when {@code href} is not null. */
    record Segment(String text, String href) {}

    /** A message as the page shows it. */
    record MailView(int id, String to, String subject, String received, List<Segment> text, boolean hasHtml) {}

    @GetMapping("/demo-mailbox")
    String mailbox(Model model, Locale locale) {
        DemoMailbox box = require();
        model.addAttribute(
                "mails",
                box.messages().stream()
                        .map(m -> new MailView(
                                m.id(),
                                m.to(),
                                m.subject(),
                                time(m.received(), locale),
                                segments(m.text()),
                                !m.html().isEmpty()))
                        .toList());
        return "demo-mailbox";
    }

    @GetMapping("/demo-mailbox/{id}/html")
    ResponseEntity<String> html(@PathVariable int id) {
        DemoMailbox.Mail mail = require()
                .message(id)
                .filter(m -> !m.html().isEmpty())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", HTML_POLICY)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(mail.html());
    }

    private DemoMailbox require() {
        DemoMailbox box = mailbox.getIfAvailable();
        if (box == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return box;
    }

    private static String time(Instant instant, Locale locale) {
        return Views.dateTime(instant, locale);
    }

    /** Splits text into plain pieces and links (http and https only). */
    static List<Segment> segments(String text) {
        List<Segment> segments = new ArrayList<>();
        Matcher m = URL.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                segments.add(new Segment(text.substring(at, m.start()), null));
            }
            String url = m.group();
            // A sentence's full stop or a closing bracket after a link is not part of it.
            int end = url.length();
            while (end > 0 && ".,;:)]".indexOf(url.charAt(end - 1)) >= 0) {
                end--;
            }
            segments.add(new Segment(url.substring(0, end), url.substring(0, end)));
            if (end < url.length()) {
                segments.add(new Segment(url.substring(end), null));
            }
            at = m.end();
        }
        if (at < text.length()) {
            segments.add(new Segment(text.substring(at), null));
        }
        return segments;
    }
}
