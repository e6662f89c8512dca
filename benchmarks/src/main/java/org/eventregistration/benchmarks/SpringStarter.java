package org.eventregistration.benchmarks;

import javax.sql.DataSource;
import org.eventregistration.service.RegistrationService;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The library as a Spring Boot application gets it from {@code registration-spring-boot-starter}:
 * a real Spring context (no web) with Boot's auto-configuration, whose {@code DataSource} is the
 * harness's pool; each attempt calls the starter's {@link RegistrationService} bean.
 *
 * <ul>
 *   <li>{@code spring}: outside any Spring transaction, as a controller without {@code
 *       @Transactional} calls it: the store runs its own transactions and combines concurrent
 *       registrations, as {@code ours} does.
 *   <li>{@code spring-tx}: inside a transaction of Boot's {@code DataSourceTransactionManager}
 *       ({@link TransactionTemplate}, what {@code @Transactional} does): the registration joins it
 *       and commits with it, so there is no combining: one transaction and one commit per person.
 * </ul>
 *
 * The tables, events, invariant checks and clean-up are those of {@link Ours}, on the same prefix.
 */
final class SpringStarter implements Strategy, AutoCloseable {
    private final boolean inTransaction;
    private final Ours tables = new Ours();
    private ConfigurableApplicationContext context;
    private RegistrationService service;
    private TransactionTemplate transaction;

    SpringStarter(boolean inTransaction) {
        this.inTransaction = inTransaction;
    }

    @Override
    public String name() {
        return inTransaction ? "spring-tx" : "spring";
    }

    @Override
    public void prepare(Database db, DataSource ds, Scenario scenario) throws Exception {
        tables.prepare(db, ds, scenario);
        context = new SpringApplicationBuilder(Application.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .initializers(c -> c.getBeanFactory().registerSingleton("dataSource", ds))
                .properties(
                        "spring.main.banner-mode=off",
                        "registration.table-prefix=" + tables.tablePrefix(),
                        // Ours has migrated these tables; the store's Flyway only checks them.
                        "registration.migrate=true",
                        "registration.jobs.enabled=false")
                .run();
        service = context.getBean(RegistrationService.class);
        transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    @Override
    public boolean attempt(int event, int attempt) {
        var request = tables.request(event, attempt);
        if (!inTransaction) {
            return Ours.confirmed(service.register(request));
        }
        Boolean confirmed = transaction.execute(status -> Ours.confirmed(service.register(request)));
        return Boolean.TRUE.equals(confirmed);
    }

    @Override
    public void verify(int confirmed, int waitlisted) {
        tables.verify(confirmed, waitlisted);
    }

    @Override
    public void close() throws java.sql.SQLException {
        if (context != null) {
            context.close();
        }
        tables.close();
    }

    /** The application: Boot's auto-configuration, the starter's included, and nothing of its own. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {}
}
