package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.service.OrganiserConsole;
import org.junit.jupiter.api.Test;

/** The check-in QR code in the messages that confirm a seat: inline, and it decodes to the check-in URL. */
class CheckInCodeMailTest extends GreenMailSupport {

    @Test
    void theConfirmationCarriesAQrCodeOfTheCheckInUrlThatIsNotTheManageLink() throws Exception {
        define(event().capacity(CapacityPolicy.seats(1)).build());
        RegistrationOutcome outcome = register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, true);
        Registration kari = ((RegistrationOutcome.Confirmed) outcome).registration();

        Mails seat = mailsTo("kari@example.no").get(0);
        String manage = seat.token(PORTAL + "/manage/");
        java.util.regex.Matcher inText = java.util.regex.Pattern.compile(
                        java.util.regex.Pattern.quote(PORTAL + "/check-in/") + "([A-Za-z0-9_-]+)")
                .matcher(seat.text());
        assertThat(inText.find()).as("check-in URL in the text part").isTrue();
        String checkIn = inText.group(1);
        assertThat(checkIn).isNotEqualTo(manage).hasSize(43);
        assertThat(seat.text()).contains("Innsjekking").contains(PORTAL + "/check-in/" + checkIn);
        assertThat(seat.html())
                .contains("src=\"cid:" + MailComposer.CHECK_IN_CONTENT_ID + "\"")
                .contains("alt=\"QR-kode for innsjekking ved inngangen\"");

        List<Part> images = images(seat.message());
        assertThat(images).hasSize(1);
        Part image = images.get(0);
        assertThat(((jakarta.mail.internet.MimeBodyPart) image).getContentID())
                .isEqualTo("<" + MailComposer.CHECK_IN_CONTENT_ID + ">");
        byte[] png;
        try (var in = image.getInputStream()) {
            png = in.readAllBytes();
        }
        assertThat(decode(png)).isEqualTo(PORTAL + "/check-in/" + checkIn);

        // The check-in link reaches the registration for the organiser's console, and manages nothing.
        OrganiserConsole console = service.console(org.eventregistration.event.OrganiserId.DEFAULT, "vert");
        assertThat(console.findByCheckInLink(new ManageToken(checkIn)))
                .map(Registration::id)
                .hasValue(kari.id());
        assertThat(service.findByManageToken(new ManageToken(checkIn))).isEmpty();
        assertThat(store.findLinkToken(new ManageToken(checkIn).hash()))
                .hasValueSatisfying(t -> assertThat(t.purpose()).isEqualTo(LinkPurpose.CHECK_IN));
    }

    @Test
    void aWaitingPersonGetsNoCode() throws Exception {
        define(event().capacity(CapacityPolicy.seats(1)).build());
        register("Ola Nordmann", "ola@example.no", Languages.NYNORSK, true);
        register("Siri Vik", "siri@example.no", Languages.NYNORSK, true);

        Mails ola = mailsTo("ola@example.no").get(0);
        assertThat(ola.text()).contains("Innsjekking");
        Mails waiting = mailsTo("siri@example.no").get(0);
        assertThat(images(waiting.message())).isEmpty();
        assertThat(waiting.text()).doesNotContain("/check-in/");
        assertThat(waiting.header("Content-Type")).startsWith("multipart/alternative");
    }

    @Test
    void theQrCodeDecodesForALongUrl() throws Exception {
        String url = "https://kommune.example/pamelding/organiser/check-in/" + "x".repeat(43);
        assertThat(decode(QrCode.png(url))).isEqualTo(url);
    }

    private static String decode(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        // The PNG is the code alone, pixel for pixel: read as such. ZXing's detector for codes in a
        // photo misses the finder patterns of about 2% of these perfect images (it depends on the
        // random token, at any pixel size), which made this test fail now and then.
        return new QRCodeReader()
                .decode(
                        new BinaryBitmap(new HybridBinarizer(source)),
                        Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE))
                .getText();
    }

    private static List<Part> images(Part part) throws Exception {
        List<Part> found = new ArrayList<>();
        String type = part.getContentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                found.addAll(images(child));
            }
        } else if (type.startsWith("image/")) {
            found.add(part);
        }
        return found;
    }
}
