package org.eventregistration.jdbc.migration.h2;

import org.eventregistration.jdbc.migration.RelationalColumnsDdl;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 10 (h2): relational columns and views beside the JSON, filled for existing
 * rows; see {@link RelationalColumnsDdl}. Found by Flyway in this database's migration location; not API.
 */
public class V10__Relational_columns extends BaseJavaMigration {
    /** Created by Flyway. */
    public V10__Relational_columns() {}

    @Override
    public void migrate(Context context) throws Exception {
        String prefix = context.getConfiguration().getPlaceholders().getOrDefault("prefix", "");
        RelationalColumnsDdl.h2(context.getConnection(), prefix);
    }
}
