package org.eventregistration.examples.quickstart;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Localizable;
import org.eventregistration.tck.MutableClock;

/**
 * The story as it is told: every line in Norwegian bokmål with its English translation below it.
 * Kept as values (not printed at once) so that a test can read it.
 */
final class Transcript {
    /** Where a step starts: the time of day, then the text. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private static final DateTimeFormatter NB_DAY = DateTimeFormatter.ofPattern("EEEE d. MMMM yyyy", Languages.BOKMAL);
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter NB_WHEN =
            DateTimeFormatter.ofPattern("EEEE d. MMMM 'kl.' HH:mm", Languages.BOKMAL);
    private static final DateTimeFormatter EN_WHEN =
            DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm", Locale.ENGLISH);
    private static final String DETAIL = "       ";

    /**
     * One line of the story.
     *
     * @param lead what goes before the text (the time, an arrow, indentation); the English line
     *     is indented to start under the Norwegian text
     * @param norwegian the text in bokmål
     * @param english the same in English
     */
    record Line(String lead, String norwegian, String english) {
        Line {
            Objects.requireNonNull(lead, "lead");
            Objects.requireNonNull(norwegian, "norwegian");
            Objects.requireNonNull(english, "english");
        }

        /** The empty line between steps. */
        static final Line BLANK = new Line("", "", "");

        /** The line as printed: a row for each language, or one row if they are the same. */
        List<String> render() {
            if (norwegian.equals(english)) {
                return List.of((lead + norwegian).stripTrailing());
            }
            return List.of(lead + norwegian, " ".repeat(lead.length()) + english);
        }
    }

    private final MutableClock clock;
    private final List<Line> lines = new ArrayList<>();
    private LocalDate day;

    Transcript(MutableClock clock) {
        this.clock = clock;
    }

    /** An empty line. */
    void blank() {
        lines.add(Line.BLANK);
    }

    /** A heading, flush left. */
    void heading(String norwegian, String english) {
        lines.add(new Line("", norwegian, english));
    }

    /** A line of the introduction, under the heading. */
    void about(String norwegian, String english) {
        lines.add(new Line("  ", norwegian, english));
    }

    /**
     * A step of the story, led by the time on the story's clock; the first step of each day is
     * preceded by the date, as in a diary.
     */
    void step(String norwegian, String english) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        if (!now.toLocalDate().equals(day)) {
            day = now.toLocalDate();
            lines.add(Line.BLANK);
            lines.add(new Line("", "── " + capitalize(NB_DAY.format(now)) + " ──", "── " + EN_DAY.format(now) + " ──"));
        }
        lines.add(Line.BLANK);
        lines.add(new Line(TIME.format(now) + "  ", norwegian, english));
    }

    /** What came of a step. */
    void result(String norwegian, String english) {
        lines.add(new Line(DETAIL + "→ ", norwegian, english));
    }

    /** An e-mail that a listener sent. */
    void mail(String to, String norwegian, String english) {
        lines.add(new Line(DETAIL + "✉ ", "Til " + to + ": " + norwegian, "To " + to + ": " + english));
    }

    /** A detail under a step. */
    void detail(String norwegian, String english) {
        lines.add(new Line(DETAIL + "  ", norwegian, english));
    }

    /** An item of a list under a step, in one row for both languages. */
    void item(String text) {
        lines.add(new Line(DETAIL + "    ", text, text));
    }

    /**
     * Reasons the library gave, each rendered by the library itself in both languages: reasons
     * are message keys with arguments, not finished English text.
     */
    void reasons(List<? extends Localizable> reasons) {
        for (Localizable reason : reasons) {
            lines.add(new Line(DETAIL + "  - ", reason.message(Languages.BOKMAL), reason.message(Languages.ENGLISH)));
        }
    }

    /** The lines so far. */
    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The whole story as text, line by line. */
    List<String> render() {
        return lines.stream().flatMap(l -> l.render().stream()).toList();
    }

    static String dayNb(ZonedDateTime time) {
        return NB_DAY.format(time);
    }

    static String dayEn(ZonedDateTime time) {
        return EN_DAY.format(time);
    }

    /** For example "lørdag 21. november kl. 11:00". */
    static String whenNb(ZonedDateTime time) {
        return NB_WHEN.format(time);
    }

    /** For example "Saturday 21 November at 11:00". */
    static String whenEn(ZonedDateTime time) {
        return EN_WHEN.format(time);
    }

    static String time(ZonedDateTime time) {
        return TIME.format(time);
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
