package org.eventregistration.spring;

import org.junit.jupiter.api.DisplayName;
import org.springframework.boot.test.context.SpringBootTest;

@DisplayName("Spring transactions [h2]")
@SpringBootTest(
        classes = TestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:spring-transactions;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=30000",
            "spring.datasource.hikari.maximum-pool-size=12",
            "registration.jobs.enabled=false"
        })
class H2SpringTransactionsTest extends SpringTransactionsContract {}
