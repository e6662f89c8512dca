package org.eventregistration.registration;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.LocalizedText;

/**
 * A message an organiser wrote to the participants of some statuses of one event (for example
 * practical information to everyone with a seat), sent to each as a notification of kind {@code
 * MESSAGE} in their language. Plain text: a mail sender escapes it. Immutable and thread-safe.
 *
 * @param id unique; names the message in notifications and in the audit log
 * @param eventId the event
 * @param subject the subject line: one line, at most {@value #MAX_SUBJECT} characters per language
 * @param body the text: at most {@value #MAX_BODY} characters per language; line breaks are kept
 * @param recipients the statuses whose registrations receive it: only statuses of a registration
 *     that is still alive ({@link RegistrationStatus#isActive()}), at least one
 * @param sentBy who sent it
 * @param sentAt when
 */
public record OrganiserMessage(
        String id,
        EventId eventId,
        LocalizedText subject,
        LocalizedText body,
        Set<RegistrationStatus> recipients,
        Actor sentBy,
        Instant sentAt) {

    /** The longest subject line, in characters per language. */
    public static final int MAX_SUBJECT = 200;

    /** The longest text, in characters per language. */
    public static final int MAX_BODY = 10_000;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a text is too long, a subject has a line break, or a status
     *     is not alive
     */
    public OrganiserMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(recipients, "recipients");
        Objects.requireNonNull(sentBy, "sentBy");
        Objects.requireNonNull(sentAt, "sentAt");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a message id is 1-64 of [A-Za-z0-9._-]");
        }
        for (Map.Entry<String, String> text : subject.texts().entrySet()) {
            if (text.getValue().length() > MAX_SUBJECT) {
                throw new IllegalArgumentException(
                        "the " + text.getKey() + " subject is longer than " + MAX_SUBJECT + " characters");
            }
            if (text.getValue().chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("the " + text.getKey() + " subject has a line break");
            }
        }
        for (Map.Entry<String, String> text : body.texts().entrySet()) {
            if (text.getValue().length() > MAX_BODY) {
                throw new IllegalArgumentException(
                        "the " + text.getKey() + " text is longer than " + MAX_BODY + " characters");
            }
        }
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one status to go to");
        }
        for (RegistrationStatus status : recipients) {
            if (!Objects.requireNonNull(status, "status").isActive()) {
                throw new IllegalArgumentException("a message goes to registrations that are alive, not " + status);
            }
        }
        recipients = Set.copyOf(EnumSet.copyOf(recipients));
    }
}
