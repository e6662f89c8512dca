package org.eventregistration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eventregistration.internal.IsoInstant;

/**
 * Decides how values sit in columns: instants as UTC timestamps with microsecond precision, and
 * absent values as typed SQL nulls.
 */
final class Columns {
    private Columns() {}

    /** The timestamp column value of an instant: UTC, truncated to microseconds. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** The instant of a timestamp column written with {@link #utc}. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /**
     * A UTC timestamp as SQL text, microseconds exact, for array parameters (PostgreSQL): the ISO
     * form of {@link Instant#toString()}, which a {@code timestamp} reads as its UTC date and time
     * (it ignores the {@code Z}), written without a formatter: a registration has several.
     */
    static String timestampText(Instant instant) {
        return IsoInstant.append(new StringBuilder(27), instant.truncatedTo(ChronoUnit.MICROS))
                .toString();
    }

    static void setTimestamp(PreparedStatement ps, int index, Optional<Instant> instant) throws SQLException {
        if (instant.isPresent()) {
            ps.setObject(index, utc(instant.get()));
        } else {
            ps.setNull(index, Types.TIMESTAMP);
        }
    }

    static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value != null) {
            ps.setString(index, value);
        } else {
            ps.setNull(index, Types.VARCHAR);
        }
    }
}
