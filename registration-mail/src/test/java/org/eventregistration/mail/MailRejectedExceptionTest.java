package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

class MailRejectedExceptionTest {

    @Test
    void aFiveHundredReplyToTheRecipientIsPermanentAndEverythingElseIsNot() throws Exception {
        InternetAddress to = new InternetAddress("nobody@example.org");
        SendFailedException refused = new SendFailedException(
                "Invalid Addresses", new SMTPAddressFailedException(to, "RCPT TO", 550, "5.1.1 no such user"));
        SendFailedException greylisted = new SendFailedException(
                "Invalid Addresses", new SMTPAddressFailedException(to, "RCPT TO", 450, "4.2.0 try later"));

        assertThat(MailRejectedException.permanent(refused)).isTrue();
        assertThat(MailRejectedException.permanent(
                        new SMTPAddressFailedException(to, "RCPT TO", 553, "5.1.3 bad address")))
                .isTrue();
        assertThat(MailRejectedException.permanent(greylisted)).isFalse();
        assertThat(MailRejectedException.permanent(new MessagingException("connection refused")))
                .isFalse();
    }

    @Test
    void theDescriptionKeepsTheClassesAndReplyCodesButNotTheServersTextWithTheAddress() throws Exception {
        InternetAddress to = new InternetAddress("kari.nordmann@example.org");
        SendFailedException refused = new SendFailedException(
                "Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 550, "5.1.1 <kari.nordmann@example.org> unknown"));
        String described = SmtpReplies.describe(refused);
        assertThat(described)
                .isEqualTo("SendFailedException < SMTPAddressFailedException (SMTP 550)")
                .doesNotContain("kari");
    }
}
