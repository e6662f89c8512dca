package org.eventregistration.examples.portal;

import org.eventregistration.mail.LinkFormat;
import org.eventregistration.mail.MailNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * E-mail to the people who register: a {@link MailNotifier} as a listener of the
 * {@code RegistrationService}, configured with Spring Boot's standard {@code spring.mail.*}
 * properties ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}, {@code SPRING_MAIL_USERNAME},
 * {@code SPRING_MAIL_PASSWORD}, {@code spring.mail.properties.mail.smtp.starttls.enable}), plus
 * {@code portal.base-url} for the links and {@code portal.mail.from} / {@code portal.mail.from-name}.
 *
 * <p>With no {@code spring.mail.host} the portal starts a {@link DemoMailbox} (GreenMail in
 * process, no STARTTLS) and sends there; {@code /demo-mailbox} shows what arrived.
 */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {
    private static final Logger log = LoggerFactory.getLogger(MailConfiguration.class);

    /** The in-process SMTP server, only when no real one is configured. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
    public DemoMailbox demoMailbox() {
        DemoMailbox mailbox = new DemoMailbox();
        log.warn(
                "no spring.mail.host: e-mail goes to the in-process demo mailbox (127.0.0.1:{}), shown on /demo-mailbox",
                mailbox.port());
        return mailbox;
    }

    /** The person's e-mails, sent after each committed change. */
    @Bean
    public MailNotifier mailNotifier(Environment env, PortalProperties properties, ObjectProvider<DemoMailbox> demo) {
        MailNotifier.Builder builder = MailNotifier.builder();
        DemoMailbox mailbox = demo.getIfAvailable();
        if (mailbox != null) {
            builder.smtp("127.0.0.1", mailbox.port()).startTls(false);
        } else {
            builder.smtp(
                    env.getRequiredProperty("spring.mail.host").strip(),
                    env.getProperty("spring.mail.port", Integer.class, 587));
            String user = env.getProperty("spring.mail.username", "");
            if (!user.isBlank()) {
                builder.credentials(user, env.getProperty("spring.mail.password", ""));
            }
            builder.startTls(env.getProperty("spring.mail.properties.mail.smtp.starttls.enable", Boolean.class, true));
        }
        builder.from(
                env.getProperty("portal.mail.from", "pamelding@example.no"),
                env.getProperty("portal.mail.from-name", "Påmelding"));
        String replyTo = env.getProperty("portal.mail.reply-to", "");
        if (!replyTo.isBlank()) {
            builder.replyTo(replyTo);
        }
        builder.links(LinkFormat.of(properties.baseUrlText()));
        return builder.build();
    }
}
