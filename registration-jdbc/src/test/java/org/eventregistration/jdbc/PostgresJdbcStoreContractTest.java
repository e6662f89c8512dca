package org.eventregistration.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("[postgres] RegistrationStore contract on JdbcRegistrationStore")
class PostgresJdbcStoreContractTest extends JdbcStoreContractSupport {
    private final TestDatabases.TestDatabase database = TestDatabases.postgres();

    @Override
    TestDatabases.TestDatabase database() {
        return database;
    }
}
