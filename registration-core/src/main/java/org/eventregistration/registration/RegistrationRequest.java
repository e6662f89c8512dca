package org.eventregistration.registration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eventregistration.attendee.EmailAddress;
import org.eventregistration.attendee.PlainText;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.attendee.ValidOrganisationNumber;
import org.eventregistration.event.EventId;
import org.eventregistration.i18n.Languages;

/**
 * What a person submits to register: the form, as typed. Immutable and thread-safe.
 *
 * <p>Nothing is checked when it is built; {@link org.eventregistration.service.RegistrationService#register}
 * validates it with Jakarta Validation and the event's own rules, and reports every problem at once.
 * Absent text is the empty string.
 */
public final class RegistrationRequest {
    /** A required field left empty, in the library's words (Jakarta Validation's say "must not be blank"). */
    private static final String REQUIRED = "{org.eventregistration.registration.required.message}";

    /** A text longer than its limit: "at most n characters", not "between 0 and n". */
    private static final String MAX_LENGTH = "{org.eventregistration.registration.maxLength.message}";

    /** A list with more entries than its limit. */
    private static final String MAX_ITEMS = "{org.eventregistration.registration.maxItems.message}";

    @NotNull
    private final EventId eventId;

    @NotBlank(message = REQUIRED)
    @Size(max = 200, message = MAX_LENGTH)
    @PlainText
    private final String name;

    @NotBlank(message = REQUIRED)
    @EmailAddress
    @Size(max = 254, message = MAX_LENGTH)
    @PlainText
    private final String email;

    @Size(max = 40, message = MAX_LENGTH)
    @Pattern(regexp = "[+0-9 ()-]*", message = "{org.eventregistration.registration.phone.message}")
    private final String phone;

    @Size(max = 200, message = MAX_LENGTH)
    @PlainText
    private final String organisationName;

    @ValidOrganisationNumber
    @Size(max = 20, message = MAX_LENGTH)
    private final String organisationNumber;

    @NotNull
    private final Sector sector;

    @NotNull
    private final Role role;

    @Size(max = 50, message = MAX_ITEMS)
    private final Set<@NotNull @Size(max = 64, message = MAX_LENGTH) @PlainText String> sessions;

    @Size(max = 100, message = MAX_ITEMS)
    private final Map<
                    @NotNull @Size(max = 64, message = MAX_LENGTH) @PlainText String,
                    @NotNull @Size(max = 10_000, message = MAX_LENGTH)
                    @PlainText(multiline = true, formatCharacters = true) String>
            answers;

    @Size(max = 100, message = MAX_LENGTH)
    @PlainText
    private final String invitationCode;

    @Size(max = 100, message = MAX_LENGTH)
    @Pattern(regexp = "[A-Za-z0-9_.:-]*", message = "{org.eventregistration.registration.idempotencyKey.message}")
    private final String idempotencyKey;

    private final Locale language;

    private final boolean addressVerified;

    // Shared by the many requests without sessions or answers.
    private static final Set<String> NO_SESSIONS = Collections.unmodifiableSet(new LinkedHashSet<>());
    private static final Map<String, String> NO_ANSWERS = Collections.unmodifiableMap(new LinkedHashMap<>());

    private RegistrationRequest(Builder b) {
        this.eventId = Objects.requireNonNull(b.eventId, "eventId");
        this.name = b.name;
        this.email = b.email;
        this.phone = b.phone;
        this.organisationName = b.organisationName;
        this.organisationNumber = b.organisationNumber;
        this.sector = b.sector;
        this.role = b.role;
        this.sessions =
                b.sessions.isEmpty() ? NO_SESSIONS : Collections.unmodifiableSet(new LinkedHashSet<>(b.sessions));
        this.answers = b.answers.isEmpty() ? NO_ANSWERS : Collections.unmodifiableMap(new LinkedHashMap<>(b.answers));
        this.invitationCode = b.invitationCode;
        this.idempotencyKey = b.idempotencyKey;
        this.language = Languages.resolve(b.language);
        this.addressVerified = b.addressVerified;
    }

    /** Starts a request for an event. */
    public static Builder builder(EventId eventId) {
        return new Builder(eventId);
    }

    /** A builder with this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder(eventId);
        b.name = name;
        b.email = email;
        b.phone = phone;
        b.organisationName = organisationName;
        b.organisationNumber = organisationNumber;
        b.sector = sector;
        b.role = role;
        b.sessions.addAll(sessions);
        b.answers.putAll(answers);
        b.invitationCode = invitationCode;
        b.idempotencyKey = idempotencyKey;
        b.language = language;
        b.addressVerified = addressVerified;
        return b;
    }

    /** The event. */
    public EventId eventId() {
        return eventId;
    }

