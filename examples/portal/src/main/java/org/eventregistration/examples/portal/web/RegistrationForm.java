package org.eventregistration.examples.portal.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The registration form as typed: bound from the POST, and shown again with the same values when
 * there are errors. Validation is the library's (and the consent check here); nothing is checked
 * while binding.
 */
public class RegistrationForm {
    /** The honeypot's name: a field hidden from people (and from screen readers) that bots fill in. */
    public static final String HONEYPOT = "website";

    private String name = "";
    private String email = "";
    private String phone = "";
    private String organisationName = "";
    private String organisationNumber = "";
    private String sector = "";
    private String role = "";
    private String session = "";
    private Map<String, String> answers = new LinkedHashMap<>();
    private boolean consent;
    private String idempotencyKey = UUID.randomUUID().toString();
    private String formStamp = "";
    private String website = "";

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** The full name. */
    public String getName() {
        return name;
    }

    /** Sets the full name. */
    public void setName(String name) {
        this.name = text(name);
    }

    /** The e-mail address. */
    public String getEmail() {
        return email;
    }

    /** Sets the e-mail address. */
    public void setEmail(String email) {
        this.email = text(email);
    }

    /** The phone number. */
    public String getPhone() {
        return phone;
    }

    /** Sets the phone number. */
    public void setPhone(String phone) {
        this.phone = text(phone);
    }

    /** The organisation's name. */
    public String getOrganisationName() {
        return organisationName;
    }

    /** Sets the organisation's name. */
    public void setOrganisationName(String organisationName) {
        this.organisationName = text(organisationName);
    }

    /** The organisation number. */
    public String getOrganisationNumber() {
        return organisationNumber;
    }

    /** Sets the organisation number. */
    public void setOrganisationNumber(String organisationNumber) {
        this.organisationNumber = text(organisationNumber);
    }

    /** The sector's enum name, or empty. */
    public String getSector() {
        return sector;
    }

    /** Sets the sector. */
    public void setSector(String sector) {
        this.sector = text(sector);
    }

    /** The role's enum name, or empty. */
    public String getRole() {
        return role;
    }

    /** Sets the role. */
    public void setRole(String role) {
        this.role = text(role);
    }

    /** The chosen workshop's id, or empty for none. */
    public String getSession() {
        return session;
    }

    /** Sets the chosen workshop. */
    public void setSession(String session) {
        this.session = text(session);
    }

    /** The answers by question id. */
    public Map<String, String> getAnswers() {
        return answers;
    }

    /** Sets the answers. */
    public void setAnswers(Map<String, String> answers) {
        this.answers = answers == null ? new LinkedHashMap<>() : answers;
    }

    /** Whether the consent box is ticked. */
    public boolean isConsent() {
        return consent;
    }

    /** Ticks the consent box. */
    public void setConsent(boolean consent) {
        this.consent = consent;
    }

    /** A key made when the form is first shown: submitting twice registers once. */
    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    /** Sets the idempotency key. */
    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = text(idempotencyKey);
    }

    /** The signed time the form was shown ({@code FormStamp}). */
    public String getFormStamp() {
        return formStamp;
    }

    /** Sets the signed time the form was shown. */
    public void setFormStamp(String formStamp) {
        this.formStamp = text(formStamp);
    }

    /** The honeypot field: empty when a person sent the form. */
    public String getWebsite() {
        return website;
    }

    /** Sets the honeypot field. */
    public void setWebsite(String website) {
        this.website = text(website);
    }

    /** The answer to one question, or empty. */
    public String answer(String questionId) {
        return answers.getOrDefault(questionId, "");
    }
}
