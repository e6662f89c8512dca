package org.eventregistration.examples.portal.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.RegistrationStatus;
import org.springframework.context.MessageSource;

/**
 * The organiser's message to participants as typed: the statuses it goes to, a subject and a text
 * in bokmål, and optionally in nynorsk and English (each language both or neither). A form-backing
 * bean, so Spring binds the request to it; {@link #validate} turns it into the library's values.
 */
public final class MessageForm {
    /** The fields in the order of the form, for the error summary. */
    static final List<String> FIELDS =
            List.of("statuses", "subjectNb", "bodyNb", "subjectNn", "bodyNn", "subjectEn", "bodyEn");

    private List<String> statuses = new ArrayList<>();
    private String subjectNb = "";
    private String bodyNb = "";
    private String subjectNn = "";
    private String bodyNn = "";
    private String subjectEn = "";
    private String bodyEn = "";

    /** The message as the library takes it, once valid. */
    record Valid(Set<RegistrationStatus> recipients, LocalizedText subject, LocalizedText body) {}

    /**
     * Checks the form, adding a message per bad field to {@code errors} in the person's language.
     *
     * @return the message, or null if there were errors
     */
    Valid validate(FormErrors errors, MessageSource messages, Locale locale) {
        Set<RegistrationStatus> recipients = EnumSet.noneOf(RegistrationStatus.class);
        for (String s : statuses) {
            for (RegistrationStatus status : RegistrationStatus.values()) {
                if (status.name().equals(s) && status.isActive()) {
                    recipients.add(status);
                }
            }
        }
        if (recipients.isEmpty()) {
            errors.add("statuses", messages.getMessage("message.error.statuses", null, locale));
        }
        Map<String, String> subjects = new LinkedHashMap<>();
        Map<String, String> bodies = new LinkedHashMap<>();
        language("nb", subject(subjectNb), bodyNb.strip(), true, subjects, bodies, errors, messages, locale);
        language("nn", subject(subjectNn), bodyNn.strip(), false, subjects, bodies, errors, messages, locale);
        language("en", subject(subjectEn), bodyEn.strip(), false, subjects, bodies, errors, messages, locale);
        if (!errors.isEmpty()) {
            return null;
        }
        return new Valid(recipients, new LocalizedText(subjects), new LocalizedText(bodies));
    }

    private static void language(
            String lang,
            String subject,
            String body,
            boolean required,
            Map<String, String> subjects,
            Map<String, String> bodies,
            FormErrors errors,
            MessageSource messages,
            Locale locale) {
        String suffix = Character.toUpperCase(lang.charAt(0)) + lang.substring(1);
        String subjectField = "subject" + suffix;
        String bodyField = "body" + suffix;
        if (!required && subject.isEmpty() && body.isEmpty()) {
            return;
        }
        if (subject.isEmpty()) {
            errors.add(subjectField, messages.getMessage("message.error.subject." + lang, null, locale));
        } else if (subject.length() > OrganiserMessage.MAX_SUBJECT) {
            errors.add(
                    subjectField,
                    messages.getMessage(
                            "message.error.subjectLength", new Object[] {OrganiserMessage.MAX_SUBJECT}, locale));
        }
        if (body.isEmpty()) {
            errors.add(bodyField, messages.getMessage("message.error.body." + lang, null, locale));
        } else if (body.length() > OrganiserMessage.MAX_BODY) {
            errors.add(
                    bodyField,
                    messages.getMessage("message.error.bodyLength", new Object[] {OrganiserMessage.MAX_BODY}, locale));
        }
        if (!errors.has(subjectField) && !errors.has(bodyField)) {
            subjects.put(lang, subject);
            bodies.put(lang, body);
        }
    }

    /** A subject is one line: line breaks a crafted request might carry become spaces. */
    private static String subject(String s) {
        return s.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The chosen statuses (names of {@link RegistrationStatus}). */
    public List<String> getStatuses() {
        return statuses;
    }

    /** Sets the chosen statuses. */
    public void setStatuses(List<String> statuses) {
        this.statuses = statuses == null ? new ArrayList<>() : new ArrayList<>(statuses);
    }

    /** The bokmål subject. */
    public String getSubjectNb() {
        return subjectNb;
    }

    /** Sets the bokmål subject. */
    public void setSubjectNb(String subjectNb) {
        this.subjectNb = orEmpty(subjectNb);
    }

    /** The bokmål text. */
    public String getBodyNb() {
        return bodyNb;
    }

    /** Sets the bokmål text. */
    public void setBodyNb(String bodyNb) {
        this.bodyNb = orEmpty(bodyNb);
    }

    /** The nynorsk subject. */
    public String getSubjectNn() {
        return subjectNn;
    }

    /** Sets the nynorsk subject. */
    public void setSubjectNn(String subjectNn) {
        this.subjectNn = orEmpty(subjectNn);
    }

    /** The nynorsk text. */
    public String getBodyNn() {
        return bodyNn;
    }

    /** Sets the nynorsk text. */
    public void setBodyNn(String bodyNn) {
        this.bodyNn = orEmpty(bodyNn);
    }

    /** The English subject. */
    public String getSubjectEn() {
        return subjectEn;
    }

    /** Sets the English subject. */
    public void setSubjectEn(String subjectEn) {
        this.subjectEn = orEmpty(subjectEn);
    }

    /** The English text. */
    public String getBodyEn() {
        return bodyEn;
    }

    /** Sets the English text. */
    public void setBodyEn(String bodyEn) {
        this.bodyEn = orEmpty(bodyEn);
    }
}
