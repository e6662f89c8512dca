package org.eventregistration.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The text/html part, through the Thymeleaf template {@code templates/mail.html}: every value goes
 * in with {@code th:text} or {@code th:href}, so the engine escapes it; nothing is concatenated
 * into HTML here. Thread-safe: the engine is.
 */
final class HtmlRenderer {
    private final TemplateEngine engine;

    HtmlRenderer() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlRenderer.class.getClassLoader());
        resolver.setPrefix("org/eventregistration/mail/templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
    }

    String render(MailView view) {
        Context context = new Context(java.util.Locale.forLanguageTag(view.language()));
        context.setVariable("lang", view.language());
        context.setVariable("subject", view.subject());
        context.setVariable("greeting", view.greeting());
        context.setVariable("paragraphs", view.paragraphs());
        // Maps, not the records: the expression language reads map keys without reflection on
        // package-private types.
        List<Map<String, String>> details = view.details().stream()
                .map(d -> map("label", d.label(), "value", d.value()))
                .toList();
        context.setVariable("details", details);
        context.setVariable(
                "link",
                view.link()
                        .map(l -> map("label", l.label(), "url", l.url(), "fallback", l.fallback()))
                        .orElse(null));
        context.setVariable(
                "checkIn",
                view.checkIn()
                        .map(c -> map(
                                "heading", c.heading(),
                                "hint", c.hint(),
                                "alt", c.alt(),
                                "src", "cid:" + c.contentId()))
                        .orElse(null));
        context.setVariable("after", view.after());
        context.setVariable("signature", view.signature());
        context.setVariable("host", view.host());
        context.setVariable("footer", view.footer());
        return engine.process("mail", context);
    }

    private static Map<String, String> map(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
