package org.eventregistration.examples.portal.web;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Retention;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;
import org.springframework.context.MessageSource;

/**
 * The event editor's form as typed, field by field (strings, so that what the person wrote comes
 * back unchanged with the errors), and its conversion into an {@link Event}. Times are wall-clock
 * times in Europe/Oslo. Workshops, questions, the audience and the personal details asked for are
 * {@link EventFormParts}. What the editor does not show (reserved seats, the per-person workshop
 * limit) is taken over from the event being edited or copied.
 */
final class EventForm {
    static final int MAX_TITLE = 200;
    static final int MAX_DESCRIPTION = 5_000;
    static final int MAX_TEXT = 200;
    static final int MAX_SEATS = 100_000;
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** The fields in form order, for the error summary and for binding. */
    static final List<String> FIELDS = List.of(
            "id",
            "titleNb",
            "titleNn",
            "titleEn",
            "descriptionNb",
            "descriptionNn",
            "descriptionEn",
            "start",
            "end",
            "venueName",
            "venueAddress",
            "host",
            "seats",
            "maxPerOrganisation",
            "waitlist",
            "offerHours",
            "opens",
            "closes",
            "addressConfirmation",
            "reminderDays",
            "cancellationDeadline",
            "coHosts",
            "retentionDays",
            "sensitiveRetentionDays");

    private final Map<String, String> values = new LinkedHashMap<>();

    private EventForm() {
        FIELDS.forEach(f -> values.put(f, ""));
    }

    /** An empty form for a new event: registration asks for address confirmation, automatic promotion. */
    static EventForm empty() {
        EventForm form = new EventForm();
        EventFormParts.fillEmpty(form.values);
        form.values.put("waitlist", WaitlistPolicy.Mode.AUTO_PROMOTE.name());
        form.values.put("addressConfirmation", "on");
        form.values.put(
                "retentionDays", Long.toString(Retention.DEFAULT.personalData().toDays()));
        form.values.put(
                "sensitiveRetentionDays",
                Long.toString(Retention.DEFAULT.sensitiveAnswers().toDays()));
        return form;
    }

    /** The form as sent: only the known fields, each stripped. */
    static EventForm of(Map<String, String> params) {
        EventForm form = new EventForm();
        for (String f : FIELDS) {
            String v = params.get(f);
            form.values.put(f, v == null ? "" : v.strip());
        }
        params.forEach((k, v) -> {
            if (EventFormParts.isPart(k) && v != null) {
                form.values.put(k, v.strip());
            }
        });
        return form;
    }

    /** The form filled in from an event, to edit it or (without its id) to copy it. */
    static EventForm from(Event e) {
        EventForm form = new EventForm();
        Map<String, String> v = form.values;
        v.put("id", e.id().value());
        v.put("titleNb", e.title().texts().getOrDefault("nb", ""));
        v.put("titleNn", e.title().texts().getOrDefault("nn", ""));
        v.put("titleEn", e.title().texts().getOrDefault("en", ""));
        e.description().ifPresent(d -> {
            v.put("descriptionNb", d.texts().getOrDefault("nb", ""));
            v.put("descriptionNn", d.texts().getOrDefault("nn", ""));
            v.put("descriptionEn", d.texts().getOrDefault("en", ""));
        });
        v.put("start", LOCAL.format(e.start().withZoneSameInstant(Views.OSLO)));
        v.put("end", LOCAL.format(e.end().withZoneSameInstant(Views.OSLO)));
        e.venue().ifPresent(venue -> {
            v.put("venueName", venue.name());
            v.put("venueAddress", venue.address());
        });
        v.put("host", e.host().name());
        v.put("seats", Integer.toString(e.capacity().seats()));
        if (e.capacity().limitsOrganisations()) {
            v.put("maxPerOrganisation", Integer.toString(e.capacity().maxPerOrganisation()));
        }
        v.put("waitlist", e.waitlist().mode().name());
        if (e.waitlist().mode() == WaitlistPolicy.Mode.OFFER) {
            v.put("offerHours", Long.toString(e.waitlist().offerValidity().toHours()));
        }
        if (!e.registrationOpens().equals(java.time.Instant.EPOCH)) {
            v.put("opens", LOCAL.format(e.registrationOpens().atZone(Views.OSLO)));
        }
        if (!e.registrationCloses().equals(e.start().toInstant())) {
            v.put("closes", LOCAL.format(e.registrationCloses().atZone(Views.OSLO)));
        }
        v.put("addressConfirmation", e.addressConfirmation().required() ? "on" : "");
        e.reminderBefore().ifPresent(d -> v.put("reminderDays", Long.toString(d.toDays())));
        if (!e.cancellationDeadline().equals(e.start().toInstant())) {
            v.put("cancellationDeadline", LOCAL.format(e.cancellationDeadline().atZone(Views.OSLO)));
        }
        v.put(
                "coHosts",
                String.join("\n", e.coHosts().stream().map(Organisation::name).toList()));
        v.put("retentionDays", Long.toString(e.retention().personalData().toDays()));
        v.put(
                "sensitiveRetentionDays",
                Long.toString(e.retention().sensitiveAnswers().toDays()));
        EventFormParts.fill(v, e);
        return form;
    }

