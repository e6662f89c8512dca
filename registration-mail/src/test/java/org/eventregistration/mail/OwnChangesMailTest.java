package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.eventregistration.event.Session;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.TakeoverOutcome;
import org.junit.jupiter.api.Test;

/** The e-mails of the person's own changes: the change confirmed, a seat offered to a colleague, and handed over. */
class OwnChangesMailTest extends GreenMailSupport {

    @Test
    void a_changed_workshop_is_confirmed_in_nynorsk_with_the_new_workshop_and_a_manage_link() {
        define(event().session(Session.of(
                        "a",
                        LocalizedText.of("Verksted A", "Verkstad A", "Workshop A"),
                        event().build().start().plusHours(1),
                        event().build().start().plusHours(2),
                        5))
                .session(Session.of(
                        "b",
                        LocalizedText.of("Verksted B", "Verkstad B", "Workshop B"),
                        event().build().start().plusHours(1),
                        event().build().start().plusHours(2),
                        5))
                .build());
        RegistrationOutcome o = service.register(org.eventregistration.registration.RegistrationRequest.builder(EVENT)
                .name("Kari Nordmann")
                .email("kari@example.no")
                .session("a")
                .language(Languages.NYNORSK)
                .addressVerified(true)
                .build());
        ManageToken kari = ((RegistrationOutcome.Confirmed) o).manageToken();

        assertThat(service.changeChoices(kari, new ChoicesChange(Map.of(), Set.of("b"))))
                .isInstanceOf(ChangeOutcome.Changed.class);

        Mails changed = mailsTo("kari@example.no").get(1);
        assertThat(changed.subject()).isEqualTo("Endringa er lagra: Feilsteg");
        assertThat(changed.text())
                .contains("Endringane dine i påmeldinga til Feilsteg er lagra")
                .contains("Verkstad B");
        assertThat(changed.html()).contains("Verkstad B");
        assertThat(service.findByManageToken(new ManageToken(changed.token(PORTAL + "/manage/"))))
                .isPresent();
    }

    @Test
    void the_colleague_gets_the_offer_at_their_address_and_both_hear_when_it_is_taken() {
        define(event().build());
        ManageToken kari = ((RegistrationOutcome.Confirmed)
                        register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, true))
                .manageToken();

        assertThat(service.offerSeat(kari, new HandoverRequest("Ola Nordmann", "ola@example.no")))
                .isInstanceOf(HandoverOutcome.Offered.class);

        assertThat(mailsTo("kari@example.no")).hasSize(1); // the confirmation only: Kari keeps the seat
        Mails offer = mailsTo("ola@example.no").get(0);
        assertThat(offer.subject()).isEqualTo("Kari Nordmann vil gi deg plassen sin: Feiltrinn");
        assertThat(offer.text())
                .startsWith("Hei Ola Nordmann,")
                .contains("bekrefter du det via lenken innen tirsdag 3. november 2026 kl. 09.00 (CET)")
                .contains("fordi Kari Nordmann skrev inn e-postadressen din");
        assertThat(offer.ics()).isNull();
        ManageToken link = new ManageToken(offer.token(PORTAL + "/handover/"));

        TakeoverOutcome taken = service.takeOverSeat(link, Languages.ENGLISH);

        assertThat(taken).isInstanceOf(TakeoverOutcome.TakenOver.class);
        Mails handedOver = mailsTo("kari@example.no").get(1);
        assertThat(handedOver.subject()).isEqualTo("Kollegaen din har tatt over plassen din: Feiltrinn");
        assertThat(handedOver.icsContentType()).containsIgnoringCase("cancel");
        Mails welcome = mailsTo("ola@example.no").get(1);
        assertThat(welcome.subject()).isEqualTo("You are registered: Missteps");
        assertThat(service.findByManageToken(new ManageToken(welcome.token(PORTAL + "/manage/"))))
                .isPresent();
    }
}
