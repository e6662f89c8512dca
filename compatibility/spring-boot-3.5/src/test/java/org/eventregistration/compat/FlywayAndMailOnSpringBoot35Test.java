package org.eventregistration.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.mail.MailNotifier;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * On Spring Boot 3.5 with the Flyway, HikariCP and H2 versions Boot 3.5 manages: Boot's own Flyway
 * auto-configuration beside the store's migrations, and the starter's mail notifier reaching an
 * SMTP server.
 */
class FlywayAndMailOnSpringBoot35Test {
    private GreenMail smtp;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp"));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    private static ApplicationContextRunner app(String url) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class,
                        org.eventregistration.spring.RegistrationAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=" + url,
                        "spring.flyway.locations=classpath:db/app-migration",
                        "registration.jobs.enabled=false");
    }

    @Test
    void theVersionsAreBoot35s() {
        assertThat(jar(FlywayException.class)).startsWith("flyway-core-11.");
        assertThat(jar(com.zaxxer.hikari.HikariDataSource.class)).startsWith("HikariCP-6.");
        assertThat(jar(org.h2.Driver.class)).startsWith("h2-2.3.");
    }

    @Test
    void boot35sFlywayAndTheStoresMigrationsBothRunAndStartAgain() {
        String url = "jdbc:h2:mem:flyway35" + newId() + ";DB_CLOSE_DELAY=-1";
        for (int start = 1; start <= 2; start++) {
            app(url).run(context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(RegistrationService.class);
                DataSource dataSource = context.getBean(DataSource.class);
                assertThat(versions(dataSource, "\"flyway_schema_history\"")).isEqualTo("1");
                assertThat(versions(dataSource, "\"reg_schema_history\"")).contains("1,2,3,4,5,6,7,8,9");
                // The store works on the tables it migrated with Flyway 11.
                RegistrationService service = context.getBean(RegistrationService.class);
                Event event = saveOpenEvent(service);
                assertThat(service.register(request(event, "a" + newId() + "@example.org")))
                        .isInstanceOf(RegistrationOutcome.Confirmed.class);
            });
        }
    }

    @Test
    void theMailNotifierSendsTheConfirmationThroughBoot35sMailProperties() throws Exception {
        String url = "jdbc:h2:mem:mail35" + newId() + ";DB_CLOSE_DELAY=-1";
        app(url).withPropertyValues(
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + smtp.getSmtp().getPort(),
                        "spring.mail.properties.mail.smtp.starttls.enable=false",
                        "registration.mail.base-url=https://pamelding.kommune.example",
                        "registration.mail.from=pamelding@kommune.example")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(MailNotifier.class);
                    RegistrationService service = context.getBean(RegistrationService.class);
                    Event event = saveOpenEvent(service);
                    assertThat(service.register(request(event, "kari@example.org")))
                            .isInstanceOf(RegistrationOutcome.Confirmed.class);
                    service.deliverPendingNotifications();

                    assertThat(smtp.waitForIncomingEmail(5_000, 1)).isTrue();
                    MimeMessage mail = smtp.getReceivedMessages()[0];
                    assertThat(mail.getAllRecipients()[0].toString()).contains("<kari@example.org>");
                    assertThat(mail.getFrom()[0].toString()).contains("pamelding@kommune.example");
                    assertThat(mail.getSubject()).contains("Fagdag");
                });
    }

    /** The file name of the jar a class was loaded from. */
    private static String jar(Class<?> type) {
        String path = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String versions(DataSource dataSource, String historyTable) throws SQLException {
        StringBuilder versions = new StringBuilder();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"version\" FROM " + historyTable
                        + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            while (rs.next()) {
                versions.append(versions.isEmpty() ? "" : ",").append(rs.getString(1));
            }
        }
        return versions.toString();
    }

    private static String newId() {
        return Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    private static Event saveOpenEvent(RegistrationService service) {
        ZonedDateTime start =
                ZonedDateTime.now(ZoneId.of("Europe/Oslo")).plusDays(60).withNano(0);
        Event event = Event.builder(EventId.of("e" + newId()))
                .title(LocalizedText.of("Fagdag"))
                .schedule(start, start.plusHours(6))
                .host(Organisation.of("Asker kommune", "944382038"))
                .registrationWindow(Instant.now().minus(Duration.ofDays(1)), start.toInstant())
                .capacity(CapacityPolicy.seats(10))
                .build();
        service.console(OrganiserId.DEFAULT, "ola.arrangor").saveEvent(event);
        return event;
    }

    private static RegistrationRequest request(Event event, String email) {
        return RegistrationRequest.builder(event.id())
                .name("Kari Nordmann")
                .email(email)
                .organisation("Asker kommune", "944382038")
                .sector(Sector.MUNICIPALITY)
                .role(Role.MIDDLE_MANAGER)
                .addressVerified(true)
                .build();
    }
}
