package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.event.EventId;
import org.eventregistration.mail.MailNotifier;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With {@code spring.mail.host} set, the portal's own {@link MailNotifier} (from {@link
 * MailConfiguration}) and the registration starter's would both qualify: the starter's backs off,
 * so each notification goes out once. The whole portal, on the starter's JDBC store (H2 in memory),
 * sending to an SMTP server the test runs.
 */
class MailWithTheStarterTest {

    @Test
    void aConfiguredMailHostGetsEachEmailOnceAndNoDemoMailboxRuns() {
        String database =
                "mailstarter" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        try (DemoMailbox smtp = new DemoMailbox();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(PortalApplication.class)
                        .profiles("demo", "webtest")
                        .run(
                                "--spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                                "--spring.mail.host=127.0.0.1",
                                "--spring.mail.port=" + smtp.port(),
                                "--spring.mail.properties.mail.smtp.starttls.enable=false",
                                "--portal.jobs.enabled=false",
                                "--server.port=0")) {
            assertThat(context.getBeansOfType(DemoMailbox.class)).isEmpty();
            assertThat(context.getBeansOfType(MailNotifier.class)).containsOnlyKeys("mailNotifier");
            assertThat(context.getBeansOfType(RegistrationListener.class).values())
                    .filteredOn(MailNotifier.class::isInstance)
                    .hasSize(1);
            assertThat(context.getBean(RegistrationStore.class).getClass().getSimpleName())
                    .isEqualTo("JdbcRegistrationStore");

            String email = "ola.once@asker.example";
            RegistrationService service = context.getBean(RegistrationService.class);
            RegistrationOutcome outcome = service.register(RegistrationRequest.builder(EventId.of("feiltrinn"))
                    .addressVerified(true)
                    .name("Ola Once")
                    .email(email)
                    .organisation("Asker kommune", "944382038")
                    .sector(Sector.MUNICIPALITY)
                    .role(Role.LEADER)
                    .answer("deltakelse", "fysisk")
                    .build());
            assertThat(outcome).isNotInstanceOf(RegistrationOutcome.Invalid.class);
            service.deliverPendingNotifications(); // anything still pending goes out now, not later

            assertThat(smtp.messages())
                    .filteredOn(m -> m.to().toLowerCase(Locale.ROOT).contains(email))
                    .hasSize(1);
        }
    }
}
