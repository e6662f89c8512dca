package org.eventregistration.examples.portal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>A cell that starts with {@code = + - @}, a tab or a carriage return would be run as a formula
 * by a spreadsheet (CSV injection); such cells get a leading apostrophe, which the spreadsheet
 * shows as text.
 */
final class CsvExport {
    private CsvExport() {}

    /** Neutralizes one cell. */
    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
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
                row.add(r.attendee().phone().orElse(""));
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
                printer.printRecord(row.stream().map(CsvExport::cell).toList());
            }
        }
    }
}
