package org.eventregistration.jdbc;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.attendee.Role;
import org.eventregistration.attendee.Sector;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.ReservedSeats;
import org.eventregistration.capacity.WaitingListCap;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.event.AddressConfirmation;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.PersonalField;
import org.eventregistration.event.Question;
import org.eventregistration.event.Retention;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.event.Venue;
import org.eventregistration.i18n.LocalizedText;

/** Stores events as JSON (the default {@link EventCodec}), custom eligibility rules by their registered names. */
final class JsonEventCodec implements EventCodec {
    private static final int FORMAT = 1;
    private final Map<String, EligibilityRule.Custom> customRules = new LinkedHashMap<>();

    JsonEventCodec(Collection<? extends EligibilityRule> rules) {
        for (EligibilityRule rule : rules) {
            if (!(rule instanceof EligibilityRule.Custom custom)) {
                throw new IllegalArgumentException(
                        "only rules made with EligibilityRule.custom need registering, not " + rule);
            }
            if (customRules.putIfAbsent(custom.name(), custom) != null) {
                throw new IllegalArgumentException(
                        "custom eligibility rule '" + custom.name() + "' is registered twice");
            }
        }
    }

    // ------------------------------------------------------------------ encode

    @Override
    public String encode(Event e) {
        JsonObject o = new JsonObject()
                .put("format", FORMAT)
                .put("id", e.id().value())
                .put("title", text(e.title()))
                .putOptional(
                        "description", e.description().map(JsonEventCodec::text).orElse(null))
                .put("start", e.start().toString())
                .put("end", e.end().toString())
                .putOptional(
                        "venue",
                        e.venue()
                                .map(v -> new JsonObject().put("name", v.name()).put("address", v.address()))
                                .orElse(null))
                .put("host", organisation(e.host()))
                .put(
                        "coHosts",
                        e.coHosts().stream()
                                .map(JsonEventCodec::organisation)
                                .map(x -> (Object) x.map)
                                .toList())
                .putOptional("infoUrl", e.infoUrl().map(URI::toString).orElse(null))
                .putOptional(
                        "audienceDescription",
                        e.audienceDescription().map(JsonEventCodec::text).orElse(null))
                .put("registrationOpens", e.registrationOpens().toString())
                .put("registrationCloses", e.registrationCloses().toString())
                .put("cancellationDeadline", e.cancellationDeadline().toString())
                .put(
                        "sessions",
                        e.sessions().stream()
                                .map(s -> (Object) new JsonObject()
                                        .put("id", s.id().value())
                                        .put("title", text(s.title()))
                                        .put("start", s.start().toString())
                                        .put("end", s.end().toString())
                                        .put("seats", s.seats())
                                        .map)
                                .toList())
                .put("capacity", capacity(e))
                .put(
                        "waitlist",
                        new JsonObject()
                                .put("mode", e.waitlist().mode().name())
                                .put(
                                        "offerValidity",
                                        e.waitlist().offerValidity().toString())
                                .put("maxLength", e.waitlist().maxLength()))
                .put("eligibility", rule(e.id(), e.eligibility()))
                .put("outsideAudience", e.outsideAudience().name())
                .put(
                        "questions",
                        e.questions().stream()
                                .map(q -> (Object) question(q).map)
                                .toList())
                .put("organiser", e.organiser().value())
                .put(
                        "retention",
                        new JsonObject()
                                .put(
                                        "personalData",
                                        e.retention().personalData().toString())
                                .put(
                                        "sensitiveAnswers",
                                        e.retention().sensitiveAnswers().toString()))
                .putOptional("addressConfirmation", addressConfirmation(e.addressConfirmation()))
                .putOptional(
                        "reminderBefore",
                        e.reminderBefore().map(Duration::toString).orElse(null))
                // Both left out while they have their first values, as in definitions stored before.
                .putOptional("revision", e.revision() > 0 ? (Object) e.revision() : null)
                .putOptional(
                        "cancelledAt", e.cancelledAt().map(Instant::toString).orElse(null))
                // Only when not every field: a definition stored before asks for all of them.
                .putOptional(
                        "askFor",
                        e.askFor().size() == PersonalField.values().length
                                ? null
                                : e.askFor().stream().map(Enum::name).sorted().toList())
                // Only when set: a definition without it (stored before) has the default cap.
                .putOptional(
                        "waitingListCap",
                        e.waitingListCap().equals(WaitingListCap.DEFAULT)
                                ? null
                                : e.waitingListCap().toString());
        return o.toJson();
    }

