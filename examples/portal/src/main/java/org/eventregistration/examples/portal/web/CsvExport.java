package org.eventregistration.examples.portal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.registration.Registration;
import org.springframework.context.MessageSource;

/**
 * The participant list as CSV for a spreadsheet: semicolon-separated (what a Norwegian Excel
 * expects), UTF-8 with a byte-order mark, one row per registration.
 *
 * <p>A cell whose first character after any leading white space (spaces, non-breaking spaces, tabs,
 * line breaks) is {@code = + - @}, a tab or a carriage return could be run as a formula by a
 * spreadsheet (CSV injection); such cells get a leading apostrophe, which the spreadsheet shows.
 * A phone number is the exception, to stay readable: an international number's {@code +} is written
 * as the international call prefix {@code 00} ({@code +47 912 34 567} becomes
 * {@code 0047 912 34 567}, dialled the same way from Norway), and nothing else in a phone number
 * can start a formula.
 */
final class CsvExport {
    private CsvExport() {}

    /** A phone number as people write them: an optional +, then digits with spaces, dots, hyphens and brackets. */
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .()-]*");

    /** Neutralizes one cell. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (startsFormula(value.charAt(0))) {
            return "'" + value;
        }
        int i = 0;
        while (i < value.length() && isBlank(value.charAt(i))) {
            i++;
        }
        if (i < value.length() && startsFormula(value.charAt(i))) {
            return "'" + value;
        }
        return value;
    }

    /** A phone number cell: readable, and never a formula. */
    static String phone(String value) {
        if (value != null && PHONE.matcher(value).matches()) {
            return value.startsWith("+") ? "00" + value.substring(1) : value;
        }
        return cell(value);
    }

    private static boolean startsFormula(char c) {
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    private static boolean isBlank(char c) {
        // Character.isWhitespace leaves out the non-breaking spaces (U+00A0, U+2007, U+202F).
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }

    static void write(
            Event event, List<Registration> registrations, MessageSource messages, Locale locale, Appendable out)
            throws IOException {
        List<String> header = new ArrayList<>();
        for (String column : List.of(
                "name",
                "email",
                "phone",
                "organisationName",
                "organisationNumber",
                "sector",
                "role",
                "sessions",
                "status",
                "registeredAt")) {
            header.add(messages.getMessage("csv." + column, null, locale));
        }
        for (Question q : event.questions()) {
            header.add(q.label().message(locale));
        }
        CSVFormat format = CSVFormat.EXCEL.builder().setDelimiter(';').get();
        out.append('\uFEFF');
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            printer.printRecord(header.stream().map(CsvExport::cell).toList());
            for (Registration r : registrations) {
                List<String> row = new ArrayList<>();
                row.add(r.attendee().name());
                row.add(r.attendee().email());
                String phone = phone(r.attendee().phone().orElse(""));
                row.add(r.attendee().organisationName().orElse(""));
                row.add(r.attendee().organisationNumber().map(n -> n.value()).orElse(""));
                row.add(r.attendee().sector().message(locale));
                row.add(r.attendee().role().message(locale));
                row.add(String.join(
                        ", ",
                        r.sessions().stream()
                                .map(s -> event.session(s)
                                        .map(x -> x.title().message(locale))
                                        .orElse(s.value()))
                                .toList()));
                row.add(r.status().message(locale));
                row.add(Views.dateTime(r.createdAt(), locale));
                for (Question q : event.questions()) {
                    String answer = r.answers().getOrDefault(q.id(), "");
                    row.add(
                            q.kind() == Question.Kind.CHOICE
                                    ? q.option(answer)
                                            .map(o -> o.message(locale))
                                            .orElse(answer)
                                    : answer);
                }
                List<String> cells =
                        new ArrayList<>(row.stream().map(CsvExport::cell).toList());
                cells.add(2, phone); // already made safe, in its own readable way
                printer.printRecord(cells);
            }
        }
    }
}
