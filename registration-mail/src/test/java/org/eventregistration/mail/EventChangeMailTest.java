package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.component.VEvent;
import java.util.EnumSet;
import java.util.List;
import org.eventregistration.event.Event;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.service.OrganiserConsole;
import org.junit.jupiter.api.Test;

/**
 * A moved event, a cancelled event and an organiser's message, as people receive them through a
 * real SMTP server: in their language, with the calendar entry updated or withdrawn.
 */
class EventChangeMailTest extends GreenMailSupport {

    private OrganiserConsole console() {
        return service.console(OrganiserId.DEFAULT, "admin");
    }

    private Event twoSeatsWithWaitingList() {
        Event event = event().capacity(org.eventregistration.capacity.CapacityPolicy.seats(1))
                .build();
        define(event);
        register("Kari Nordmann", "kari@example.no", Languages.BOKMAL, true); // seat
        register("Jane Doe", "jane@example.com", Languages.ENGLISH, true); // waiting list
        return event;
    }

    @Test
    void a_moved_event_sends_its_new_time_with_a_higher_sequence_to_the_seat_and_no_calendar_to_the_waiting()
            throws Exception {
        Event event = twoSeatsWithWaitingList();
        console()
                .saveEvent(event.toBuilder()
                        .schedule(event.start().plusDays(1), event.end().plusDays(1))
                        .venue(Venue.of("Sal B", "Storgata 1, Oslo"))
                        .build());
        assertThat(service.deliverPendingNotifications()).isEqualTo(2);

        List<Mails> kari = mailsTo("kari@example.no");
        assertThat(kari).hasSize(2);
        Mails changed = kari.get(1);
        assertThat(changed.subject()).isEqualTo("Endring i arrangementet: Feiltrinn");
        assertThat(changed.text())
                .contains("Arrangøren har endret tidspunkt, sted eller tittel for Feiltrinn")
                .contains("lørdag 12. desember 2026 kl. 09.00–16.00 (CET)")
                .contains("Sal B, Storgata 1, Oslo")
                .contains(PORTAL + "/manage/");
        assertThat(changed.calendar().getMethod().getValue()).isEqualTo("PUBLISH");
        VEvent updated = changed.calendar().getEvents().get(0);
        VEvent first = kari.get(0).calendar().getEvents().get(0);
        assertThat(updated.getUid().getValue()).isEqualTo(first.getUid().getValue());
        assertThat(first.getSequence().getValue()).isZero();
        assertThat(updated.getSequence().getValue()).isEqualTo(1);
        assertThat(updated.getDateStart().getValue().toInstant())
                .isEqualTo(event.start().plusDays(1).toInstant());
        assertThat(updated.getLocation().getValue()).isEqualTo("Sal B, Storgata 1, Oslo");

        Mails jane = mailsTo("jane@example.com").get(1);
        assertThat(jane.subject()).isEqualTo("Change to the event: Missteps");
        assertThat(jane.text()).contains("Saturday 12 December 2026");
        assertThat(jane.ics()).isNull();
    }

    @Test
    void a_cancelled_event_withdraws_the_calendar_entry_and_passes_on_the_organisers_note() throws Exception {
        Event event = twoSeatsWithWaitingList();
        assertThat(console().cancelEvent(event.id(), "Foredragsholderen er syk <i>dessverre</i>"))
                .isEqualTo(2);
        assertThat(service.deliverPendingNotifications()).isEqualTo(2);

        Mails kari = mailsTo("kari@example.no").get(1);
        assertThat(kari.subject()).isEqualTo("Avlyst: Feiltrinn");
        assertThat(kari.text())
                .contains("Feiltrinn er dessverre avlyst")
                .contains("Beskjed fra arrangøren: Foredragsholderen er syk <i>dessverre</i>")
                .doesNotContain(PORTAL + "/manage/");
        assertThat(kari.html())
                .contains("Foredragsholderen er syk &lt;i&gt;dessverre&lt;/i&gt;")
                .doesNotContain("<i>dessverre");
        assertThat(kari.icsContentType()).contains("method=CANCEL");
        VEvent cancel = kari.calendar().getEvents().get(0);
        assertThat(cancel.getSequence().getValue()).isEqualTo(1);
        assertThat(cancel.getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(cancel.getUid().getValue())
                .isEqualTo(mailsTo("kari@example.no")
                        .get(0)
                        .calendar()
                        .getEvents()
                        .get(0)
                        .getUid()
                        .getValue());

        Mails jane = mailsTo("jane@example.com").get(1);
        assertThat(jane.subject()).isEqualTo("Cancelled: Missteps");
        assertThat(jane.ics())
                .as("a waiting-list place never had a calendar entry")
                .isNull();
    }

    @Test
    void an_organisers_message_arrives_with_its_own_subject_escaped_in_the_persons_language() throws Exception {
        Event event = twoSeatsWithWaitingList();
        console()
                .sendMessage(
                        event.id(),
                        EnumSet.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED),
                        LocalizedText.of("Praktisk informasjon", "Praktisk informasjon", "Practical information"),
                        LocalizedText.of(
                                "Ta med legitimasjon.\n<script>alert(1)</script>",
                                "Ta med legitimasjon.",
                                "Bring ID.\nDoors open at 08:30."));
        assertThat(service.deliverPendingNotifications()).isEqualTo(2);

        Mails kari = mailsTo("kari@example.no").get(1);
        assertThat(kari.subject()).isEqualTo("Praktisk informasjon");
        assertThat(kari.text())
                .contains("Digitaliseringsdirektoratet har sendt denne meldingen til deg som er meldt på Feiltrinn:")
                .contains("Ta med legitimasjon.")
                .contains("<script>alert(1)</script>")
                .contains(PORTAL + "/manage/");
        assertThat(kari.html()).doesNotContain("<script>").contains("&lt;script&gt;");
        assertThat(kari.ics()).isNull();

        Mails jane = mailsTo("jane@example.com").get(1);
        assertThat(jane.subject()).isEqualTo("Practical information");
        assertThat(jane.text()).contains("Bring ID.").contains("Doors open at 08:30.");
    }
}