    /** The name as typed. */
    public String name() {
        return name;
    }

    /** The e-mail address as typed, without surrounding whitespace. */
    public String email() {
        return email;
    }

    /** The phone number as typed; empty if none. */
    public String phone() {
        return phone;
    }

    /** The organisation's name; empty if none. */
    public String organisationName() {
        return organisationName;
    }

    /** The organisation number as typed; empty if none. */
    public String organisationNumber() {
        return organisationNumber;
    }

    /** The sector. */
    public Sector sector() {
        return sector;
    }

    /** The role. */
    public Role role() {
        return role;
    }

    /** The chosen session ids. */
    public Set<String> sessions() {
        return sessions;
    }

    /** The answers by question id. */
    public Map<String, String> answers() {
        return answers;
    }

    /** The invitation code; empty if none. */
    public String invitationCode() {
        return invitationCode;
    }

    /** The client's idempotency key; empty if none. */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** The language the person uses: nb, nn or en. */
    public Locale language() {
        return language;
    }

    /**
     * True if the application has verified that the person controls the e-mail address (a
     * logged-in person, an organiser adding someone by hand): no address confirmation is asked.
     */
    public boolean addressVerified() {
        return addressVerified;
    }

    /** Leaves out personal data. */
    @Override
    public String toString() {
        return "RegistrationRequest[event=" + eventId + ", sessions=" + sessions + "]";
    }

    /** Builds a {@link RegistrationRequest}. Not thread-safe. Null text means "not given". */
    public static final class Builder {
        private final EventId eventId;
        private String name = "";
        private String email = "";
        private String phone = "";
        private String organisationName = "";
        private String organisationNumber = "";
        private Sector sector = Sector.OTHER;
        private Role role = Role.OTHER;
        private final Set<String> sessions = new LinkedHashSet<>();
        private final Map<String, String> answers = new LinkedHashMap<>();
        private String invitationCode = "";
        private String idempotencyKey = "";
        private Locale language = Languages.BOKMAL;
        private boolean addressVerified;

        private Builder(EventId eventId) {
            this.eventId = Objects.requireNonNull(eventId, "eventId");
        }

        private static String text(String value) {
            return value == null ? "" : value;
        }

        /** The person's full name. */
        public Builder name(String name) {
            this.name = text(name);
            return this;
        }

        /**
         * The e-mail address. Surrounding whitespace (a stray space from a phone keyboard or
         * autofill) is removed, so {@code " kari@example.no"} validates and is recognised as the
         * same person as {@code kari@example.no}.
         */
        public Builder email(String email) {
            this.email = text(email).strip();
            return this;
        }

        /** The phone number. */
        public Builder phone(String phone) {
            this.phone = text(phone);
            return this;
        }

        /** The organisation's name, for an organisation without a number. */
        public Builder organisation(String name) {
            return organisation(name, "");
        }

        /** The organisation's name and number (either may be empty). */
        public Builder organisation(String name, String number) {
            this.organisationName = text(name);
            this.organisationNumber = text(number);
            return this;
        }

        /** The sector. */
        public Builder sector(Sector sector) {
            this.sector = Objects.requireNonNull(sector, "sector");
            return this;
        }

        /** The role. */
        public Builder role(Role role) {
            this.role = Objects.requireNonNull(role, "role");
            return this;
        }

        /** Adds a chosen session. */
        public Builder session(String sessionId) {
            this.sessions.add(Objects.requireNonNull(sessionId, "sessionId"));
            return this;
        }

        /** Adds an answer. */
        public Builder answer(String questionId, String answer) {
            this.answers.put(
                    Objects.requireNonNull(questionId, "questionId"), Objects.requireNonNull(answer, "answer"));
            return this;
        }

        /** The invitation code typed. */
        public Builder invitationCode(String code) {
            this.invitationCode = text(code);
            return this;
        }

        /**
         * A key the client generates once per form submission (for example a UUID in a hidden field):
         * sending the same request twice then registers once.
         */
        public Builder idempotencyKey(String key) {
            this.idempotencyKey = text(key);
            return this;
        }

        /** The person's language; bokmål unless set. */
        public Builder language(Locale language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /**
         * Says that the application has verified the e-mail address itself: the person is logged in
         * with it, or an organiser adds someone by hand. The registration then counts at once, even
         * on an event that {@linkplain org.eventregistration.event.Event#addressConfirmation()
         * requires address confirmation}, and its outcome carries the manage token. Never set it
         * for an address typed into a public form: anyone could then register someone else.
         */
        public Builder addressVerified(boolean verified) {
            this.addressVerified = verified;
            return this;
        }

        /** Builds the request; nothing is validated yet. */
        public RegistrationRequest build() {
            return new RegistrationRequest(this);
        }
    }
}
