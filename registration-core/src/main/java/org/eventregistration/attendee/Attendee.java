package org.eventregistration.attendee;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The person who registers: what the organiser needs to know to let them in, and nothing more.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(String, String)}; name and e-mail are
 * required, the rest is optional. The e-mail address is kept as typed; {@link #normalizedEmail()}
 * is the form used to recognise the same person twice.
 */
public final class Attendee {
    private final String name;
    private final String email;
    private final String phone;
    private final String organisationName;
    private final OrganisationNumber organisationNumber;
    private final Sector sector;
    private final Role role;

    private Attendee(Builder b) {
        this.name = requireText(b.name, "name");
        this.email = requireText(b.email, "email");
        this.phone = b.phone;
        this.organisationName = b.organisationName;
        this.organisationNumber = b.organisationNumber;
        this.sector = b.sector;
        this.role = b.role;
    }

    /** Starts an attendee with the two required parts. */
    public static Builder builder(String name, String email) {
        return new Builder(name, email);
    }

    /**
     * Normalizes an e-mail address for comparison: Unicode NFKC (so that full-width letters,
     * ligatures and other compatibility look-alikes become the plain letters), trimmed, and
     * lower-cased (root locale). Two addresses that differ only in these ways are the same person.
     * The JDBC store's schema version 9 rewrote the addresses stored before.
     */
    public static String normalizeEmail(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /** The full name as the person wrote it. */
    public String name() {
        return name;
    }

    /** The e-mail address as typed. */
    public String email() {
        return email;
    }

    /** The e-mail address {@linkplain #normalizeEmail normalized}: the key for "the same person". */
    public String normalizedEmail() {
        return normalizeEmail(email);
    }

    /** The domain part of the normalized e-mail address, for example {@code asker.kommune.no}. */
    public String emailDomain() {
        String normalized = normalizedEmail();
        return normalized.substring(normalized.lastIndexOf('@') + 1);
    }

    /** The phone number, if given. */
    public Optional<String> phone() {
        return Optional.ofNullable(phone);
    }

    /** The organisation's name, if given. */
    public Optional<String> organisationName() {
        return Optional.ofNullable(organisationName);
    }

    /** The organisation number, if given. */
    public Optional<OrganisationNumber> organisationNumber() {
        return Optional.ofNullable(organisationNumber);
    }

    /** The sector; {@link Sector#OTHER} when not given. */
    public Sector sector() {
        return sector;
    }

    /** The role; {@link Role#OTHER} when not given. */
    public Role role() {
        return role;
    }

    /**
     * The key that identifies the attendee's organisation for per-organisation quotas: the
     * organisation number if given, else the lower-cased name, else empty.
     */
    public Optional<String> organisationKey() {
        if (organisationNumber != null) {
            return Optional.of(organisationNumber.value());
        }
        if (organisationName != null) {
            return Optional.of(organisationName.strip().toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** A builder pre-filled with this attendee's values. */
    public Builder toBuilder() {
        Builder b = new Builder(name, email);
        b.phone = phone;
        b.organisationName = organisationName;
        b.organisationNumber = organisationNumber;
        b.sector = sector;
        b.role = role;
        return b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attendee a
                && name.equals(a.name)
                && email.equals(a.email)
                && Objects.equals(phone, a.phone)
                && Objects.equals(organisationName, a.organisationName)
                && Objects.equals(organisationNumber, a.organisationNumber)
                && sector == a.sector
                && role == a.role;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, email, phone, organisationName, organisationNumber, sector, role);
    }

    /** Deliberately without name, e-mail or phone: attendees end up in logs through toString. */
    @Override
    public String toString() {
        return "Attendee[sector=" + sector + ", role=" + role + ", organisation=" + organisationNumber + "]";
    }

    private static String requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    private static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Builds an {@link Attendee}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private final String email;
        private String phone;
        private String organisationName;
        private OrganisationNumber organisationNumber;
        private Sector sector = Sector.OTHER;
        private Role role = Role.OTHER;

        private Builder(String name, String email) {
            this.name = name;
            this.email = email;
        }

        /** The phone number; blank means none. */
        public Builder phone(String phone) {
            this.phone = optionalText(phone);
            return this;
        }

        /** The organisation's name; blank means none. */
        public Builder organisation(String organisationName) {
            this.organisationName = optionalText(organisationName);
            return this;
        }

        /** The organisation's name and number. */
        public Builder organisation(String organisationName, OrganisationNumber number) {
            this.organisationName = optionalText(organisationName);
            this.organisationNumber = Objects.requireNonNull(number, "number");
            return this;
        }

        /** The organisation number. */
        public Builder organisationNumber(OrganisationNumber number) {
            this.organisationNumber = Objects.requireNonNull(number, "number");
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

        /**
         * Builds the attendee.
         *
         * @throws IllegalArgumentException if the name or e-mail is blank
         */
        public Attendee build() {
            return new Attendee(this);
        }
    }
}
