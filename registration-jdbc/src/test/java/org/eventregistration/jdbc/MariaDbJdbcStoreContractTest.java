package org.eventregistration.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("[mariadb] RegistrationStore contract on JdbcRegistrationStore")
class MariaDbJdbcStoreContractTest extends JdbcStoreContractSupport {
    private final TestDatabases.TestDatabase database = TestDatabases.mariadb();

    @Override
    TestDatabases.TestDatabase database() {
        return database;
    }
}
