package org.eventregistration.mail;

import java.util.List;
import java.util.Optional;

/**
 * What one e-mail says, before it is written as text or HTML: both parts are made from this, so
 * they say the same. Every string is plain text as a person or the bundle wrote it; the HTML
 * writer escapes it.
 *
 * @param language the language tag (nb, nn, en)
 * @param subject the subject
 * @param greeting the greeting line
 * @param paragraphs what happened, before the details
 * @param details label and value pairs: the event, its time, place and host
 * @param link the personal link, if the message carries one
 * @param checkIn the check-in code, if the message confirms a seat
 * @param after paragraphs after the link
 * @param signature the closing word
 * @param host who signs
 * @param footer the small print
 */
record MailView(
        String language,
        String subject,
        String greeting,
        List<String> paragraphs,
        List<Detail> details,
        Optional<LinkView> link,
        Optional<CheckInView> checkIn,
        List<String> after,
        String signature,
        String host,
        List<String> footer) {

    /** One line of the event's details. */
    record Detail(String label, String value) {}

    /** The link: the button's label, the URL and the line that offers to copy it. */
    record LinkView(String label, String url, String fallback) {}

    /**
     * The check-in code: a heading, what to do with it, the QR code's text alternative, the URL it
     * holds, and the content id of its image in the message.
     */
    record CheckInView(String heading, String hint, String alt, String url, String contentId) {}
}