    /** A value, never null; for the template. */
    public String get(String field) {
        return values.getOrDefault(field, "");
    }

    /** Sets a value (the copy's suggested id). */
    void set(String field, String value) {
        values.put(field, value);
    }

    /** True if a check box of the parts is ticked ({@code ask-PHONE}, {@code q0-sensitive}, ...). */
    public boolean checked(String field) {
        return !get(field).isEmpty();
    }

    /** How many rows of workshops ({@code sessionRows}) or questions ({@code questionRows}) the form shows. */
    public int rows(String key) {
        return EventFormParts.rows(values, key);
    }

    /** Whether the form edits the parts (workshops, questions, audience, personal details). */
    public boolean hasParts() {
        return checked(EventFormParts.MARKER);
    }

    /** One more empty row of workshops or questions (the "add" buttons). */
    void addRow(String key) {
        values.put(key, Integer.toString(Math.min(EventFormParts.MAX_ROWS, rows(key) + 1)));
    }

    /** Every field in form order, the parts' included: for the error summary. */
    List<String> fieldOrder() {
        List<String> order = new java.util.ArrayList<>(FIELDS);
        order.addAll(EventFormParts.fieldOrder(rows("sessionRows"), rows("questionRows")));
        return order;
    }

    /** True if the address-confirmation box is ticked. */
    public boolean confirmsAddress() {
        return !get("addressConfirmation").isEmpty();
    }

