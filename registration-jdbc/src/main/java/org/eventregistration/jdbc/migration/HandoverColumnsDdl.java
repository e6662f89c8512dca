package org.eventregistration.jdbc.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.eventregistration.jdbc.StoredColumns;

/**
 * Schema version 12, expand only: the registration table's nullable columns {@code
 * handover_expires_at} (when a seat's offer to a colleague lapses) and {@code handover_email} (the
 * colleague's normalized address), each with an index (on PostgreSQL partial, over the rows with an
 * offer only); then {@link StoredColumns#fillHandovers} copies the values out of the JSON of the
 * rows that hold an offer. Nothing is dropped or renamed and neither column gets a default or NOT
 * NULL, so nodes of version 11 keep reading and writing while and after this runs (their rows get
 * the columns when next written by a node of this version; see the module's README). Run by the
 * {@code V12__Handover_columns} migration of each database; not API.
 */
public final class HandoverColumnsDdl {
    private HandoverColumnsDdl() {}

    /** PostgreSQL: partial indexes, so that registrations without an offer pay nothing. */
    public static void postgresql(Connection c, String p) throws SQLException {
        run(
                c,
                List.of(
                        "ALTER TABLE " + p + "registration ADD COLUMN handover_expires_at TIMESTAMP(6)",
                        "ALTER TABLE " + p + "registration ADD COLUMN handover_email VARCHAR(320)",
                        "CREATE INDEX " + p + "registration_handover_ix ON " + p
                                + "registration (handover_expires_at, seq) WHERE handover_expires_at IS NOT NULL",
                        "CREATE INDEX " + p + "registration_handover_email_ix ON " + p
                                + "registration (handover_email) WHERE handover_email IS NOT NULL"));
        StoredColumns.fillHandovers(c, p);
    }

    /** MariaDB: plain indexes (no partial ones). */
    public static void mariadb(Connection c, String p) throws SQLException {
        run(
                c,
                List.of(
                        "ALTER TABLE " + p + "registration ADD COLUMN handover_expires_at DATETIME(6) NULL,"
                                + " ADD COLUMN handover_email VARCHAR(320) NULL",
                        "CREATE INDEX " + p + "registration_handover_ix ON " + p
                                + "registration (handover_expires_at, seq)",
                        "CREATE INDEX " + p + "registration_handover_email_ix ON " + p
                                + "registration (handover_email)"));
        StoredColumns.fillHandovers(c, p);
    }

    /** H2: plain indexes. */
    public static void h2(Connection c, String p) throws SQLException {
        run(
                c,
                List.of(
                        "ALTER TABLE " + p + "registration ADD COLUMN handover_expires_at TIMESTAMP(6)",
                        "ALTER TABLE " + p + "registration ADD COLUMN handover_email VARCHAR(320)",
                        "CREATE INDEX " + p + "registration_handover_ix ON " + p
                                + "registration (handover_expires_at, seq)",
                        "CREATE INDEX " + p + "registration_handover_email_ix ON " + p
                                + "registration (handover_email)"));
        StoredColumns.fillHandovers(c, p);
    }

    private static void run(Connection c, List<String> ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
                s.execute(statement);
            }
        }
    }
}
