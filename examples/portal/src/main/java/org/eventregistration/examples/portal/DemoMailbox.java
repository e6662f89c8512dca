package org.eventregistration.examples.portal;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The demo mailbox: GreenMail's SMTP server running inside the portal on a free localhost port,
 * used when no {@code spring.mail.host} is configured, so that the portal's README command shows
 * the whole e-mail loop without a mail server. Everything it receives is shown on
 * {@code /demo-mailbox} to anyone: a demo, never for real people's mail.
 */
public final class DemoMailbox implements AutoCloseable {
    private final GreenMail greenMail;
    private final int port;

    /** Starts the SMTP server on 127.0.0.1 and a free port. */
    public DemoMailbox() {
        port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** The SMTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /**
     * One received message.
     *
     * @param id its number in the mailbox, from 0 in the order received
     * @param to the recipients
     * @param subject the subject
     * @param received when the server received it (or the sent date)
     * @param text the text part, empty if none
     * @param html the HTML part, empty if none
     */
    public record Mail(int id, String to, String subject, Instant received, String text, String html) {}

    /** Every message received, newest first. */
    public List<Mail> messages() {
        MimeMessage[] received = greenMail.getReceivedMessages();
        List<Mail> mails = new ArrayList<>();
        for (int i = received.length - 1; i >= 0; i--) {
            mails.add(read(i, received[i]));
        }
        return mails;
    }

    /** The message with this number. */
    public Optional<Mail> message(int id) {
        MimeMessage[] received = greenMail.getReceivedMessages();
        return id < 0 || id >= received.length ? Optional.empty() : Optional.of(read(id, received[id]));
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private static Mail read(int id, MimeMessage m) {
        try {
            Address[] to = m.getRecipients(RecipientType.TO);
            String recipients =
                    to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
            Instant when = m.getReceivedDate() != null
                    ? m.getReceivedDate().toInstant()
                    : m.getSentDate() != null ? m.getSentDate().toInstant() : Instant.EPOCH;
            StringBuilder text = new StringBuilder();
            StringBuilder html = new StringBuilder();
            java.util.Map<String, String> images = new java.util.HashMap<>();
            collect(m, text, html, images);
            // Inline images (the check-in QR code) by cid: shown as data: URIs, which the HTML view's policy allows.
            String page = html.toString();
            for (var image : images.entrySet()) {
                page = page.replace("cid:" + image.getKey(), image.getValue());
            }
            return new Mail(id, recipients, m.getSubject() == null ? "" : m.getSubject(), when, text.toString(), page);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not read message " + id, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(Part part, StringBuilder text, StringBuilder html, java.util.Map<String, String> images)
            throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, text, html, images);
            }
        } else if (part.isMimeType("text/plain") && text.isEmpty()) {
            text.append(part.getContent());
        } else if (part.isMimeType("text/html") && html.isEmpty()) {
            html.append(part.getContent());
        } else if (part.isMimeType("image/png") && part instanceof jakarta.mail.internet.MimeBodyPart body) {
            String contentId = body.getContentID();
            if (contentId != null) {
                try (var in = part.getInputStream()) {
                    images.put(
                            contentId.replaceAll("^<|>$", ""),
                            "data:image/png;base64,"
                                    + java.util.Base64.getEncoder().encodeToString(in.readAllBytes()));
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the demo mailbox", e);
        }
    }
}