    /**
     * Left out when not required with the default hold: that is what a definition stored before
     * schema version 5 means, so such an event is written exactly as before.
     */
    private static JsonObject addressConfirmation(AddressConfirmation a) {
        return a.equals(AddressConfirmation.notRequired())
                ? null
                : new JsonObject()
                        .put("required", a.required())
                        .put("hold", a.hold().toString());
    }

    private static Map<String, Object> text(LocalizedText t) {
        return new LinkedHashMap<>(new java.util.TreeMap<>(t.texts()));
    }

    private static JsonObject organisation(Organisation org) {
        return new JsonObject()
                .put("name", org.name())
                .putOptional(
                        "number", org.number().map(OrganisationNumber::value).orElse(null));
    }

    private JsonObject capacity(Event e) {
        CapacityPolicy c = e.capacity();
        List<Object> reservations = new ArrayList<>();
        for (ReservedSeats r : c.reservations()) {
            reservations.add(new JsonObject()
                    .put("id", r.id())
                    .put("seats", r.seats())
                    .put("audience", rule(e.id(), r.audience()))
                    .put("until", r.until().toString())
                    .put("description", text(r.description()))
                    .map);
        }
        return new JsonObject()
                .put("seats", c.seats())
                .put("maxPerOrganisation", c.maxPerOrganisation())
                .put("maxSessionsPerPerson", c.maxSessionsPerPerson())
                .put("reservations", reservations);
    }

    private static JsonObject question(Question q) {
        List<Object> options = new ArrayList<>();
        q.options()
                .forEach((id, label) ->
                        options.add(new JsonObject().put("id", id).put("label", text(label)).map));
        return new JsonObject()
                .put("id", q.id())
                .put("label", text(q.label()))
                .put("kind", q.kind().name())
                .put("required", q.required())
                .put("options", options)
                .put("maxLength", q.maxLength())
                .put("sensitive", q.sensitive());
    }

    private JsonObject rule(EventId event, EligibilityRule rule) {
        if (rule instanceof EligibilityRule.Everyone) {
            return type("everyone");
        } else if (rule instanceof EligibilityRule.SectorIn r) {
            return type("sectorIn")
                    .put(
                            "sectors",
                            r.sectors().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .map(x -> (Object) x)
                                    .toList());
        } else if (rule instanceof EligibilityRule.RoleIn r) {
            return type("roleIn")
                    .put(
                            "roles",
                            r.roles().stream()
                                    .map(Enum::name)
                                    .sorted()
                                    .map(x -> (Object) x)
                                    .toList());
        } else if (rule instanceof EligibilityRule.OrganisationNumberIn r) {
            return type("organisationNumberIn")
                    .put(
                            "numbers",
                            r.numbers().stream()
                                    .map(OrganisationNumber::value)
                                    .sorted()
                                    .map(x -> (Object) x)
                                    .toList());
        } else if (rule instanceof EligibilityRule.EmailDomainIn r) {
            return type("emailDomainIn")
                    .put(
                            "domains",
                            r.domains().stream().sorted().map(x -> (Object) x).toList());
        } else if (rule instanceof EligibilityRule.InvitationCode r) {
            return type("invitationCode")
                    .put(
                            "codes",
                            r.codes().stream().sorted().map(x -> (Object) x).toList());
        } else if (rule instanceof EligibilityRule.AllOf r) {
            return type("allOf").put("rules", rules(event, r.rules()));
        } else if (rule instanceof EligibilityRule.AnyOf r) {
            return type("anyOf").put("rules", rules(event, r.rules()));
        } else if (rule instanceof EligibilityRule.Not r) {
            return type("not").put("rule", rule(event, r.rule()));
        } else if (rule instanceof EligibilityRule.OrApproval r) {
            return type("orApproval").put("rule", rule(event, r.rule()));
        } else if (rule instanceof EligibilityRule.Custom r) {
            if (!customRules.containsKey(r.name())) {
                throw new IllegalArgumentException("event " + event + " uses the custom eligibility rule '" + r.name()
                        + "', which is not registered: register it with JdbcRegistrationStore.builder(...).customRule(rule)"
                        + " on every node, so that the stored event can be read back");
            }
            return type("custom").put("name", r.name());
        }
        throw new IllegalArgumentException(
                "event " + event + " uses an eligibility rule that cannot be stored ("
                        + rule.getClass().getName() + "): build it from the EligibilityRule factories, or make it with"
                        + " EligibilityRule.custom(name, ...) and register it with JdbcRegistrationStore.builder(...).customRule(rule)");
    }

