package org.eventregistration.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes a message as MIME: multipart/alternative (text, then HTML), inside multipart/mixed with
 * the calendar part when there is one; the headers with every person-written value cleaned of line
 * breaks and control characters and encoded (RFC 2047), so a name or a title cannot add a header.
 */
final class MessageAssembler {
    /** Header values never hold control characters: a CR or LF would start a new header. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]+");

    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    /** A calendar part: the iCalendar text and its METHOD, for the Content-Type. */
    record CalendarPart(String ics, String method) {}

    private final InternetAddress from;
    private final Optional<InternetAddress> replyTo;
    private final String messageIdDomain;

    MessageAssembler(InternetAddress from, Optional<InternetAddress> replyTo, String messageIdDomain) {
        this.from = from;
        this.replyTo = replyTo;
        this.messageIdDomain = messageIdDomain;
    }

    /** A value fit for a header: one line, no control characters, no runs of spaces. */
    static String headerText(String value) {
        return SPACES.matcher(CONTROL.matcher(value).replaceAll(" "))
                .replaceAll(" ")
                .strip();
    }

    /** The Message-ID of a notification's e-mail. */
    String messageId(String notificationId) {
        return MessageIds.of(notificationId, messageIdDomain);
    }

    MimeMessage assemble(
            Session session,
            String notificationId,
            InternetAddress to,
            MailView view,
            String text,
            String html,
            Optional<CalendarPart> calendar,
            Instant now)
            throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(session, messageId(notificationId));
        message.setFrom(from);
        message.setRecipient(MimeMessage.RecipientType.TO, to);
        if (replyTo.isPresent()) {
            message.setReplyTo(new InternetAddress[] {replyTo.get()});
        }
        message.setSubject(headerText(view.subject()), "UTF-8");
        message.setSentDate(Date.from(now));
        message.setHeader("Auto-Submitted", "auto-generated");
        // Outlook: no out-of-office or read receipts back to an address nobody reads.
        message.setHeader("X-Auto-Response-Suppress", "All");
        message.setHeader("X-Registration-Notification", MessageIds.atext(notificationId));
        message.setHeader("Content-Language", view.language());

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8", "plain");
        alternative.addBodyPart(textPart);
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setText(html, "UTF-8", "html");
        if (view.checkIn().isEmpty()) {
            alternative.addBodyPart(htmlPart);
        } else {
            // The HTML with its check-in QR code as an inline image (cid:), which mail programs show
            // where they block data: URIs and remote images.
            MimeMultipart related = new MimeMultipart("related");
            related.addBodyPart(htmlPart);
            related.addBodyPart(qrPart(view.checkIn().get()));
            MimeBodyPart relatedPart = new MimeBodyPart();
            relatedPart.setContent(related);
            alternative.addBodyPart(relatedPart);
        }

        if (calendar.isEmpty()) {
            message.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            mixed.addBodyPart(calendarPart(calendar.get()));
            message.setContent(mixed);
        }
        message.saveChanges();
        return message;
    }

    private static MimeBodyPart qrPart(MailView.CheckInView checkIn) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(QrCode.png(checkIn.url()), "image/png")));
        part.setHeader("Content-Type", "image/png");
        part.setContentID("<" + checkIn.contentId() + ">");
        part.setDisposition(MimeBodyPart.INLINE);
        part.setFileName("check-in.png");
        return part;
    }

    private static MimeBodyPart calendarPart(CalendarPart calendar) throws MessagingException {
        String type = "text/calendar; charset=UTF-8; method=" + calendar.method();
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(
                new DataHandler(new ByteArrayDataSource(calendar.ics().getBytes(StandardCharsets.UTF_8), type)));
        part.setHeader("Content-Type", type);
        part.setFileName("PUBLISH".equals(calendar.method()) ? "event.ics" : "cancel.ics");
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    /** A message whose Message-ID is ours, not the random one Jakarta Mail makes on saving. */
    private static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
