package org.eventregistration.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Properties;

/**
 * Hands a message to the SMTP server: either a {@link Session} the application configured, or one
 * made here from host, port, credentials and STARTTLS, with timeouts so that a server that hangs
 * does not hang the thread that registered someone.
 */
final class SmtpSender {
    private final Session session;
    private final String user;
    private final String password;

    private SmtpSender(Session session, String user, String password) {
        this.session = session;
        this.user = user;
        this.password = password;
    }

    /** Sends through a session the application made; its own properties and authenticator apply. */
    static SmtpSender of(Session session) {
        return new SmtpSender(session, null, null);
    }

    /** Sends to {@code host:port}; {@code user} null for no authentication. */
    static SmtpSender of(String host, int port, String user, String password, boolean startTls, Duration timeout) {
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", "smtp");
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.auth", Boolean.toString(user != null));
        props.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
        props.setProperty("mail.smtp.starttls.required", Boolean.toString(startTls));
        if (startTls) {
            props.setProperty("mail.smtp.ssl.checkserveridentity", "true");
        }
        String millis = Long.toString(timeout.toMillis());
        props.setProperty("mail.smtp.connectiontimeout", millis);
        props.setProperty("mail.smtp.timeout", millis);
        props.setProperty("mail.smtp.writetimeout", millis);
        return new SmtpSender(Session.getInstance(props), user, password);
    }

    Session session() {
        return session;
    }

    void send(MimeMessage message) throws MessagingException {
        if (user != null) {
            Transport.send(message, user, password);
        } else {
            Transport.send(message);
        }
    }

    @Override
    public String toString() {
        return "SmtpSender[" + session.getProperty("mail.smtp.host") + ":" + session.getProperty("mail.smtp.port")
                + (user != null ? ", authenticated" : "") + "]";
    }
}