    private List<Object> rules(EventId event, List<EligibilityRule> rules) {
        List<Object> out = new ArrayList<>();
        for (EligibilityRule r : rules) {
            out.add(rule(event, r).map);
        }
        return out;
    }

    private static JsonObject type(String type) {
        return new JsonObject().put("type", type);
    }

    // ------------------------------------------------------------------ decode

    @Override
    public Event decode(String stored) {
        JsonObject o = JsonObject.parse(stored, "event");
        if (o.intValue("format") != FORMAT) {
            throw new IllegalArgumentException("stored event has unknown format " + o.intValue("format"));
        }
        EventId id = EventId.of(o.string("id"));
        Event.Builder b = Event.builder(id)
                .title(text(o.object("title")))
                .schedule(ZonedDateTime.parse(o.string("start")), ZonedDateTime.parse(o.string("end")))
                .host(organisation(o.object("host")))
                .registrationWindow(
                        Instant.parse(o.string("registrationOpens")), Instant.parse(o.string("registrationCloses")))
                .cancellationDeadline(Instant.parse(o.string("cancellationDeadline")))
                .capacity(capacity(id, o.object("capacity")))
                .eligibility(rule(id, o.object("eligibility")), OutsideAudience.valueOf(o.string("outsideAudience")));
        if (o.has("description")) {
            b.description(text(o.object("description")));
        }
        // Absent in definitions stored before organisers and retention existed: the defaults apply.
        if (o.has("organiser")) {
            b.organiser(OrganiserId.of(o.string("organiser")));
        }
        if (o.has("retention")) {
            JsonObject r = o.object("retention");
            b.retention(Retention.of(
                    Duration.parse(r.string("personalData")), Duration.parse(r.string("sensitiveAnswers"))));
        }
        // Absent in definitions stored before schema version 5: those events keep working as they
        // did, without address confirmation (new events are built with it required).
        if (o.has("addressConfirmation")) {
            JsonObject a = o.object("addressConfirmation");
            b.addressConfirmation(new AddressConfirmation(a.bool("required"), Duration.parse(a.string("hold"))));
        } else {
            b.addressConfirmation(AddressConfirmation.notRequired());
        }
        if (o.has("reminderBefore")) {
            b.reminderBefore(Duration.parse(o.string("reminderBefore")));
        }
        if (o.has("revision")) {
            b.revision(o.intValue("revision"));
        }
        if (o.has("cancelledAt")) {
            b.cancelledAt(Instant.parse(o.string("cancelledAt")));
        }
        if (o.has("askFor")) {
            java.util.EnumSet<PersonalField> fields = java.util.EnumSet.noneOf(PersonalField.class);
            for (Object f : o.list("askFor")) {
                fields.add(PersonalField.valueOf((String) f));
            }
            b.askFor(fields);
        }
        if (o.has("waitingListCap")) {
            b.waitingListCap(WaitingListCap.parse(o.string("waitingListCap")));
        }
        if (o.has("venue")) {
            JsonObject v = o.object("venue");
            b.venue(Venue.of(v.string("name"), v.string("address")));
        }
        for (Object c : o.list("coHosts")) {
            b.coHost(organisation(JsonObject.of(c, "co-host")));
        }
        if (o.has("infoUrl")) {
            b.infoUrl(URI.create(o.string("infoUrl")));
        }
        if (o.has("audienceDescription")) {
            b.audienceDescription(text(o.object("audienceDescription")));
        }
        for (Object x : o.list("sessions")) {
            JsonObject s = JsonObject.of(x, "session");
            b.session(new Session(
                    SessionId.of(s.string("id")),
                    text(s.object("title")),
                    ZonedDateTime.parse(s.string("start")),
                    ZonedDateTime.parse(s.string("end")),
                    s.intValue("seats")));
        }
        JsonObject w = o.object("waitlist");
        b.waitlist(new WaitlistPolicy(
                WaitlistPolicy.Mode.valueOf(w.string("mode")),
                Duration.parse(w.string("offerValidity")),
                w.intValue("maxLength")));
        for (Object x : o.list("questions")) {
            b.question(question(JsonObject.of(x, "question")));
        }
        return b.build();
    }