    /**
     * The event this form describes, or null with the reasons in {@code errors}.
     *
     * @param base the event edited or copied, whose other parts are kept; null for a new event
     * @param id the event's id (the one edited, or the form's for a new one)
     */
    Event toEvent(
            EventId id,
            Event base,
            OrganiserId organiser,
            Map<org.eventregistration.event.SessionId, Integer> holders,
            FormErrors errors,
            MessageSource m,
            Locale locale) {
        Checker c = new Checker(errors, m, locale);
        EventFormParts.Parsed parts =
                hasParts() ? EventFormParts.parse(values, base, holders, errors, m, locale) : null;
        LocalizedText title = c.texts("title", MAX_TITLE, true);
        LocalizedText description = c.texts("description", MAX_DESCRIPTION, false);
        ZonedDateTime start = c.time("start", true);
        ZonedDateTime end = c.time("end", true);
        if (start != null && end != null && !end.isAfter(start)) {
            c.error("end", "editor.error.endBeforeStart");
        }
        String venueName = c.text("venueName", MAX_TEXT);
        String venueAddress = c.text("venueAddress", MAX_TEXT);
        if (venueName.isEmpty() && !venueAddress.isEmpty()) {
            c.error("venueName", "editor.error.venue");
        }
        String host = c.text("host", MAX_TEXT);
        if (host.isEmpty()) {
            c.error("host", "editor.error.host");
        }
        Integer seats = c.number("seats", 0, MAX_SEATS, true, "editor.error.seats");
        Integer perOrganisation =
                c.number("maxPerOrganisation", 1, MAX_SEATS, false, "editor.error.maxPerOrganisation");
        WaitlistPolicy.Mode mode = null;
        for (WaitlistPolicy.Mode candidate : WaitlistPolicy.Mode.values()) {
            if (candidate.name().equals(get("waitlist"))) {
                mode = candidate;
            }
        }
        if (mode == null) {
            c.error("waitlist", "editor.error.waitlist");
        }
        Integer offerHours = mode == WaitlistPolicy.Mode.OFFER
                ? c.number("offerHours", 1, 336, true, "editor.error.offerHours")
                : null;
        ZonedDateTime opens = c.time("opens", false);
        ZonedDateTime closes = c.time("closes", false);
        java.time.Instant opening = opens == null ? java.time.Instant.EPOCH : opens.toInstant();
        java.time.Instant closing = closes != null ? closes.toInstant() : start == null ? null : start.toInstant();
        if (closing != null && !closing.isAfter(opening)) {
            c.error(closes != null ? "closes" : "opens", "editor.error.closesBeforeOpens");
        }
        Integer reminderDays = c.number("reminderDays", 1, 60, false, "editor.error.reminderDays");
        ZonedDateTime deadline = c.time("cancellationDeadline", false);
        if (deadline != null && end != null && deadline.isAfter(end)) {
            c.error("cancellationDeadline", "editor.error.cancellationDeadline");
        }
        List<String> coHostNames = get("coHosts")
                .lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .distinct()
                .toList();
        if (coHostNames.size() > 10 || coHostNames.stream().anyMatch(n -> n.length() > MAX_TEXT)) {
            c.error("coHosts", "editor.error.coHosts");
        }
        int maxDays = (int) Retention.MAX.toDays();
        // Left empty: what the event had, or the library's default.
        Retention kept = base == null ? Retention.DEFAULT : base.retention();
        Integer retentionDays = c.number("retentionDays", 0, maxDays, false, "editor.error.retentionDays");
        if (retentionDays == null) {
            retentionDays = (int) kept.personalData().toDays();
        }
        Integer sensitiveDays =
                c.number("sensitiveRetentionDays", 0, maxDays, false, "editor.error.sensitiveRetentionDays");
        if (sensitiveDays == null) {
            sensitiveDays = (int) Math.min(kept.sensitiveAnswers().toDays(), retentionDays);
        }
        if (retentionDays != null && sensitiveDays != null && sensitiveDays > retentionDays) {
            c.error("sensitiveRetentionDays", "editor.error.sensitiveRetentionDays");
        }
        if (!errors.isEmpty()) {
            return null;
        }
        CapacityPolicy capacity = new CapacityPolicy(
                seats,
                perOrganisation == null ? Integer.MAX_VALUE : perOrganisation,
                base == null ? Integer.MAX_VALUE : base.capacity().maxSessionsPerPerson(),
                List.of());
        if (base != null && !base.capacity().reservations().isEmpty()) {
            int reserved = base.capacity().reservations().stream()
                    .mapToInt(r -> r.seats())
                    .sum();
            if (reserved > seats) {
                errors.add("seats", m.getMessage("editor.error.reserved", new Object[] {reserved}, locale));
                return null;
            }
            capacity = new CapacityPolicy(
                    capacity.seats(),
                    capacity.maxPerOrganisation(),
                    capacity.maxSessionsPerPerson(),
                    base.capacity().reservations());
        }
        WaitlistPolicy waitlist = switch (mode) {
            case NONE -> WaitlistPolicy.none();
            case AUTO_PROMOTE -> WaitlistPolicy.autoPromote();
            case OFFER -> WaitlistPolicy.offers(Duration.ofHours(offerHours));
        };
        if (base != null && base.waitlist().enabled() && waitlist.enabled()) {
            waitlist = waitlist.withMaxLength(base.waitlist().maxLength());
        }
        Event.Builder b = Event.builder(id)
                .organiser(organiser)
                .title(title)
                .schedule(start, end)
                .capacity(capacity)
                .waitlist(waitlist)
                .registrationWindow(opening, closing)
                .addressConfirmation(
                        confirmsAddress()
                                ? AddressConfirmation.required(
                                        base == null
                                                ? AddressConfirmation.DEFAULT_HOLD
                                                : base.addressConfirmation().hold())
                                : AddressConfirmation.notRequired());
        if (description != null) {
            b.description(description);
        }
        if (!venueName.isEmpty()) {
            b.venue(Venue.of(venueName, venueAddress));
        }
        if (reminderDays != null) {
            b.reminderBefore(Duration.ofDays(reminderDays));
        }
        if (deadline != null) {
            b.cancellationDeadline(deadline.toInstant());
        }
        b.retention(Retention.of(Duration.ofDays(retentionDays), Duration.ofDays(sensitiveDays)));
        for (String name : coHostNames) {
            // A co-host kept by name keeps its organisation number.
            b.coHost(
                    base == null
                            ? Organisation.of(name)
                            : base.coHosts().stream()
                                    .filter(o -> o.name().equals(name))
                                    .findFirst()
                                    .orElse(Organisation.of(name)));
        }
        if (parts != null) {
            parts.sessions().forEach(b::session);
            parts.questions().forEach(b::question);
            b.eligibility(parts.eligibility(), parts.outside());
            b.askFor(parts.askFor());
            if (parts.audienceText() != null) {
                b.audienceDescription(parts.audienceText());
            }
        }
        if (base == null) {
            b.host(Organisation.of(host));
        } else {
            // What the editor does not show yet is kept as it is.
            b.host(base.host().name().equals(host) ? base.host() : Organisation.of(host));
            base.infoUrl().ifPresent(b::infoUrl);
            if (parts == null) {
                base.audienceDescription().ifPresent(b::audienceDescription);
                base.sessions().forEach(b::session);
                base.questions().forEach(b::question);
                b.eligibility(base.eligibility(), base.outsideAudience());
                b.askFor(base.askFor());
            }
            b.waitingListCap(base.waitingListCap());
        }
        return b.build();
    }

