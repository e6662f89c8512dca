package org.eventregistration.examples.portal;

import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Logs every notification next to the e-mails the {@code MailNotifier} sends (see {@link
 * MailConfiguration}): ids only, never names or addresses.
 */
@Component
public class LoggingNotificationListener implements RegistrationListener {
    private static final Logger log = LoggerFactory.getLogger(LoggingNotificationListener.class);

    @Override
    public void onNotification(Notification n) {
        log.info(
                "notification: kind={} event={} registration={} id={}",
                n.kind(),
                n.eventId(),
                n.registrationId(),
                n.id());
    }
}
