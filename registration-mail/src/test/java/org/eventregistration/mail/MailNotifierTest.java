package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.ICalendar;
import biweekly.component.VEvent;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;
import org.junit.jupiter.api.Test;

/** The person's e-mails from a real RegistrationService through a real SMTP server (GreenMail). */
class MailNotifierTest extends GreenMailSupport {

    @Test
    void bokmal_confirmation_link_confirms_and_the_confirmed_mail_carries_a_working_manage_link_and_calendar()
            throws Exception {
        define(event().build());
        RegistrationOutcome outcome = register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, false);
        assertThat(outcome).isInstanceOf(RegistrationOutcome.AwaitingAddressConfirmation.class);

        Mails confirm = mailsTo("kari@example.no").get(0);
        InternetAddress to = (InternetAddress) confirm.message().getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo("Kari Nordmann");
        assertThat(confirm.subject()).isEqualTo("Bekreft e-postadressen din: Feiltrinn");
        assertThat(confirm.text())
                .startsWith("Hei Kari Nordmann,")
                .contains("fredag 11. desember 2026 kl. 09.00–16.00 (CET)")
                .contains("innen mandag 2. november 2026 kl. 09.30 (CET)")
                .contains("Har du ikke meldt deg på, kan du se bort fra denne e-posten");
        assertThat(confirm.html()).contains("lang=\"nb\"").contains("Bekreft e-postadressen");
        assertThat(confirm.ics()).isNull();
        assertThat(confirm.header("Content-Type")).startsWith("multipart/alternative");
        assertThat(confirm.header("Auto-Submitted")).isEqualTo("auto-generated");
        assertThat(confirm.header("Reply-To")).isEqualTo("kurs@digdir.example");
        Notification addressConfirmation = last(Notification.Kind.ADDRESS_CONFIRMATION);
        assertThat(confirm.header("Message-ID")).isEqualTo("<" + addressConfirmation.id() + "@digdir.example>");
        assertThat(confirm.header("X-Registration-Notification")).isEqualTo(addressConfirmation.id());

        String confirmToken = confirm.token(PORTAL + "/confirm/");
        Registration confirmed = service.confirmAddress(new ManageToken(confirmToken));
        assertThat(confirmed.status()).isEqualTo(RegistrationStatus.CONFIRMED);

        Mails seat = mailsTo("kari@example.no").get(1);
        assertThat(seat.subject()).isEqualTo("Du er påmeldt: Feiltrinn");
        assertThat(seat.text())
                .contains("Påmeldingen din til Feiltrinn er bekreftet")
                .contains("kalenderoppføring");
        String manageToken = seat.token(PORTAL + "/manage/");
        assertThat(service.findByManageToken(new ManageToken(manageToken)))
                .map(Registration::id)
                .contains(confirmed.id());
        assertThat(seat.header("Content-Type")).startsWith("multipart/mixed");
        assertThat(seat.icsContentType()).contains("method=PUBLISH");

        VEvent vevent = seat.calendar().getEvents().get(0);
        ICalendar ical = seat.calendar();
        assertThat(ical.getMethod().getValue()).isEqualTo("PUBLISH");
        assertThat(vevent.getUid().getValue()).isEqualTo(confirmed.id().value() + "@digdir.example");
        assertThat(vevent.getSequence().getValue()).isZero();
        assertThat(vevent.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2026-12-11T08:00:00Z"));
        assertThat(vevent.getDateEnd().getValue().toInstant()).isEqualTo(Instant.parse("2026-12-11T15:00:00Z"));
        assertThat(seat.ics())
                .contains("DTSTART;TZID=Europe/Oslo:20261211T090000")
                .contains("BEGIN:VTIMEZONE");
        assertThat(vevent.getSummary().getValue()).isEqualTo("Feiltrinn");
        assertThat(vevent.getLocation().getValue()).isEqualTo("Oslo kongressenter, Youngs gate 21, Oslo");
        assertThat(vevent.getUrl().getValue()).isEqualTo(PORTAL + "/manage/" + manageToken);
    }