    /** Reads and checks single fields, adding errors in the person's language. */
    private final class Checker {
        private final FormErrors errors;
        private final MessageSource m;
        private final Locale locale;

        Checker(FormErrors errors, MessageSource m, Locale locale) {
            this.errors = errors;
            this.m = m;
            this.locale = locale;
        }

        void error(String field, String key) {
            errors.add(field, m.getMessage(key, null, locale));
        }

        String text(String field, int max) {
            String v = get(field);
            if (v.length() > max) {
                errors.add(field, m.getMessage("editor.error.tooLong", new Object[] {max}, locale));
            }
            return v;
        }

        LocalizedText texts(String prefix, int max, boolean required) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (String lang : List.of("nb", "nn", "en")) {
                String field = prefix + Character.toUpperCase(lang.charAt(0)) + lang.charAt(1);
                String v = text(field, max);
                if (!v.isEmpty()) {
                    texts.put(lang, v);
                }
            }
            if (!texts.containsKey("nb")) {
                if (required || !texts.isEmpty()) {
                    error(prefix + "Nb", "editor.error." + prefix);
                }
                return null;
            }
            return new LocalizedText(texts);
        }

        ZonedDateTime time(String field, boolean required) {
            String v = get(field);
            if (v.isEmpty()) {
                if (required) {
                    error(field, "editor.error.dateTime");
                }
                return null;
            }
            try {
                return LocalDateTime.parse(v.replace(' ', 'T')).atZone(Views.OSLO);
            } catch (DateTimeParseException e) {
                error(field, "editor.error.dateTime");
                return null;
            }
        }

        Integer number(String field, int min, int max, boolean required, String key) {
            String v = get(field).replace(" ", "").replace("\u00a0", "");
            if (v.isEmpty()) {
                if (required) {
                    error(field, key);
                }
                return null;
            }
            try {
                int n = Integer.parseInt(v);
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            error(field, key);
            return null;
        }
    }
}
