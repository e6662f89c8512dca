package org.eventregistration.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.StatusChange;

/**
 * The registration table's relational columns of schema versions 10 and 12, declared once: each
 * column's name, the schema version that added it, and how its value follows from a registration.
 * The statements ({@link Sql}), the bindings ({@link RegistrationRows#bind}, the PostgreSQL arrays
 * of {@link StagedWrites}) and the migrations that fill them for older rows ({@link StoredColumns})
 * all iterate over these constants, so a new column is one constant here plus its {@code ALTER
 * TABLE} in a migration (a migration fills only the columns of its own version and before).
 *
 * <p>The values are copies of what the JSON in {@code data} holds (which stays the truth): texts are
 * cut to the column's length. An anonymised registration has the placeholder name and no
 * organisation, as in its JSON, and its time of anonymisation.
 */
enum ParticipantColumn {
    FULL_NAME("full_name", 300) {
        @Override
        Object value(Registration r) {
            return cut(r.attendee().name(), length);
        }
    },
    ORGANISATION_NAME("organisation_name", 300) {
        @Override
        Object value(Registration r) {
            return r.attendee().organisationName().map(n -> cut(n, length)).orElse(null);
        }
    },
    ORGANISATION_NUMBER("organisation_number", 9) {
        @Override
        Object value(Registration r) {
            return r.attendee()
                    .organisationNumber()
                    .map(OrganisationNumber::value)
                    .orElse(null);
        }
    },
    SECTOR("sector", 30) {
        @Override
        Object value(Registration r) {
            return r.attendee().sector().name();
        }
    },
    ROLE("role", 30) {
        @Override
        Object value(Registration r) {
            return r.attendee().role().name();
        }
    },
    LANGUAGE("language", 35) {
        @Override
        Object value(Registration r) {
            return cut(r.language().toLanguageTag(), length);
        }
    },
    /** A timestamp: when the registration was anonymised, NULL while it holds personal data. */
    ANONYMISED_AT("anonymised_at", 0) {
        @Override
        Object value(Registration r) {
            return anonymisedAt(r).orElse(null);
        }
    },
    /**
     * Schema version 12, a timestamp: when the seat's offer to a colleague lapses, NULL without one
     * (for the expiry job: {@link Sql#lapsedHandovers}).
     */
    HANDOVER_EXPIRES_AT("handover_expires_at", 0, 12) {
        @Override
        Object value(Registration r) {
            return r.handover().map(Handover::expiresAt).orElse(null);
        }
    },
    /**
     * Schema version 12: the normalized address of the colleague offered the seat, NULL without an
     * offer (for the colleague's access and erasure requests: {@link JdbcPrivacy}).
     */
    HANDOVER_EMAIL("handover_email", 320, 12) {
        @Override
        Object value(Registration r) {
            return r.handover().map(h -> cut(h.normalizedEmail(), length)).orElse(null);
        }
    };

    /** The column name. */
    final String column;
    /** The most characters a text column holds; 0 for a timestamp. */
    final int length;
    /** The schema version that added the column. */
    final int since;

    ParticipantColumn(String column, int length) {
        this(column, length, 10);
    }

    ParticipantColumn(String column, int length, int since) {
        this.column = column;
        this.length = length;
        this.since = since;
    }

    /** The column's value for a registration: a String, an Instant, or null. */
    abstract Object value(Registration r);

    boolean isTimestamp() {
        return length == 0;
    }

    /** {@code ", full_name, organisation_name, ..."}: to append to an insert's column list. */
    static String names() {
        StringBuilder s = new StringBuilder();
        for (ParticipantColumn c : values()) {
            s.append(", ").append(c.column);
        }
        return s.toString();
    }

    /** {@code ", ?, ?, ..."}: one parameter per column. */
    static String parameters() {
        return ", ?".repeat(values().length);
    }

    /** {@code ", full_name = ?, ..."}: to append to an update's assignments. */
    static String assignments() {
        return assignments(Integer.MAX_VALUE);
    }

    /** {@link #assignments()} of the columns added up to schema version {@code version}, for its migration. */
    static String assignments(int version) {
        StringBuilder s = new StringBuilder();
        for (ParticipantColumn c : values()) {
            if (c.since <= version) {
                s.append(", ").append(c.column).append(" = ?");
            }
        }
        return s.toString();
    }

    /** PostgreSQL: {@code ", ?::varchar[], ..."}, one array parameter per column, for {@code unnest}. */
    static String arrayParameters() {
        StringBuilder s = new StringBuilder();
        for (ParticipantColumn c : values()) {
            s.append(c.isTimestamp() ? ", ?::varchar[]::timestamp[]" : ", ?::varchar[]");
        }
        return s.toString();
    }

    /** PostgreSQL: the aliases of the columns in an {@code unnest}, {@code ", p0, p1, ..."}, with a qualifier. */
    static String aliases(String qualifier) {
        StringBuilder s = new StringBuilder();
        for (ParticipantColumn c : values()) {
            s.append(", ").append(qualifier).append('p').append(c.ordinal());
        }
        return s.toString();
    }

    /** Binds every column's value from {@code index} on; returns the next index. */
    static int bind(PreparedStatement ps, int index, Registration r) throws SQLException {
        return bind(ps, index, r, Integer.MAX_VALUE);
    }

    /** {@link #bind(PreparedStatement, int, Registration)} for the columns of {@link #assignments(int)}. */
    static int bind(PreparedStatement ps, int index, Registration r, int version) throws SQLException {
        for (ParticipantColumn c : values()) {
            if (c.since > version) {
                continue;
            }
            Object v = c.value(r);
            if (c.isTimestamp()) {
                Columns.setTimestamp(ps, index++, Optional.ofNullable((Instant) v));
            } else if (v == null) {
                ps.setNull(index++, Types.VARCHAR);
            } else {
                ps.setString(index++, (String) v);
            }
        }
        return index;
    }

    /** PostgreSQL: one text array per column, in order, for the registrations given. */
    static String[][] arrays(Collection<Registration> registrations) {
        ParticipantColumn[] all = values();
        String[][] arrays = new String[all.length][registrations.size()];
        int i = 0;
        for (Registration r : registrations) {
            for (ParticipantColumn c : all) {
                Object v = c.value(r);
                arrays[c.ordinal()][i] = v instanceof Instant at ? Columns.timestampText(at) : (String) v;
            }
            i++;
        }
        return arrays;
    }

    /** When the registration was anonymised: the time of its last {@link Registration#ANONYMISED} entry. */
    static Optional<Instant> anonymisedAt(Registration r) {
        for (int i = r.history().size() - 1; i >= 0; i--) {
            StatusChange c = r.history().get(i);
            if (Registration.ANONYMISED.equals(c.reason())) {
                return Optional.of(c.at());
            }
        }
        return Optional.empty();
    }

    /** At most {@code max} characters, not splitting a surrogate pair. */
    static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
