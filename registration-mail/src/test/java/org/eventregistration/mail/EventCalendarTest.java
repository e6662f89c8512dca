package org.eventregistration.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.eventregistration.event.Event;
import org.eventregistration.i18n.Languages;
import org.eventregistration.registration.RegistrationId;
import org.junit.jupiter.api.Test;

class EventCalendarTest {
    final EventCalendar calendar = EventCalendar.of("Digdir.example", "pamelding@digdir.example");
    final Instant stamp = Instant.parse("2026-11-02T08:00:00Z");

    @Test
    void uid_is_stable_per_registration() {
        assertThat(calendar.uid(RegistrationId.of("abc-123"))).isEqualTo("abc-123@digdir.example");
        assertThat(calendar.uid(RegistrationId.of("abc-123"))).isEqualTo(calendar.uid(RegistrationId.of("abc-123")));
    }

    @Test
    void a_summer_event_is_written_in_its_zone_with_daylight_time() {
        ZoneId oslo = ZoneId.of("Europe/Oslo");
        Event event = MailNotifierTest.event()
                .schedule(
                        ZonedDateTime.of(2026, 6, 10, 9, 30, 0, 0, oslo),
                        ZonedDateTime.of(2026, 6, 11, 15, 0, 0, 0, oslo))
                .build();
        String ics = calendar.publish(
                event, Languages.ENGLISH, "u-1@digdir.example", URI.create("https://p.example/m/t"), stamp);
        assertThat(ics)
                .contains("METHOD:PUBLISH")
                .contains("TZID:Europe/Oslo")
                .contains("BEGIN:DAYLIGHT")
                .contains("TZOFFSETTO:+0200")
                .contains("DTSTART;TZID=Europe/Oslo:20260610T093000")
                .contains("DTEND;TZID=Europe/Oslo:20260611T150000")
                .contains("ORGANIZER;CN=Digitaliseringsdirektoratet:mailto:pamelding@digdir.example");
        ICalendar parsed = Biweekly.parse(ics).first();
        VEvent vevent = parsed.getEvents().get(0);
        assertThat(vevent.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse("2026-06-10T07:30:00Z"));
        assertThat(vevent.getSummary().getValue()).isEqualTo("Missteps");
        assertThat(vevent.getSequence().getValue()).isZero();
    }

    @Test
    void the_sequence_follows_the_events_revision_and_a_cancellation_is_always_higher() {
        Event moved = MailNotifierTest.event().revision(2).build();
        Event cancelled =
                MailNotifierTest.event().revision(3).cancelledAt(stamp).build();
        URI url = URI.create("https://p.example/m/t");
        assertThat(sequence(calendar.publish(moved, Languages.BOKMAL, "u@d.example", url, stamp)))
                .isEqualTo(2);
        assertThat(sequence(calendar.cancel(moved, Languages.BOKMAL, "u@d.example", "kari@example.no", stamp)))
                .as("a registration cancelled after two moves")
                .isEqualTo(3);
        assertThat(sequence(calendar.cancel(cancelled, Languages.BOKMAL, "u@d.example", "kari@example.no", stamp)))
                .as("the event cancelled after two moves: its cancellation raised the revision to 3")
                .isEqualTo(3);
    }

    private static int sequence(String ics) {
        return Biweekly.parse(ics).first().getEvents().get(0).getSequence().getValue();
    }

    @Test
    void a_fixed_offset_event_is_written_in_utc() {
        Event event = MailNotifierTest.event()
                .schedule(
                        ZonedDateTime.of(2026, 6, 10, 9, 0, 0, 0, ZoneOffset.UTC),
                        ZonedDateTime.of(2026, 6, 10, 10, 0, 0, 0, ZoneOffset.UTC))
                .build();
        String ics = calendar.cancel(event, Languages.BOKMAL, "u-1@digdir.example", "kari@example.no", stamp);
        assertThat(ics)
                .contains("METHOD:CANCEL")
                .contains("DTSTART:20260610T090000Z")
                .contains("STATUS:CANCELLED")
                .contains("SEQUENCE:1")
                .doesNotContain("VTIMEZONE");
    }

    @Test
    void the_domain_must_be_a_host_name() {
        assertThatThrownBy(() -> EventCalendar.of("bad domain", "a@b.no")).isInstanceOf(IllegalArgumentException.class);
    }
}
