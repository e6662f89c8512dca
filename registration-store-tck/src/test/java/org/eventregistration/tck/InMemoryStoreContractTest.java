package org.eventregistration.tck;

import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.junit.jupiter.api.DisplayName;

@DisplayName("[memory] RegistrationStore contract")
class InMemoryStoreContractTest extends RegistrationStoreContract {
    @Override
    protected RegistrationStore newStore() {
        return new InMemoryRegistrationStore();
    }

    @Override
    protected int threads() {
        return 16;
    }
}
