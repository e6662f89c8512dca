package org.eventregistration.mail;

/** The text/plain part: the same content as the HTML, readable in any mail program. */
final class TextRenderer {
    private TextRenderer() {}

    static String render(MailView view) {
        StringBuilder out = new StringBuilder();
        out.append(view.greeting()).append("\n\n");
        view.paragraphs().forEach(p -> out.append(p).append("\n\n"));
        view.details()
                .forEach(d ->
                        out.append(d.label()).append(": ").append(d.value()).append('\n'));
        out.append('\n');
        view.link()
                .ifPresent(
                        l -> out.append(l.label()).append(":\n").append(l.url()).append("\n\n"));
        view.checkIn()
                .ifPresent(c -> out.append(c.heading())
                        .append('\n')
                        .append(c.hint())
                        .append('\n')
                        .append(c.url())
                        .append("\n\n"));
        view.after().forEach(p -> out.append(p).append("\n\n"));
        out.append(view.signature()).append('\n').append(view.host()).append("\n\n");
        out.append("-- \n");
        view.footer().forEach(f -> out.append(f).append('\n'));
        return out.toString();
    }
}
