package org.eventregistration.internal;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eventregistration.i18n.Languages;
import org.eventregistration.i18n.Messages;
import org.eventregistration.registration.Violation;

/**
 * Runs Jakarta Validation and turns violations into {@link Violation}s with messages in bokmål,
 * nynorsk and English. Not API. Thread-safe.
 *
 * <p>A request is validated once; only when it has violations is it validated again for the other
 * two languages, so the common (valid) case costs one validation.
 */
public final class RequestValidator {
    private static final Pattern CONTAINER_NODE = Pattern.compile("\\.<[^>]+>");
    private final Map<String, Validator> validators = new LinkedHashMap<>();
    private final Validator english;

    /** Uses the given factory; it is not closed by this class. */
    public RequestValidator(ValidatorFactory factory) {
        MessageInterpolator delegate = factory.getMessageInterpolator();
        // English first: it is the one run on every request.
        for (Locale locale : List.of(Languages.ENGLISH, Languages.BOKMAL, Languages.NYNORSK)) {
            validators.put(
                    locale.getLanguage(),
                    factory.usingContext()
                            .messageInterpolator(new FixedLocale(delegate, locale))
                            .getValidator());
        }
        english = validators.get("en");
    }

    /**
     * Validates a bean.
     *
     * @param prefix prepended to every field path (for group members), or empty
     */
    public List<Violation> validate(Object bean, String prefix) {
        Set<ConstraintViolation<Object>> inEnglish = english.validate(bean);
        if (inEnglish.isEmpty()) {
            return List.of();
        }
        Map<String, Map<String, String>> messages = new LinkedHashMap<>();
        Map<String, String[]> fieldAndCode = new HashMap<>();
        for (Map.Entry<String, Validator> entry : validators.entrySet()) {
            Set<ConstraintViolation<Object>> violations =
                    entry.getKey().equals("en") ? inEnglish : entry.getValue().validate(bean);
            for (ConstraintViolation<Object> v : violations) {
                String field = prefix + path(v.getPropertyPath());
                String key = field + "\u0000" + v.getMessageTemplate();
                messages.computeIfAbsent(key, k -> new HashMap<>()).put(entry.getKey(), v.getMessage());
                fieldAndCode.put(key, new String[] {field, v.getMessageTemplate()});
            }
        }
        List<Violation> result = new ArrayList<>();
        messages.forEach((key, byLanguage) -> {
            String[] fc = fieldAndCode.get(key);
            result.add(new Violation(fc[0], fc[1], byLanguage));
        });
        result.sort(Comparator.comparing(Violation::field).thenComparing(Violation::code));
        return result;
    }

    /** A violation found by the library's own rules (against the event), from its message bundle. */
    public static Violation violation(String field, String key, Object... args) {
        Map<String, String> byLanguage = new HashMap<>();
        for (Locale locale : Languages.SUPPORTED) {
            byLanguage.put(locale.getLanguage(), Messages.format(key, locale, args));
        }
        return new Violation(field, key, byLanguage);
    }

    private static String path(Path path) {
        return CONTAINER_NODE.matcher(path.toString()).replaceAll("");
    }

    private record FixedLocale(MessageInterpolator delegate, Locale locale) implements MessageInterpolator {
        @Override
        public String interpolate(String template, Context context) {
            return delegate.interpolate(template, context, locale);
        }

        @Override
        public String interpolate(String template, Context context, Locale ignored) {
            return delegate.interpolate(template, context, locale);
        }
    }
}
