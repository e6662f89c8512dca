package org.eventregistration.mail;

import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.util.DateTimeComponents;
import biweekly.util.UtcOffset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Optional;
import java.util.TimeZone;

/**
 * A VTIMEZONE for an event's zone, made from the JDK's own rules, so that nothing is fetched from
 * the network (biweekly's own {@code TimezoneAssignment.download} would). It lists the actual
 * transitions from a year before the event to a year after it, which every client reads exactly,
 * instead of guessing recurrence rules.
 */
final class Timezones {
    private static final Duration MARGIN = Duration.ofDays(366);

    private Timezones() {}

    /** The assignment for {@code zone}; empty for a fixed offset, which is written in UTC instead. */
    static Optional<TimezoneAssignment> assignment(ZoneId zone, Instant from, Instant to) {
        if (zone instanceof ZoneOffset || zone.normalized() instanceof ZoneOffset) {
            return Optional.empty();
        }
        ZoneRules rules = zone.getRules();
        VTimezone component = new VTimezone(zone.getId());
        ZoneOffsetTransition t = rules.previousTransition(from.minus(MARGIN));
        if (t == null) {
            t = rules.nextTransition(from.minus(MARGIN));
        }
        if (t == null || t.getInstant().isAfter(to.plus(MARGIN))) {
            ZoneOffset offset = rules.getOffset(from);
            StandardTime standard = new StandardTime();
            fill(standard, LocalDateTime.of(1970, 1, 1, 0, 0), offset, offset);
            component.addStandardTime(standard);
        }
        Instant until = to.plus(MARGIN);
        while (t != null && !t.getInstant().isAfter(until)) {
            Observance observance;
            if (rules.isDaylightSavings(t.getInstant())) {
                DaylightSavingsTime daylight = new DaylightSavingsTime();
                component.addDaylightSavingsTime(daylight);
                observance = daylight;
            } else {
                StandardTime standard = new StandardTime();
                component.addStandardTime(standard);
                observance = standard;
            }
            fill(observance, t.getDateTimeBefore(), t.getOffsetBefore(), t.getOffsetAfter());
            t = rules.nextTransition(t.getInstant());
        }
        return Optional.of(new TimezoneAssignment(TimeZone.getTimeZone(zone), component));
    }

    private static void fill(Observance o, LocalDateTime start, ZoneOffset before, ZoneOffset after) {
        o.setDateStart(new DateTimeComponents(
                start.getYear(),
                start.getMonthValue(),
                start.getDayOfMonth(),
                start.getHour(),
                start.getMinute(),
                start.getSecond(),
                false));
        o.setTimezoneOffsetFrom(new UtcOffset(before.getTotalSeconds() * 1000L));
        o.setTimezoneOffsetTo(new UtcOffset(after.getTotalSeconds() * 1000L));
    }
}
