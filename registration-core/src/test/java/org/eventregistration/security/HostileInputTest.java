package org.eventregistration.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.eventregistration.attendee.PlainText;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.GroupRegistrationRequest;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * 10,000 generated hostile inputs through the entry points: only outcomes (never an unexpected
 * exception), a request with a control character or an invisible direction override is always
 * refused as invalid, a refused request leaves the store exactly as it was, and an accepted one is
 * stored exactly as typed. The seed is printed with every failure.
 */
class HostileInputTest {
    private static final String[] FRAGMENTS = {
        "'; DROP TABLE reg_registration; --",
        "\" OR 1=1 --",
        "' OR ''='",
        "%",
        "_",
        "\\",
        "`",
        "/*",
        "*/",
        "${prefix}",
        "{0}",
        "<script>alert(1)</script>",
        "=HYPERLINK(\"http://x\")",
        "+47",
        "@SUM(A1)",
        "Robert'); --",
        "NULL",
        "null",
        "\\u0000",
        "Åse",
        "Øyvind Ødegård",
        "Áilu Ŋuolla-Čuđđi",
        "O'Brien",
        "Jean-Luc",
        "王小明",
        "Иван",
        "محمد",
        "🦐🎉",
        "e\u0301",
        "ß",
        "İ",
        " ",
        "\u2003",
        "\u00a0"
    };
    private static final String[] FORBIDDEN = {
        "\u0000", "\u0007", "\u001b", "\r", "\n", "\t", "\u007f", "\u0085", "\u202e", "\u202d", "\u2066", "\u2069",
        "\u2028", "\ufeff", "\ud800", "\u200b", "\u200e", "\u061c"
    };

    /** Forbidden even in multi-line text. */
    private static final String[] SINGLE_LINE_OK_FORBIDDEN = {
        "\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u202e", "\u2066", "\u2028", "\ufeff", "\ud800"
    };

    private final RandomGenerator seeds =
            RandomGeneratorFactory.of("L64X128MixRandom").create(System.nanoTime());

    @Test
    void tenThousandHostileRequests() {
        long seed = seeds.nextLong();
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Event event = Fixtures.event("hostile", 50)
                .session(Fixtures.session("a", 10, 20))
                .question(Question.text("diet", LocalizedText.of("Allergier?")))
                .question(Question.choice(
                        "lunch",
                        LocalizedText.of("Lunsj"),
                        List.of(Question.Option.of("fish", LocalizedText.of("Fisk")))))
                .build();
        Fixtures.console(service).saveEvent(event);
        int accepted = 0;
        int invalid = 0;
        for (int i = 0; i < 10_000; i++) {
            String context = "seed=" + seed + " i=" + i;
            boolean forbidden = random.nextInt(3) == 0;
            RegistrationRequest request = request(random, event, i, forbidden);
            List<Registration> before = store.findRegistrations(event.id());
            Ledger ledgerBefore = store.findLedger(event.id()).orElseThrow();
            RegistrationOutcome outcome;
            try {
                outcome = service.register(request);
            } catch (RuntimeException e) {
                throw new AssertionError(
                        "unexpected exception, " + context + ", request fields: " + describe(request), e);
            }
            if (forbidden) {
                assertThat(outcome)
                        .as("forbidden characters must be refused, %s: %s", context, describe(request))
                        .isInstanceOf(RegistrationOutcome.Invalid.class);
            }
            if (outcome instanceof RegistrationOutcome.AlreadyRegistered
                    || outcome instanceof RegistrationOutcome.Repeated
                    || outcome instanceof RegistrationOutcome.IdempotencyKeyReused) {
                invalid++;
                // No new registration; an existing one may count a link sent to its owner.
                assertThat(store.findRegistrations(event.id()).stream()
                                .map(Registration::id)
                                .toList())
                        .as("no registration added, %s", context)
                        .isEqualTo(before.stream().map(Registration::id).toList());
                assertThat(store.findLedger(event.id()))
                        .as("ledger unchanged, %s", context)
                        .contains(ledgerBefore);
            } else if (outcome instanceof RegistrationOutcome.Invalid
                    || outcome instanceof RegistrationOutcome.Rejected) {
                invalid++;
                assertThat(store.findRegistrations(event.id()))
                        .as("store unchanged, %s", context)
                        .isEqualTo(before);
                assertThat(store.findLedger(event.id()))
                        .as("ledger unchanged, %s", context)
                        .contains(ledgerBefore);
            } else {
                accepted++;
                Registration stored = store.findRegistration(
                                Fixtures.registration(outcome).id())
                        .orElseThrow();
                assertThat(stored.attendee().name())
                        .as(context)
                        .isEqualTo(request.name().strip());
                assertThat(stored.attendee().email())
                        .as(context)
                        .isEqualTo(request.email().strip());
                assertThat(PlainText.Validator.isPlain(stored.attendee().name(), false))
                        .as(context)
                        .isTrue();
                // Cancel half of them again through the manage token, so the other entry points see hostile data too.
                if (random.nextBoolean()) {
                    service.cancel(Fixtures.token(outcome));
                }
            }
        }
        assertThat(accepted)
                .as("seed=%d: some hostile-looking but legitimate input is accepted", seed)
                .isGreaterThan(100);
        assertThat(invalid).as("seed=%d", seed).isGreaterThan(1000);
    }

