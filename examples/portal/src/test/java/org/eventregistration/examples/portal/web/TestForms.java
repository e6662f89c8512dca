package org.eventregistration.examples.portal.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventregistration.event.EventId;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** For MockMvc tests: the registration form's signed render time, as a browser would have it from the form page. */
public final class TestForms {
    private static final Pattern REGISTER = Pattern.compile("/events/([a-z0-9_-]+)/register");

    private TestForms() {}

    /** Adds a {@code formStamp} issued now to a POST of a registration form (unless the test set one). */
    public static RequestPostProcessor stamped(ApplicationContext context) {
        return request -> {
            Matcher m = REGISTER.matcher(request.getRequestURI());
            if (m.matches() && request.getParameter("formStamp") == null) {
                request.setParameter(
                        "formStamp", context.getBean(FormStamp.class).issue(EventId.of(m.group(1))));
            }
            return request;
        };
    }
}
