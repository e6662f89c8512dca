package org.eventregistration.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides how values sit in columns: instants as UTC timestamps with microsecond precision, and
 * absent values as typed SQL nulls.
 */
final class Columns {
    private static final DateTimeFormatter TIMESTAMP_TEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

    private Columns() {}

    /** The timestamp column value of an instant: UTC, truncated to microseconds. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** The instant of a timestamp column written with {@link #utc}. */
    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    /** A UTC timestamp as SQL text, microseconds exact, for array parameters. */
    static String timestampText(Instant instant) {
        return TIMESTAMP_TEXT.format(utc(instant));
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
