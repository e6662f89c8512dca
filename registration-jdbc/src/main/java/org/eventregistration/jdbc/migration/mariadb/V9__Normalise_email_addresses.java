package org.eventregistration.jdbc.migration.mariadb;

import org.eventregistration.jdbc.migration.StoredEmails;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 9 (mariadb): e-mail addresses compared after Unicode NFKC; see {@link StoredEmails}.
 * Found by Flyway in this database's migration location; not API.
 */
public class V9__Normalise_email_addresses extends BaseJavaMigration {
    /** Created by Flyway. */
    public V9__Normalise_email_addresses() {}

    @Override
    public void migrate(Context context) throws Exception {
        String prefix = context.getConfiguration().getPlaceholders().getOrDefault("prefix", "");
        StoredEmails.normalise(context.getConnection(), prefix);
    }
}
