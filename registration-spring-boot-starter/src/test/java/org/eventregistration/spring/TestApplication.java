package org.eventregistration.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A small Spring Boot application on the starter: a service with {@code @Transactional} methods
 * that register, a listener that records what it is told, and a data source that counts commits.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

    /** Commits on any connection of the application's data source. */
    static final AtomicInteger COMMITS = new AtomicInteger();

    @Bean
    static BeanPostProcessor countCommits() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource ds && !(bean instanceof CommitCounting)
                        ? new CommitCounting(ds)
                        : bean;
            }
        };
    }

    @Bean
    RecordingListener recordingListener() {
        return new RecordingListener();
    }

    @Bean
    Registrations registrations(RegistrationService service, RegistrationStore store, RecordingListener listener) {
        return new Registrations(service, store, listener);
    }

    /** What the application's listener bean was told, in order. */
    static final class RecordingListener implements RegistrationListener {
        final List<String> delivered = new CopyOnWriteArrayList<>();

        @Override
        public void onNotification(Notification notification) {}

        @Override
        public void onDelivery(Delivery delivery) {
            delivery.registration().ifPresent(r -> delivered.add(r.attendee().normalizedEmail()));
        }
    }

    /** The application's own transactional service. */
    @Service
    static class Registrations {
        private final RegistrationService service;
        private final RegistrationStore store;
        private final RecordingListener listener;

        Registrations(RegistrationService service, RegistrationStore store, RecordingListener listener) {
            this.service = service;
            this.store = store;
            this.listener = listener;
        }

        /** Registers inside the caller's transaction; what the store and listener said meanwhile. */
        @Transactional
        public InTransaction register(RegistrationRequest request) {
            boolean joins = store.joinsCallerTransactions();
            RegistrationOutcome outcome = service.register(request);
            return new InTransaction(outcome, joins, List.copyOf(listener.delivered));
        }

        /** Registers, then fails: the registration must roll back with the caller's transaction. */
        @Transactional
        public void registerThenFail(RegistrationRequest request) {
            RegistrationOutcome outcome = service.register(request);
            if (!(outcome instanceof RegistrationOutcome.Confirmed)) {
                throw new AssertionError("expected a seat inside the transaction, got " + outcome);
            }
            throw new IllegalStateException("the caller's own work failed");
        }
    }

    record InTransaction(RegistrationOutcome outcome, boolean joined, List<String> deliveredMeanwhile) {}

    /** A data source whose connections count their commits. */
    static final class CommitCounting extends DelegatingDataSource {
        CommitCounting(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return counting(super.getConnection());
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return counting(super.getConnection(user, password));
        }

        private static Connection counting(Connection c) {
            return (Connection) Proxy.newProxyInstance(
                    Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("commit")) {
                            COMMITS.incrementAndGet();
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
