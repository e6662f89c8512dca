package org.eventregistration.jdbc.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eventregistration.jdbc.StoredColumns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schema version 10, expand only: nullable columns on the event and registration tables, one index
 * each, and the views {@code participant}, {@code session_choice} and {@code answer}; then {@link
 * StoredColumns#fill} copies the values out of the JSON of existing rows. Nothing is dropped or
 * renamed and no column gets a default or NOT NULL, so nodes of version 9 keep reading and writing
 * while and after this runs (their rows get the columns later; see the module's README). Run by the
 * {@code V10__Relational_columns} migration of each database; not API.
 */
public final class RelationalColumnsDdl {
    private static final Logger log = LoggerFactory.getLogger(RelationalColumnsDdl.class);

    private RelationalColumnsDdl() {}

    /** The anonymised test, on a registration row {@code r}: by this version's column, or by an older node's placeholder address. */
    private static final String ANONYMISED = "(r.anonymised_at IS NOT NULL OR r.email LIKE 'anonymised-%@invalid')";

    /** PostgreSQL; names collate as Norwegian (ICU) where the server has the collation. */
    public static void postgresql(Connection c, String p) throws SQLException {
        String collation = firstCollation(c, "nb-NO-x-icu", "nb-x-icu", "da-x-icu", "nb_NO.utf8", "nb_NO.UTF-8");
        String collate = collation == null ? "" : " COLLATE \"" + collation + "\"";
        if (collation == null) {
            log.warn("no Norwegian collation on this PostgreSQL server (ICU nb-NO-x-icu): names sort in the"
                    + " database's default order; see the registration-jdbc README");
        }
        List<String> ddl = new ArrayList<>();
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN organiser_id VARCHAR(64)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN ends_at TIMESTAMP(6)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN state VARCHAR(16)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN retention_done_at TIMESTAMP(6)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN title VARCHAR(1000)" + collate);
        ddl.add("CREATE INDEX " + p + "event_organiser_ix ON " + p + "event (organiser_id, starts_at)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN full_name VARCHAR(300)" + collate);
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN organisation_name VARCHAR(300)" + collate);
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN organisation_number VARCHAR(9)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN sector VARCHAR(30)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN role VARCHAR(30)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN language VARCHAR(35)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN anonymised_at TIMESTAMP(6)");
        ddl.add("CREATE INDEX " + p + "registration_name_ix ON " + p + "registration (event_id, full_name)");
        // The JSON stays TEXT (nodes of version 9 write it as text); the views read it as jsonb.
        String j = "(r.data::jsonb)";
        // Collated as the columns, so that the view's names sort (and compare) in one collation.
        ddl.add(participantView(p, "(" + j + " #>> '{attendee,%s}')" + collate));
        ddl.add("CREATE VIEW " + p + "session_choice AS SELECT r.registration_id, r.event_id, s.session_id FROM " + p
                + "registration r CROSS JOIN LATERAL jsonb_array_elements_text(" + j
                + " -> 'sessions') AS s(session_id)");
        ddl.add("CREATE VIEW " + p + "answer AS SELECT r.registration_id, r.event_id, a.question_id, a.answer FROM "
                + p + "registration r CROSS JOIN LATERAL jsonb_each_text(" + j
                + " -> 'answers') AS a(question_id, answer)");
        run(c, ddl);
        StoredColumns.fill(c, p);
    }

    /** MariaDB (10.6 or later, for JSON_TABLE); names collate utf8mb4_danish_ci (Æ Ø Å after Z, as in Norwegian). */
    public static void mariadb(Connection c, String p) throws SQLException {
        String collate = " CHARACTER SET utf8mb4 COLLATE utf8mb4_danish_ci";
        List<String> ddl = new ArrayList<>();
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN organiser_id VARCHAR(64) NULL, ADD COLUMN ends_at DATETIME(6)"
                + " NULL, ADD COLUMN state VARCHAR(16) NULL, ADD COLUMN title VARCHAR(1000)" + collate + " NULL,"
                + " ADD COLUMN retention_done_at DATETIME(6) NULL");
        ddl.add("CREATE INDEX " + p + "event_organiser_ix ON " + p + "event (organiser_id, starts_at)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN full_name VARCHAR(300)" + collate + " NULL,"
                + " ADD COLUMN organisation_name VARCHAR(300)" + collate + " NULL,"
                + " ADD COLUMN organisation_number VARCHAR(9) NULL, ADD COLUMN sector VARCHAR(30) NULL,"
                + " ADD COLUMN role VARCHAR(30) NULL, ADD COLUMN language VARCHAR(35) NULL,"
                + " ADD COLUMN anonymised_at DATETIME(6) NULL");
        ddl.add("CREATE INDEX " + p + "registration_name_ix ON " + p + "registration (event_id, full_name)");
        ddl.add(participantView(p, "JSON_VALUE(r.data, '$.attendee.%s')"));
        ddl.add("CREATE VIEW " + p + "session_choice AS SELECT r.registration_id, r.event_id, s.session_id FROM " + p
                + "registration r, JSON_TABLE(r.data, '$.sessions[*]' COLUMNS (session_id VARCHAR(64) PATH '$')) AS s");
        ddl.add("CREATE VIEW " + p + "answer AS SELECT r.registration_id, r.event_id, k.question_id,"
                + " JSON_UNQUOTE(JSON_EXTRACT(r.data, CONCAT('$.answers.', JSON_QUOTE(k.question_id)))) AS answer"
                + " FROM " + p + "registration r, JSON_TABLE(JSON_KEYS(r.data, '$.answers'), '$[*]'"
                + " COLUMNS (question_id VARCHAR(200) PATH '$')) AS k");
        run(c, ddl);
        StoredColumns.fill(c, p);
    }

    /**
     * H2, which has neither JSON functions nor a Norwegian column collation: the views call Java
     * functions of {@link StoredColumns}, and the store orders names in Java.
     */
    public static void h2(Connection c, String p) throws SQLException {
        String functions = StoredColumns.class.getName();
        List<String> ddl = new ArrayList<>();
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN organiser_id VARCHAR(64)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN ends_at TIMESTAMP(6)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN state VARCHAR(16)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN retention_done_at TIMESTAMP(6)");
        ddl.add("ALTER TABLE " + p + "event ADD COLUMN title VARCHAR(1000)");
        ddl.add("CREATE INDEX " + p + "event_organiser_ix ON " + p + "event (organiser_id, starts_at)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN full_name VARCHAR(300)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN organisation_name VARCHAR(300)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN organisation_number VARCHAR(9)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN sector VARCHAR(30)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN role VARCHAR(30)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN language VARCHAR(35)");
        ddl.add("ALTER TABLE " + p + "registration ADD COLUMN anonymised_at TIMESTAMP(6)");
        ddl.add("CREATE INDEX " + p + "registration_name_ix ON " + p + "registration (event_id, full_name)");
        ddl.add("CREATE ALIAS " + p + "attendee_text FOR '" + functions + ".attendeeText'");
        ddl.add("CREATE ALIAS " + p + "session_rows FOR '" + functions + ".sessionRows'");
        ddl.add("CREATE ALIAS " + p + "answer_rows FOR '" + functions + ".answerRows'");
        ddl.add(participantView(p, p + "attendee_text(r.data, '%s')"));
        ddl.add("CREATE VIEW " + p + "session_choice AS SELECT * FROM " + p + "session_rows('" + p + "')");
        ddl.add("CREATE VIEW " + p + "answer AS SELECT * FROM " + p + "answer_rows('" + p + "')");
        run(c, ddl);
        StoredColumns.fill(c, p);
    }

    /**
     * The participant view: the columns, or for a row no node of version 10 has written yet the
     * attendee's JSON ({@code json} formats a field name into an expression); personal values NULL
     * once anonymised, even if a node of version 9 anonymised it.
     */
    private static String participantView(String p, String json) {
        return "CREATE VIEW " + p + "participant AS SELECT r.registration_id, r.event_id, r.status, r.created_at,"
                + " r.waitlist_sequence,"
                + personal("COALESCE(r.full_name, " + json.formatted("name") + ")") + " AS full_name,"
                + personal("COALESCE(r.email, LOWER(" + json.formatted("email") + "))") + " AS email,"
                + personal("COALESCE(r.organisation_name, " + json.formatted("organisationName") + ")")
                + " AS organisation_name,"
                + personal("COALESCE(r.organisation_number, " + json.formatted("organisationNumber") + ")")
                + " AS organisation_number,"
                + " COALESCE(r.sector, " + json.formatted("sector") + ") AS sector,"
                + " COALESCE(r.role, " + json.formatted("role") + ") AS role,"
                + " r.language, r.anonymised_at,"
                + " CASE WHEN " + ANONYMISED + " THEN 1 ELSE 0 END AS anonymised"
                + " FROM " + p + "registration r";
    }

    private static String personal(String expression) {
        return " CASE WHEN " + ANONYMISED + " THEN NULL ELSE " + expression + " END";
    }

    private static String firstCollation(Connection c, String... names) throws SQLException {
        for (String name : names) {
            try (var ps = c.prepareStatement("SELECT 1 FROM pg_collation WHERE collname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return name;
                    }
                }
            }
        }
        return null;
    }

    private static void run(Connection c, List<String> ddl) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : ddl) {
                s.execute(statement);
            }
        }
    }
}
