package org.eventregistration.jdbc;

import org.junit.jupiter.api.DisplayName;

@DisplayName("[h2] RegistrationStore contract on JdbcRegistrationStore")
class H2JdbcStoreContractTest extends JdbcStoreContractSupport {
    private final TestDatabases.TestDatabase database = TestDatabases.h2();

    @Override
    TestDatabases.TestDatabase database() {
        return database;
    }
}
