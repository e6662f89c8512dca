package org.eventregistration.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.tck.RegistrationStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs the store contract on one database: one pool and one table prefix per class, tables emptied
 * before each test, dropped at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoreContractSupport extends RegistrationStoreContract {
    private HikariDataSource pool;
    private String prefix;

    abstract TestDatabases.TestDatabase database();

    @Override
    protected RegistrationStore newStore() {
        TestDatabases.TestDatabase db = database().assumeReachable();
        if (pool == null) {
            pool = db.pool(db.name() + "-contract", threads() + 2);
            prefix = TestDatabases.newPrefix();
            JdbcRegistrationStore.migrate(pool, prefix);
        } else {
            TestDatabases.deleteRows(pool, prefix); // a new store below: nothing cached from before
        }
        return JdbcRegistrationStore.builder(pool).tablePrefix(prefix).build();
    }

    @AfterAll
    void dropTables() {
        if (pool != null) {
            TestDatabases.dropTables(pool, prefix);
            pool.close();
        }
    }
}