    @Test
    void nynorsk_waiting_list_mail_names_the_position_and_promotion_sends_the_seat() {
        define(event().build());
        register("Ola Nordmann", "ola@example.no", Languages.BOKMAL, true);
        RegistrationOutcome waiting = register("Siri Vik", "siri@example.no", Languages.NYNORSK, true);
        assertThat(waiting).isInstanceOf(RegistrationOutcome.Waitlisted.class);

        Mails waitlisted = mailsTo("siri@example.no").get(0);
        assertThat(waitlisted.subject()).isEqualTo("Du står på venteliste: Feilsteg");
        assertThat(waitlisted.text())
                .startsWith("Hei Siri Vik,")
                .contains("du står som nummer 1 på ventelista")
                .contains("Stad: Oslo kongressenter")
                .contains("Helsing");
        assertThat(waitlisted.html()).contains("lang=\"nn\"").contains("nummer 1 på ventelista");
        String manage = waitlisted.token(PORTAL + "/manage/");
        assertThat(service.waitingPosition(new ManageToken(manage))).hasValue(1);

        String olaToken = mailsTo("ola@example.no").get(0).token(PORTAL + "/manage/");
        service.cancel(new ManageToken(olaToken));

        Mails cancelled = mailsTo("ola@example.no").get(1);
        assertThat(cancelled.subject()).isEqualTo("Du er avmeldt: Feiltrinn");
        assertThat(cancelled.icsContentType()).contains("method=CANCEL");
        VEvent cancel = cancelled.calendar().getEvents().get(0);
        assertThat(cancelled.calendar().getMethod().getValue()).isEqualTo("CANCEL");
        VEvent published =
                mailsTo("ola@example.no").get(0).calendar().getEvents().get(0);
        assertThat(cancel.getUid().getValue()).isEqualTo(published.getUid().getValue());
        assertThat(cancel.getSequence().getValue()).isEqualTo(1);
        assertThat(cancel.getStatus().getValue()).isEqualTo("CANCELLED");

        Mails promoted = mailsTo("siri@example.no").get(1);
        assertThat(promoted.subject()).isEqualTo("Du har fått plass: Feilsteg");
        assertThat(promoted.text()).contains("Du er no påmeldt Feilsteg").contains("Meld deg av via lenkja innan");
        assertThat(promoted.calendar().getEvents().get(0).getSummary().getValue())
                .isEqualTo("Feilsteg");
    }

