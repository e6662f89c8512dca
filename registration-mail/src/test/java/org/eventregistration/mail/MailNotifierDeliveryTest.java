package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Properties;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.Notification.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The notifier with deliveries made by hand: what the service would never let through. */
class MailNotifierDeliveryTest {
    static final int PORT = MailNotifierTest.freePort();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", "smtp"));

    static MailNotifier.Builder notifier(int port) {
        return MailNotifier.builder()
                .smtp("127.0.0.1", port)
                .startTls(false)
                .timeout(Duration.ofSeconds(2))
                .from("pamelding@digdir.example", "Digdir")
                .links(LinkFormat.of("https://portal.example"));
    }

    Delivery delivery(Kind kind, Registration r) {
        return Fixtures.delivery(
                Fixtures.notification(kind), MailNotifierTest.event().build(), r);
    }

    @Test
    void line_breaks_in_a_stored_name_cannot_add_headers() throws Exception {
        Registration r =
                Fixtures.confirmed("Eve\r\nBcc: victim@example.org\r\nX-Evil: 1", "eve@example.no", Languages.BOKMAL);
        notifier(PORT).build().onDelivery(delivery(Kind.CONFIRMED, r));

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        Mails m = Mails.of(greenMail.getReceivedMessages()[0]);
        assertThat(m.header("Bcc")).isNull();
        assertThat(m.header("X-Evil")).isNull();
        InternetAddress to = (InternetAddress) m.message().getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo("Eve Bcc: victim@example.org X-Evil: 1");
    }

    @Test
    void a_duplicate_delivery_carries_the_same_message_id() throws Exception {
        MailNotifier mail = notifier(PORT).build();
        Registration r = Fixtures.confirmed("Kari Nordmann", "kari@example.no", Languages.BOKMAL);
        Notification n = Fixtures.notification(Kind.LINK_REQUESTED);
        Delivery d = Fixtures.delivery(n, MailNotifierTest.event().build(), r);
        mail.onDelivery(d);
        mail.onDelivery(d);

        var received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo("<n-link_requested@digdir.example>");
        assertThat(received[1].getMessageID()).isEqualTo(received[0].getMessageID());
        assertThat(mail.messageId(n)).isEqualTo(received[0].getMessageID());
    }

    @Test
    void kinds_not_sent_and_bad_addresses_send_nothing_and_do_not_throw() {
        MailNotifier closed = notifier(MailNotifierTest.freePort()).build();
        Registration r = Fixtures.confirmed("Kari Nordmann", "kari@example.no", Languages.BOKMAL);
        assertThatCode(() -> closed.onDelivery(delivery(Kind.CHECKED_IN, r))).doesNotThrowAnyException();
        assertThatCode(() -> closed.onDelivery(delivery(Kind.NO_SHOW, r))).doesNotThrowAnyException();
        assertThatCode(() -> closed.onNotification(Fixtures.notification(Kind.CONFIRMED)))
                .doesNotThrowAnyException();
        Registration bad = Fixtures.confirmed("Kari", "not an address@@", Languages.BOKMAL);
        assertThatCode(() -> closed.onDelivery(delivery(Kind.CONFIRMED, bad))).doesNotThrowAnyException();
        // An offer that is no longer open is not announced.
        assertThatCode(() -> closed.onDelivery(delivery(Kind.OFFERED, r))).doesNotThrowAnyException();
    }

    @Test
    void a_server_that_is_not_there_is_a_mail_delivery_exception_without_personal_data() {
        MailNotifier closed = notifier(MailNotifierTest.freePort()).build();
        Registration r = Fixtures.confirmed("Kari Nordmann", "kari@example.no", Languages.BOKMAL);
        assertThatThrownBy(() -> closed.onDelivery(delivery(Kind.CONFIRMED, r)))
                .isInstanceOf(MailDeliveryException.class)
                .hasMessageContaining("n-confirmed")
                .hasMessageNotContaining("kari")
                .satisfies(e ->
                        assertThat(((MailDeliveryException) e).notificationId()).isEqualTo("n-confirmed"));
    }

    @Test
    void checked_in_is_sent_when_asked_for_and_an_application_session_works() {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", Integer.toString(PORT));
        MailNotifier mail = MailNotifier.builder()
                .session(Session.getInstance(props))
                .from("pamelding@digdir.example", "Digdir")
                .links(LinkFormat.of("https://portal.example"))
                .kinds(EnumSet.allOf(Kind.class))
                .build();
        mail.onDelivery(delivery(Kind.CHECKED_IN, Fixtures.confirmed("Kari", "kari@example.no", Languages.NYNORSK)));
        assertThat(Mails.of(greenMail.getReceivedMessages()[0]).subject()).isEqualTo("Velkomen til Feilsteg");
    }

    @Test
    void the_builder_explains_what_is_wrong() {
        assertThatThrownBy(() -> MailNotifier.builder().build()).hasMessageContaining("SMTP server");
        assertThatThrownBy(() -> MailNotifier.builder().smtp("h", 0)).hasMessageContaining("0");
        assertThatThrownBy(() -> MailNotifier.builder().smtp("h", 25).smtp("h", 25))
                .hasMessageContaining("already set");
        assertThatThrownBy(() -> MailNotifier.builder().from("no-at-sign", "X")).hasMessageContaining("no-at-sign");
        assertThatThrownBy(() ->
                        MailNotifier.builder().smtp("h", 25).from("a@b.no", "A").build())
                .hasMessageContaining("link format");
        assertThatThrownBy(() -> MailNotifier.builder()
                        .session(Session.getInstance(new Properties()))
                        .startTls(false)
                        .from("a@b.no", "A")
                        .links(LinkFormat.of("https://p.example"))
                        .build())
                .hasMessageContaining("session");
    }
}