    private static LocalizedText text(JsonObject o) {
        Map<String, String> texts = new LinkedHashMap<>();
        o.map.forEach((k, v) -> texts.put(k, (String) v));
        return new LocalizedText(texts);
    }

    private static Organisation organisation(JsonObject o) {
        return new Organisation(
                o.string("name"),
                Optional.ofNullable(o.optString("number"))
                        .filter(OrganisationNumber::isValid) // stored before the form check
                        .map(OrganisationNumber::new));
    }

    private CapacityPolicy capacity(EventId id, JsonObject o) {
        List<ReservedSeats> reservations = new ArrayList<>();
        for (Object x : o.list("reservations")) {
            JsonObject r = JsonObject.of(x, "reservation");
            reservations.add(new ReservedSeats(
                    r.string("id"),
                    r.intValue("seats"),
                    rule(id, r.object("audience")),
                    Instant.parse(r.string("until")),
                    text(r.object("description"))));
        }
        return new CapacityPolicy(
                o.intValue("seats"),
                o.intValue("maxPerOrganisation"),
                o.intValue("maxSessionsPerPerson"),
                reservations);
    }

    private static Question question(JsonObject o) {
        Map<String, LocalizedText> options = new LinkedHashMap<>();
        for (Object x : o.list("options")) {
            JsonObject opt = JsonObject.of(x, "option");
            options.put(opt.string("id"), text(opt.object("label")));
        }
        return new Question(
                o.string("id"),
                text(o.object("label")),
                Question.Kind.valueOf(o.string("kind")),
                o.bool("required"),
                options,
                o.intValue("maxLength"),
                o.bool("sensitive"));
    }

    private EligibilityRule rule(EventId event, JsonObject o) {
        String type = o.string("type");
        switch (type) {
            case "everyone":
                return EligibilityRule.everyone();
            case "sectorIn": {
                Set<Sector> sectors = EnumSet.noneOf(Sector.class);
                o.list("sectors").forEach(x -> sectors.add(Sector.valueOf((String) x)));
                return new EligibilityRule.SectorIn(sectors);
            }
            case "roleIn": {
                Set<Role> roles = EnumSet.noneOf(Role.class);
                o.list("roles").forEach(x -> roles.add(Role.valueOf((String) x)));
                return new EligibilityRule.RoleIn(roles);
            }
            case "organisationNumberIn": {
                Set<OrganisationNumber> numbers = new LinkedHashSet<>();
                o.list("numbers").forEach(x -> numbers.add(new OrganisationNumber((String) x)));
                return new EligibilityRule.OrganisationNumberIn(numbers);
            }
            case "emailDomainIn":
                return new EligibilityRule.EmailDomainIn(strings(o.list("domains")));
            case "invitationCode":
                return new EligibilityRule.InvitationCode(strings(o.list("codes")));
            case "allOf":
                return new EligibilityRule.AllOf(decodeRules(event, o.list("rules")));
            case "anyOf":
                return new EligibilityRule.AnyOf(decodeRules(event, o.list("rules")));
            case "not":
                return new EligibilityRule.Not(rule(event, o.object("rule")));
            case "orApproval":
                return new EligibilityRule.OrApproval(rule(event, o.object("rule")));
            case "custom": {
                String name = o.string("name");
                EligibilityRule.Custom custom = customRules.get(name);
                if (custom == null) {
                    throw new IllegalArgumentException(
                            "stored event " + event + " uses the custom eligibility rule '" + name
                                    + "', which is not registered on this node: register it with"
                                    + " JdbcRegistrationStore.builder(...).customRule(rule)");
                }
                return custom;
            }
            default:
                throw new IllegalArgumentException(
                        "stored event " + event + " has an unknown eligibility rule type '" + type + "'");
        }
    }

    private List<EligibilityRule> decodeRules(EventId event, List<Object> list) {
        List<EligibilityRule> rules = new ArrayList<>();
        for (Object x : list) {
            rules.add(rule(event, JsonObject.of(x, "rule")));
        }
        return rules;
    }

    private static Set<String> strings(List<Object> list) {
        Set<String> out = new LinkedHashSet<>();
        list.forEach(x -> out.add((String) x));
        return out;
    }
}