    @Test
    void english_offer_names_its_deadline_and_its_link_accepts_the_seat() {
        define(event().waitlist(WaitlistPolicy.offers(Duration.ofHours(48))).build());
        register("Ola Nordmann", "ola@example.no", Languages.BOKMAL, true);
        register("Jane Doe", "jane@example.com", Languages.ENGLISH, true);
        String olaToken = mailsTo("ola@example.no").get(0).token(PORTAL + "/manage/");
        service.cancel(new ManageToken(olaToken));

        List<Mails> jane = mailsTo("jane@example.com");
        assertThat(jane.get(0).subject()).isEqualTo("You are on the waiting list: Missteps");
        Mails offer = jane.get(1);
        assertThat(offer.subject()).isEqualTo("A seat is offered to you: Missteps");
        assertThat(offer.text())
                .startsWith("Hello Jane Doe,")
                .contains("held for you until Wednesday 4 November 2026 at 09:00 (CET)")
                .contains("When: Friday 11 December 2026 at 09:00–16:00 (CET)")
                .contains("Accept or decline the seat:");
        assertThat(offer.ics()).isNull();

        Registration accepted = service.acceptOffer(new ManageToken(offer.token(PORTAL + "/manage/")));
        assertThat(accepted.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        Mails seat = mailsTo("jane@example.com").get(2);
        assertThat(seat.subject()).isEqualTo("The seat is yours: Missteps");
        assertThat(seat.calendar().getEvents().get(0).getUid().getValue())
                .isEqualTo(accepted.id().value() + "@digdir.example");
    }

    @Test
    void hostile_names_and_titles_are_escaped_in_html_and_cannot_add_headers() throws Exception {
        define(event().title(LocalizedText.of("Kurs <b>\"fett\"</b>\r\nBcc: victim@example.org"))
                .build());
        String name = "<script>alert('x')</script> \"Ærlig\" O'Brien 李雷 Ðorđe";
        register(name, "eve@example.no", Languages.BOKMAL, true);

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        Mails m = mailsTo("eve@example.no").get(0);
        assertThat(m.message().getRecipients(Message.RecipientType.TO)).hasSize(1);
        assertThat(m.message().getRecipients(Message.RecipientType.BCC)).isNull();
        assertThat(m.header("Bcc")).isNull();
        assertThat(m.subject()).isEqualTo("Du er påmeldt: Kurs <b>\"fett\"</b> Bcc: victim@example.org");
        InternetAddress to = (InternetAddress) m.message().getRecipients(Message.RecipientType.TO)[0];
        assertThat(to.getPersonal()).isEqualTo(name);
        assertThat(to.getAddress()).isEqualTo("eve@example.no");
        assertThat(m.html())
                .doesNotContain("<script>")
                .doesNotContain("<b>")
                .contains("&lt;script&gt;")
                .contains("李雷 Ðorđe")
                .contains("Kurs &lt;b&gt;&quot;fett&quot;&lt;/b&gt;");
        assertThat(m.text()).contains("Hei " + name + ",");
    }

    @Test
    void smtp_down_leaves_the_notification_pending_and_it_is_sent_once_the_server_is_back() {
        define(event().build());
        greenMail.stop();

        RegistrationOutcome outcome = register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, true);

        assertThat(outcome).isInstanceOf(RegistrationOutcome.Confirmed.class);
        List<Notification> pending = store.pendingNotifications(10);
        assertThat(pending).extracting(Notification::kind).containsExactly(Notification.Kind.CONFIRMED);
        // Failed attempts wait before the next one: 1 minute, then 2.
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.deliverPendingNotifications()).isZero();

        greenMail.start();
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.deliverPendingNotifications()).isZero(); // not due yet
        clock.advance(Duration.ofMinutes(1));
        assertThat(service.deliverPendingNotifications()).isEqualTo(1);

        assertThat(store.pendingNotifications(10)).isEmpty();
        Mails sent = mailsTo("kari@example.no").get(0);
        assertThat(sent.header("Message-ID")).isEqualTo("<" + pending.get(0).id() + "@digdir.example>");
        String token = sent.token(PORTAL + "/manage/");
        assertThat(service.findByManageToken(new ManageToken(token))).isPresent();
    }

    @Test
    void data_request_link_works_for_24_hours_and_already_registered_carries_a_working_link() {
        define(event().build());
        register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, true);
        register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, true);

        Mails again = mailsTo("kari@example.no").get(1);
        assertThat(again.subject()).isEqualTo("Du er allerede påmeldt: Feiltrinn");
        assertThat(again.text()).contains("Du (eller noen som brukte e-postadressen din) prøvde å melde deg på");
        assertThat(service.findByManageToken(new ManageToken(again.token(PORTAL + "/manage/"))))
                .isPresent();

        service.requestPersonalData(EVENT, "kari@example.no");
        Mails data = mailsTo("kari@example.no").get(2);
        assertThat(data.subject()).isEqualTo("Innsyn i eller sletting av opplysningene dine");
        assertThat(data.text()).contains("Lenken virker i 24 timer, til tirsdag 3. november 2026 kl. 09.00 (CET)");
        String token = data.token(PORTAL + "/data/");
        assertThat(service.exportPersonalData(new ManageToken(token)).registrations())
                .hasSize(1);
    }
}
