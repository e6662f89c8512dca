package org.eventregistration.examples.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventregistration.mail.MailNotifier;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which mail set-up the portal gets: the demo mailbox without {@code spring.mail.host}, the configured SMTP server with it. */
class MailConfigurationTest {
    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(MailConfiguration.class, Properties.class);

    /** The portal's properties, as the application binds them. */
    @org.springframework.boot.context.properties.EnableConfigurationProperties(PortalProperties.class)
    static class Properties {}

    @Test
    void withoutAMailHostTheDemoMailboxRunsAndReceives() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(DemoMailbox.class).hasSingleBean(MailNotifier.class);
            assertThat(context.getBean(DemoMailbox.class).port()).isPositive();
            assertThat(context.getBean(DemoMailbox.class).messages()).isEmpty();
        });
    }

    @Test
    void withAMailHostThereIsNoDemoMailbox() {
        runner.withPropertyValues(
                        "spring.mail.host=smtp.kommune.example",
                        "spring.mail.port=587",
                        "spring.mail.username=pamelding",
                        "spring.mail.password=hemmelig",
                        "portal.base-url=https://pamelding.kommune.example",
                        "portal.mail.from=pamelding@kommune.example")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(DemoMailbox.class).hasSingleBean(MailNotifier.class);
                    assertThat(context.getBean(MailNotifier.class).toString()).doesNotContain("hemmelig");
                });
    }

    @Test
    void plainHttpLinksAreRefusedExceptOnLocalhost() {
        runner.withPropertyValues(
                        "spring.mail.host=smtp.kommune.example", "portal.base-url=http://pamelding.kommune.example")
                .run(context -> assertThat(context).hasFailed());
    }
}
