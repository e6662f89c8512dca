package org.eventregistration.examples.portal.web;

import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.LocalizedText;
import org.springframework.context.MessageSource;

/**
 * The event editor's parts beyond the plain fields: workshops (sessions), questions, the audience
 * rule built from the library's built-in rules, and the personal details the form asks for. Each
 * row is a set of form fields named {@code s0-titleNb}, {@code q1-kind}, {@code aud-sector-STATE},
 * {@code ask-PHONE}; the form carries {@code parts=1} so that a post without it (an older page, a
 * script) keeps the event's parts as they are.
 */
final class EventFormParts {
    static final String MARKER = "parts";
    static final int MAX_ROWS = 50;
    static final List<String> KINDS =
            List.of(Question.Kind.TEXT.name(), Question.Kind.YES_NO.name(), Question.Kind.CHOICE.name());

    private EventFormParts() {}

    /** Whether a sent parameter belongs to the parts (so {@link EventForm#of} keeps it). */
    static boolean isPart(String name) {
        return name.equals(MARKER)
                || name.equals("sessionRows")
                || name.equals("questionRows")
                || name.matches("[sq][0-9]{1,2}-[A-Za-z]+")
                || name.startsWith("aud-")
                || name.startsWith("ask-");
    }

    /** The parts' fields, in form order, for the error summary. */
    static List<String> fieldOrder(int sessionRows, int questionRows) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < sessionRows; i++) {
            for (String f : List.of("titleNb", "titleNn", "titleEn", "start", "end", "seats", "remove")) {
                order.add("s" + i + "-" + f);
            }
        }
        for (int i = 0; i < questionRows; i++) {
            for (String f : List.of("labelNb", "labelNn", "labelEn", "kind", "options", "remove")) {
                order.add("q" + i + "-" + f);
            }
        }
        order.addAll(List.of("aud-sectors", "aud-roles", "aud-domains", "aud-orgnumbers", "aud-codes", "aud-outside"));
        for (PersonalField f : PersonalField.values()) {
            order.add("ask-" + f.name());
        }
        return order;
    }

    /** Fills the form's values from the event's parts; one empty row is added for a new workshop and question. */
    static void fill(Map<String, String> v, Event e) {
        v.put(MARKER, "1");
        int i = 0;
        for (Session s : e.sessions()) {
            String p = "s" + i + "-";
            v.put(p + "id", s.id().value());
            v.put(p + "titleNb", s.title().texts().getOrDefault("nb", ""));
            v.put(p + "titleNn", s.title().texts().getOrDefault("nn", ""));
            v.put(p + "titleEn", s.title().texts().getOrDefault("en", ""));
            v.put(p + "start", EventForm.LOCAL.format(s.start().withZoneSameInstant(Views.OSLO)));
            v.put(p + "end", EventForm.LOCAL.format(s.end().withZoneSameInstant(Views.OSLO)));
            v.put(p + "seats", Integer.toString(s.seats()));
            i++;
        }
        v.put("sessionRows", Integer.toString(i + 1));
        int j = 0;
        for (Question q : e.questions()) {
            String p = "q" + j + "-";
            v.put(p + "id", q.id());
            v.put(p + "labelNb", q.label().texts().getOrDefault("nb", ""));
            v.put(p + "labelNn", q.label().texts().getOrDefault("nn", ""));
            v.put(p + "labelEn", q.label().texts().getOrDefault("en", ""));
            v.put(p + "kind", q.kind().name());
            v.put(
                    p + "options",
                    q.options().values().stream()
                            .map(EventFormParts::optionLine)
                            .collect(Collectors.joining("\n")));
            v.put(p + "required", q.required() ? "on" : "");
            v.put(p + "sensitive", q.sensitive() ? "on" : "");
            j++;
        }
        v.put("questionRows", Integer.toString(j + 1));
        Audience audience = Audience.of(e.eligibility());
        if (audience == null) {
            v.put("aud-custom", "1");
        } else {
            audience.sectors.forEach(s -> v.put("aud-sector-" + s.name(), "on"));
            audience.roles.forEach(r -> v.put("aud-role-" + r.name(), "on"));
            v.put("aud-domains", String.join(", ", audience.domains));
            v.put("aud-orgnumbers", String.join(", ", audience.orgNumbers));
            v.put("aud-codes", String.join(", ", audience.codes));
        }
        v.put("aud-outside", e.outsideAudience().name());
        e.audienceDescription().ifPresent(d -> {
            v.put("aud-textNb", d.texts().getOrDefault("nb", ""));
            v.put("aud-textNn", d.texts().getOrDefault("nn", ""));
            v.put("aud-textEn", d.texts().getOrDefault("en", ""));
        });
        for (PersonalField f : e.askFor()) {
            v.put("ask-" + f.name(), "on");
        }
    }

    /** The empty parts of a new event: no workshop or question (one empty row each), everyone, every personal field. */
    static void fillEmpty(Map<String, String> v) {
        v.put(MARKER, "1");
        v.put("sessionRows", "1");
        v.put("questionRows", "1");
        v.put("aud-outside", OutsideAudience.REJECT.name());
        for (PersonalField f : PersonalField.values()) {
            v.put("ask-" + f.name(), "on");
        }
    }

    private static String optionLine(LocalizedText t) {
        String nb = t.texts().getOrDefault("nb", "");
        String nn = t.texts().getOrDefault("nn", "");
        String en = t.texts().getOrDefault("en", "");
        return nn.isEmpty() && en.isEmpty() ? nb : nb + " | " + nn + " | " + en;
    }

    /** The parts read from the form. */
    record Parsed(
            List<Session> sessions,
            List<Question> questions,
            EligibilityRule eligibility,
            OutsideAudience outside,
            LocalizedText audienceText,
            Set<PersonalField> askFor) {}

    /**
     * Reads and checks the parts.
     *
     * @param base the event edited, or null
     * @param holders per session id, how many active registrations chose it
     */
    static Parsed parse(
            Map<String, String> v,
            Event base,
            Map<SessionId, Integer> holders,
            FormErrors errors,
            MessageSource m,
            Locale locale) {
        Check c = new Check(v, errors, m, locale);
        // Workshops
        List<Session> sessions = new ArrayList<>();
        Set<String> sessionIds = new LinkedHashSet<>();
        int sessionRows = rows(v, "sessionRows");
        for (int i = 0; i < sessionRows; i++) {
            String p = "s" + i + "-";
            String existing = c.get(p + "id");
            Session before = base == null || existing.isEmpty()
                    ? null
                    : base.session(SessionId.of(existing)).orElse(null);
            if (before != null && !c.get(p + "remove").isEmpty()) {
                int held = holders.getOrDefault(before.id(), 0);
                if (held > 0) {
                    errors.add(
                            p + "remove",
                            m.getMessage(
                                    "editor.error.sessionHeld",
                                    new Object[] {before.title().message(locale), held},
                                    locale));
                    sessions.add(before); // keeps the summary's other checks meaningful
                    sessionIds.add(before.id().value());
                }
                continue;
            }
            boolean blank = List.of("titleNb", "titleNn", "titleEn", "start", "end", "seats").stream()
                    .allMatch(f -> c.get(p + f).isEmpty());
            if (before == null && blank) {
                continue; // the empty row for a new workshop
            }
            LocalizedText title = c.texts(p + "title", EventForm.MAX_TEXT, "editor.error.sessionTitle");
            ZonedDateTime start = c.time(p + "start");
            ZonedDateTime end = c.time(p + "end");
            if (start != null && end != null && !end.isAfter(start)) {
                c.error(p + "end", "editor.error.endBeforeStart");
            }
            Integer seats = c.number(p + "seats", 0, EventForm.MAX_SEATS, "editor.error.seats");
            if (title == null || start == null || end == null || seats == null) {
                continue;
            }
            String id = before != null
                    ? before.id().value()
                    : unique(slug(title.texts().get("nb"), "workshop"), sessionIds, base);
            sessionIds.add(id);
            if (end.isAfter(start)) {
                sessions.add(Session.of(id, title, start, end, seats));
            }
        }
        // Questions
        List<Question> questions = new ArrayList<>();
        Set<String> questionIds = new LinkedHashSet<>();
        int questionRows = rows(v, "questionRows");
        for (int i = 0; i < questionRows; i++) {
            String p = "q" + i + "-";
            String existing = c.get(p + "id");
            Question before = base == null || existing.isEmpty()
                    ? null
                    : base.question(existing).orElse(null);
            if (before != null && !c.get(p + "remove").isEmpty()) {
                continue;
            }
            boolean blank = List.of("labelNb", "labelNn", "labelEn", "options").stream()
                    .allMatch(f -> c.get(p + f).isEmpty());
            if (before == null && blank) {
                continue;
            }
            LocalizedText label = c.texts(p + "label", EventForm.MAX_TEXT, "editor.error.questionLabel");
            Question.Kind kind = null;
            for (Question.Kind k : Question.Kind.values()) {
                if (k.name().equals(c.get(p + "kind"))) {
                    kind = k;
                }
            }
            if (kind == null) {
                c.error(p + "kind", "editor.error.questionKind");
            }
            Map<String, LocalizedText> options = new LinkedHashMap<>();
            if (kind == Question.Kind.CHOICE) {
                options = c.options(p + "options", before);
            } else if (!c.get(p + "options").isEmpty()) {
                c.error(p + "options", "editor.error.optionsNotChoice");
            }
            if (label == null || kind == null || kind == Question.Kind.CHOICE && options.isEmpty()) {
                continue;
            }
            String id =
                    before != null ? before.id() : unique(slug(label.texts().get("nb"), "sporsmal"), questionIds, null);
            questionIds.add(id);
            questions.add(new Question(
                    id,
                    label,
                    kind,
                    !c.get(p + "required").isEmpty(),
                    options,
                    before == null ? Question.DEFAULT_MAX_LENGTH : before.maxLength(),
                    !c.get(p + "sensitive").isEmpty()));
        }
        // Audience
        EligibilityRule rule;
        if (!c.get("aud-custom").isEmpty() && base != null && Audience.of(base.eligibility()) == null) {
            rule = base.eligibility(); // a rule from code: shown, kept, not edited here
        } else {
            rule = c.audience();
        }
        OutsideAudience outside = null;
        for (OutsideAudience o : OutsideAudience.values()) {
            if (o.name().equals(c.get("aud-outside"))) {
                outside = o;
            }
        }
        if (outside == null) {
            c.error("aud-outside", "editor.error.outside");
        }
        LocalizedText audienceText = c.texts("aud-text", EventForm.MAX_TEXT, null);
        Set<PersonalField> askFor = EnumSet.noneOf(PersonalField.class);
        for (PersonalField f : PersonalField.values()) {
            if (!c.get("ask-" + f.name()).isEmpty()) {
                askFor.add(f);
            }
        }
        Audience chosen = Audience.of(rule);
        if (chosen != null) {
            need(askFor, PersonalField.SECTOR, !chosen.sectors.isEmpty(), errors, m, locale);
            need(askFor, PersonalField.ROLE, !chosen.roles.isEmpty(), errors, m, locale);
            need(askFor, PersonalField.ORGANISATION, !chosen.orgNumbers.isEmpty(), errors, m, locale);
        }
        return new Parsed(sessions, questions, rule, outside, audienceText, askFor);
    }

    private static void need(
            Set<PersonalField> askFor,
            PersonalField field,
            boolean needed,
            FormErrors errors,
            MessageSource m,
            Locale locale) {
        if (needed && !askFor.contains(field)) {
            String name = m.getMessage("editor.askFor." + field.name(), null, locale);
            errors.add(
                    "ask-" + field.name(),
                    m.getMessage("editor.error.askForAudience", new Object[] {name.toLowerCase(locale)}, locale));
        }
    }

    static int rows(Map<String, String> v, String key) {
        try {
            return Math.max(0, Math.min(MAX_ROWS, Integer.parseInt(v.getOrDefault(key, "0"))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An id from a title: lower case a–z, digits and hyphens. */
    static String slug(String text, String fallback) {
        String s = text == null
                ? ""
                : text.toLowerCase(Locale.ROOT)
                        .replace("æ", "ae")
                        .replace("ø", "o")
                        .replace("å", "a");
        s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 50) {
            s = s.substring(0, 50).replaceAll("-+$", "");
        }
        return s.isEmpty() ? fallback : s;
    }

    private static String unique(String id, Set<String> taken, Event base) {
        String candidate = id;
        for (int n = 2;
                taken.contains(candidate)
                        || base != null && base.session(SessionId.of(candidate)).isPresent();
                n++) {
            candidate = id + "-" + n;
        }
        return candidate;
    }

    /**
     * An audience rule the editor can show as check boxes and lists: everyone, or one or more of
     * the built-in rules, each at most once, all of which must hold. Null for anything else (a
     * custom rule from code, "any of", "not", approval).
     */
    record Audience(
            Set<Sector> sectors, Set<Role> roles, List<String> domains, List<String> orgNumbers, List<String> codes) {
        static Audience of(EligibilityRule rule) {
            Audience a = new Audience(
                    EnumSet.noneOf(Sector.class),
                    EnumSet.noneOf(Role.class),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>());
            List<EligibilityRule> parts = rule instanceof EligibilityRule.AllOf all ? all.rules() : List.of(rule);
            Set<Class<?>> seen = new LinkedHashSet<>();
            for (EligibilityRule r : parts) {
                if (!seen.add(r.getClass())) {
                    return null;
                }
                if (r == EligibilityRule.everyone()) {
                    continue;
                } else if (r instanceof EligibilityRule.SectorIn s) {
                    a.sectors.addAll(s.sectors());
                } else if (r instanceof EligibilityRule.RoleIn ro) {
                    a.roles.addAll(ro.roles());
                } else if (r instanceof EligibilityRule.EmailDomainIn d) {
                    d.domains().stream().sorted().forEach(a.domains::add);
                } else if (r instanceof EligibilityRule.OrganisationNumberIn o) {
                    o.numbers().stream().map(OrganisationNumber::value).sorted().forEach(a.orgNumbers::add);
                } else if (r instanceof EligibilityRule.InvitationCode i) {
                    i.codes().stream().sorted().forEach(a.codes::add);
                } else {
                    return null;
                }
            }
            return a;
        }
    }

    /** A rule from code, described for the read-only view: the names of its parts. */
    static String describe(EligibilityRule rule, MessageSource m, Locale locale) {
        if (rule == EligibilityRule.everyone()) {
            return m.getMessage("editor.audience.everyone", null, locale);
        } else if (rule instanceof EligibilityRule.SectorIn s) {
            return m.getMessage(
                    "editor.audience.sectors",
                    new Object[] {
                        s.sectors().stream()
                                .sorted()
                                .map(x -> x.message(locale))
                                .collect(Collectors.joining(", "))
                    },
                    locale);
        } else if (rule instanceof EligibilityRule.RoleIn r) {
            return m.getMessage(
                    "editor.audience.roles",
                    new Object[] {
                        r.roles().stream().sorted().map(x -> x.message(locale)).collect(Collectors.joining(", "))
                    },
                    locale);
        } else if (rule instanceof EligibilityRule.EmailDomainIn d) {
            return m.getMessage("editor.audience.domains.is", new Object[] {String.join(", ", d.domains())}, locale);
        } else if (rule instanceof EligibilityRule.OrganisationNumberIn o) {
            return m.getMessage(
                    "editor.audience.orgnumbers.is", new Object[] {o.numbers().size()}, locale);
        } else if (rule instanceof EligibilityRule.InvitationCode) {
            return m.getMessage("editor.audience.codes.is", null, locale);
        } else if (rule instanceof EligibilityRule.Custom c) {
            return m.getMessage("editor.audience.custom.is", new Object[] {c.name()}, locale);
        } else if (rule instanceof EligibilityRule.AllOf a) {
            return "("
                    + a.rules().stream()
                            .map(r -> describe(r, m, locale))
                            .collect(Collectors.joining(" " + m.getMessage("editor.audience.and", null, locale) + " "))
                    + ")";
        } else if (rule instanceof EligibilityRule.AnyOf a) {
            return "("
                    + a.rules().stream()
                            .map(r -> describe(r, m, locale))
                            .collect(Collectors.joining(" " + m.getMessage("editor.audience.or", null, locale) + " "))
                    + ")";
        } else if (rule instanceof EligibilityRule.Not n) {
            return m.getMessage("editor.audience.not", new Object[] {describe(n.rule(), m, locale)}, locale);
        } else if (rule instanceof EligibilityRule.OrApproval o) {
            return m.getMessage("editor.audience.orApproval", new Object[] {describe(o.rule(), m, locale)}, locale);
        }
        return m.getMessage(
                "editor.audience.custom.is", new Object[] {rule.getClass().getSimpleName()}, locale);
    }

    /** Reads single fields and adds errors in the person's language. */
    private static final class Check {
        private final Map<String, String> v;
        private final FormErrors errors;
        private final MessageSource m;
        private final Locale locale;

        Check(Map<String, String> v, FormErrors errors, MessageSource m, Locale locale) {
            this.v = v;
            this.errors = errors;
            this.m = m;
            this.locale = locale;
        }

        String get(String field) {
            return v.getOrDefault(field, "");
        }

        void error(String field, String key) {
            errors.add(field, m.getMessage(key, null, locale));
        }

        LocalizedText texts(String prefix, int max, String requiredKey) {
            Map<String, String> texts = new LinkedHashMap<>();
            boolean ok = true;
            for (String lang : List.of("nb", "nn", "en")) {
                String field = prefix + Character.toUpperCase(lang.charAt(0)) + lang.charAt(1);
                String t = get(field);
                if (t.length() > max) {
                    errors.add(field, m.getMessage("editor.error.tooLong", new Object[] {max}, locale));
                    ok = false;
                } else if (!t.isEmpty()) {
                    texts.put(lang, t);
                }
            }
            if (!texts.containsKey("nb")) {
                if (requiredKey != null) {
                    error(prefix + "Nb", requiredKey);
                } else if (!texts.isEmpty()) {
                    error(prefix + "Nb", "editor.error.audienceText");
                }
                return null;
            }
            return ok ? new LocalizedText(texts) : null;
        }

        ZonedDateTime time(String field) {
            String t = get(field);
            if (t.isEmpty()) {
                error(field, "editor.error.dateTime");
                return null;
            }
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(Views.OSLO);
            } catch (DateTimeParseException e) {
                error(field, "editor.error.dateTime");
                return null;
            }
        }

        Integer number(String field, int min, int max, String key) {
            String t = get(field).replace(" ", "").replace("\u00a0", "");
            try {
                int n = Integer.parseInt(t);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error(field, key);
            return null;
        }

        /** One option a line: "bokmål", or "bokmål | nynorsk | English". */
        Map<String, LocalizedText> options(String field, Question before) {
            Map<String, LocalizedText> options = new LinkedHashMap<>();
            for (String line : get(field).split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] p = line.split("\\|", -1);
                String nb = p[0].strip();
                if (nb.isEmpty() || p.length > 3 || line.length() > 3 * EventForm.MAX_TEXT) {
                    error(field, "editor.error.options");
                    return Map.of();
                }
                Map<String, String> texts = new LinkedHashMap<>();
                texts.put("nb", nb);
                if (p.length > 1 && !p[1].isBlank()) {
                    texts.put("nn", p[1].strip());
                }
                if (p.length > 2 && !p[2].isBlank()) {
                    texts.put("en", p[2].strip());
                }
                String id = null;
                if (before != null) {
                    for (Map.Entry<String, LocalizedText> o : before.options().entrySet()) {
                        if (nb.equals(o.getValue().texts().get("nb"))) {
                            id = o.getKey(); // the stored answers keep meaning the same option
                        }
                    }
                }
                if (id == null || options.containsKey(id)) {
                    id = slug(nb, "valg");
                    String base = id;
                    for (int n = 2; options.containsKey(id); n++) {
                        id = base + "-" + n;
                    }
                }
                options.put(id, new LocalizedText(texts));
            }
            if (options.isEmpty() && !errors.has(field)) {
                error(field, "editor.error.options");
            }
            return options;
        }

        EligibilityRule audience() {
            List<EligibilityRule> rules = new ArrayList<>();
            Set<Sector> sectors = EnumSet.noneOf(Sector.class);
            for (Sector s : Sector.values()) {
                if (!get("aud-sector-" + s.name()).isEmpty()) {
                    sectors.add(s);
                }
            }
            if (!sectors.isEmpty()) {
                rules.add(new EligibilityRule.SectorIn(sectors));
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Role r : Role.values()) {
                if (!get("aud-role-" + r.name()).isEmpty()) {
                    roles.add(r);
                }
            }
            if (!roles.isEmpty()) {
                rules.add(new EligibilityRule.RoleIn(roles));
            }
            List<String> domains = list("aud-domains", "[,;\\s]+");
            if (!domains.isEmpty()) {
                boolean ok =
                        domains.stream().allMatch(d -> d.matches("@?[a-zA-Z0-9æøåÆØÅ-]+(\\.[a-zA-Z0-9æøåÆØÅ-]+)+"));
                if (ok) {
                    rules.add(new EligibilityRule.EmailDomainIn(new LinkedHashSet<>(domains)));
                } else {
                    error("aud-domains", "editor.error.domains");
                }
            }
            List<String> numbers = list("aud-orgnumbers", "[,;\\n]+");
            if (!numbers.isEmpty()) {
                Set<OrganisationNumber> parsed = new LinkedHashSet<>();
                for (String n : numbers) {
                    if (OrganisationNumber.isValid(n)) {
                        parsed.add(OrganisationNumber.parse(n));
                    }
                }
                if (parsed.size() == numbers.size()) {
                    rules.add(new EligibilityRule.OrganisationNumberIn(parsed));
                } else {
                    error("aud-orgnumbers", "editor.error.orgnumbers");
                }
            }
            List<String> codes = list("aud-codes", "[,;\\s]+");
            if (!codes.isEmpty()) {
                if (codes.stream().allMatch(x -> x.length() <= 64)) {
                    rules.add(new EligibilityRule.InvitationCode(new LinkedHashSet<>(codes)));
                } else {
                    error("aud-codes", "editor.error.codes");
                }
            }
            if (rules.isEmpty()) {
                return EligibilityRule.everyone();
            }
            return rules.size() == 1
                    ? rules.get(0)
                    : EligibilityRule.allOf(
                            rules.get(0), rules.subList(1, rules.size()).toArray(EligibilityRule[]::new));
        }

        /** A comma- or line-separated list. */
        private List<String> list(String field, String separators) {
            List<String> items = new ArrayList<>();
            for (String s : get(field).split(separators)) {
                if (!s.isBlank()) {
                    items.add(s.strip());
                }
            }
            return items;
        }
    }
}
