package org.eventregistration.jdbc;

import java.util.Map;
import javax.sql.DataSource;
import org.eventregistration.spi.StoreException;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the store's migrations with Flyway. Flyway is an optional dependency: this class is loaded
 * only when a migration is asked for, so the store itself runs without Flyway on the class path.
 */
final class SchemaMigrator {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);

    private SchemaMigrator() {}

    /**
     * Migrates the tables with the prefix to the latest version, or to {@code target} if given
     * (for upgrade tests).
     */
    static void migrate(DataSource dataSource, Database database, String prefix, String target) {
        try {
            Class.forName("org.flywaydb.core.Flyway", false, SchemaMigrator.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(
                    "JdbcRegistrationStore.migrate() needs Flyway: add org.flywaydb:flyway-core"
                            + (database == Database.POSTGRESQL
                                    ? " and flyway-database-postgresql"
                                    : database == Database.MARIADB ? " and flyway-mysql" : "")
                            + ", or run the scripts in " + database.migrationLocation() + " yourself",
                    e);
        }
        FlywayRunner.run(dataSource, database, prefix, target);
    }

    /** Kept apart so that the Flyway classes are resolved only after the check above. */
    private static final class FlywayRunner {
        private FlywayRunner() {}

        static void run(DataSource dataSource, Database database, String prefix, String target) {
            var config = org.flywaydb.core.Flyway.configure(SchemaMigrator.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(database.migrationLocation())
                    .table(prefix + "schema_history")
                    .placeholders(Map.of("prefix", prefix))
                    // The database may hold other tables (the application's, other prefixes'):
                    // start a history for our prefix below version 1 so that V1 still runs.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .failOnMissingLocations(true);
            if (target != null) {
                config = config.target(target);
            }
            try {
                MigrateResult result = config.load().migrate();
                log.info(
                        "schema migrated: database={} prefix={} from={} to={} applied={}",
                        database,
                        prefix,
                        result.initialSchemaVersion,
                        result.targetSchemaVersion,
                        result.migrationsExecuted);
            } catch (FlywayException e) {
                throw new StoreException(
                        "JDBC store: migrating the tables with prefix '" + prefix + "' failed: " + e.getMessage(), e);
            }
        }
    }
}