    @Test
    void hostileTokensNotesAndGroupsAreOutcomesOrCleanRefusals() {
        long seed = seeds.nextLong();
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        InMemoryRegistrationStore store = new InMemoryRegistrationStore();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Event event = Fixtures.event("hostile2", 500).build();
        Fixtures.console(service).saveEvent(event);
        RegistrationOutcome kari =
                service.register(Fixtures.person(event, "kari@example.no").build());
        for (int i = 0; i < 1_000; i++) {
            String context = "seed=" + seed + " i=" + i;
            String text = hostile(random, random.nextInt(3) == 0);
            // A token from a URL: either refused as malformed, or not found; never someone's registration.
            try {
                ManageToken token = new ManageToken(text);
                assertThat(service.findByManageToken(token)).as(context).isEmpty();
                try {
                    service.cancel(token);
                    fail("a hostile token cancelled something, " + context);
                } catch (RegistrationNotFoundException expected) {
                    // fine
                }
            } catch (IllegalArgumentException malformed) {
                assertThat(text.isEmpty() || text.length() > 100).as(context).isTrue();
            }
            // A group of hostile members is registered whole or refused whole.
            List<RegistrationRequest> members = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                members.add(request(random, event, 100_000 + i * 3 + m, random.nextInt(4) == 0).toBuilder()
                        .organisation("Asker kommune", "")
                        .build());
            }
            int before = store.findRegistrations(event.id()).size();
            GroupOutcome group;
            try {
                group = service.registerGroup(GroupRegistrationRequest.of(members));
            } catch (RuntimeException e) {
                throw new AssertionError("unexpected exception, " + context, e);
            }
            int after = store.findRegistrations(event.id()).size();
            if (group instanceof GroupOutcome.Registered) {
                assertThat(after - before).as(context).isEqualTo(3);
            } else {
                assertThat(after).as(context).isEqualTo(before);
            }
        }
        // Organisers' notes are free text: control characters are neutralised, length is bounded.
        Registration cancelled = Fixtures.console(service, Actor.organiser("ola"))
                .cancel(
                        Fixtures.registration(kari).id(),
                        "flyttet\u0000 til\u202e annet\n arrangement" + "x".repeat(2000));
        String note = cancelled.history().get(cancelled.history().size() - 1).reason();
        assertThat(PlainText.Validator.isPlain(note, false))
                .as("seed=%d note=%s", seed, note)
                .isTrue();
        assertThat(note).hasSizeLessThanOrEqualTo(500).startsWith("flyttet");
    }

    @Test
    void unicodeWhitespaceOnlyNamesAreInvalidNotErrors() {
        RegistrationService service = RegistrationService.builder()
                .clock(MutableClock.at(Fixtures.T0))
                .build();
        Event event = Fixtures.event("blank", 5).build();
        Fixtures.console(service).saveEvent(event);
        for (String blank : List.of("\u2003", " \u2003 ", "\u3000", "\u2002\u2009")) {
            RegistrationOutcome outcome = service.register(Fixtures.person(event, "x@example.no")
                    .name(blank)
                    .organisation(blank, "")
                    .build());
            assertThat(outcome)
                    .as("name %s", blank.codePoints().boxed().toList())
                    .isInstanceOf(RegistrationOutcome.Invalid.class);
            assertThat(((RegistrationOutcome.Invalid) outcome).violations())
                    .extracting(v -> v.field())
                    .contains("name");
        }
    }

    private static RegistrationRequest request(RandomGenerator random, Event event, int i, boolean forbidden) {
        // Which fields get the forbidden characters, if any: at least one.
        int poisoned = forbidden ? random.nextInt(7) : -1;
        RegistrationRequest.Builder b = RegistrationRequest.builder(event.id())
                .name(poisoned == 0 ? hostile(random, true) : nonBlank(random) + " " + i)
                .email(poisoned == 1 ? "p" + i + hostile(random, true) + "@example.org" : email(random, i))
                .phone(poisoned == 2 ? hostile(random, true) : random.nextBoolean() ? "+47 22 33 44 55" : "")
                .organisation(
                        poisoned == 3 ? hostile(random, true) : random.nextBoolean() ? hostile(random, false) : "",
                        random.nextInt(5) == 0 ? hostile(random, false) : "")
                .invitationCode(
                        poisoned == 4 ? hostile(random, true) : random.nextBoolean() ? hostile(random, false) : "")
                .idempotencyKey(random.nextInt(4) == 0 ? hostile(random, poisoned == 5) : "");
        if (random.nextInt(4) == 0) {
            b.session(random.nextBoolean() ? "a" : hostile(random, false));
        }
        if (poisoned == 6 || random.nextInt(3) == 0) {
            // Answers may span lines: tabs and line breaks are fine there, the rest is not.
            String answer = hostile(random, false);
            if (poisoned == 6) {
                answer = answer + SINGLE_LINE_OK_FORBIDDEN[random.nextInt(SINGLE_LINE_OK_FORBIDDEN.length)];
            }
            b.answer(random.nextInt(4) == 0 ? hostile(random, false) : "diet", answer);
        }
        if (poisoned == 5) {
            b.idempotencyKey(hostile(random, true));
        }
        return b.build();
    }

    private static String nonBlank(RandomGenerator random) {
        String s;
        do {
            s = hostile(random, false);
        } while (s.strip().isEmpty() || s.length() > 150);
        return s;
    }

    private static String email(RandomGenerator random, int i) {
        return switch (random.nextInt(4)) {
            case 0 -> "p" + i + "@example.org";
            case 1 -> "P" + i + "@EXAMPLE.org ";
            case 2 -> "o'brien." + i + "@asker.kommune.no";
            default -> hostile(random, false) + i + "@example.org";
        };
    }

    /** A hostile string: fragments, scripts, sometimes huge, with a forbidden character if asked. */
    static String hostile(RandomGenerator random, boolean withForbidden) {
        StringBuilder s = new StringBuilder();
        int parts = 1 + random.nextInt(4);
        for (int p = 0; p < parts; p++) {
            s.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
        if (random.nextInt(50) == 0) {
            s.append("a".repeat(random.nextInt(20_000)));
        }
        if (withForbidden) {
            s.insert(random.nextInt(s.length() + 1), FORBIDDEN[random.nextInt(FORBIDDEN.length)]);
        }
        return s.toString();
    }

    private static String describe(RegistrationRequest r) {
        return List.of(
                        r.name(),
                        r.email(),
                        r.phone(),
                        r.organisationName(),
                        r.organisationNumber(),
                        r.invitationCode(),
                        r.idempotencyKey(),
                        r.sessions().toString(),
                        r.answers().toString())
                .stream()
                .map(s -> s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + ")" : s)
                .map(s -> s.codePoints()
                        .mapToObj(
                                c -> c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x2000 && c <= 0x206f) || c == 0xfeff
                                        ? String.format("\\u%04x", c)
                                        : new String(Character.toChars(c)))
                        .reduce("", String::concat))
                .toList()
                .toString();
    }
}
