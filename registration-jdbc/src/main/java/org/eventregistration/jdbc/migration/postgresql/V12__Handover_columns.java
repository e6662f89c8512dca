package org.eventregistration.jdbc.migration.postgresql;

import org.eventregistration.jdbc.migration.HandoverColumnsDdl;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Schema version 12 (postgresql): the hand-over columns and their indexes, filled for existing
 * rows with an offer to a colleague; see {@link HandoverColumnsDdl}. Found by Flyway in this database's migration location; not API.
 */
public class V12__Handover_columns extends BaseJavaMigration {
    /** Created by Flyway. */
    public V12__Handover_columns() {}

    @Override
    public void migrate(Context context) throws Exception {
        String prefix = context.getConfiguration().getPlaceholders().getOrDefault("prefix", "");
        HandoverColumnsDdl.postgresql(context.getConnection(), prefix);
    }
}
