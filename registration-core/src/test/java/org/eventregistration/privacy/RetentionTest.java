package org.eventregistration.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.audit.AuditEntry;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.Question;
import org.eventregistration.event.Retention;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.service.EventStatistics;
import org.eventregistration.service.OrganiserConsole;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.service.RetentionReport;
import org.eventregistration.store.memory.InMemoryRegistrationStore;
import org.eventregistration.testsupport.Fixtures;
import org.eventregistration.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * Retention on a clock the test moves: nothing changes before the deadlines; after the sensitive
 * period the sensitive answers are gone; after the retention period no personal data is left, the
 * statistics are the same, and running it again (or twice at once) changes nothing more.
 */
class RetentionTest {
    /** The personal data the story puts in; none of it may survive anonymisation. */
    static final List<String> PERSONAL = List.of(
            "Kari Nordmann",
            "kari@asker.example",
            "+47 911 22 333",
            "Lier kommune",
            "944382038",
            "Ola Hansen",
            "ola@nav.example",
            "Nav",
            "Nøtter og skalldyr",
            "Rullestol, trenger rampe",
            "Hilsen fra Kari",
            "Sykdom hos Ola Hansen",
            "Pers Enkeltmannsforetak",
            "pers enkeltmannsforetak"); // the per-organisation quota's key

    final MutableClock clock = MutableClock.at(Fixtures.T0);
    final InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    final RegistrationService service =
            RegistrationService.builder().store(store).clock(clock).build();
    final OrganiserConsole ola = Fixtures.console(service);
    final Event event = Fixtures.event("retention", 2)
            .capacity(CapacityPolicy.seats(2).withMaxPerOrganisation(5))
            .waitlist(WaitlistPolicy.autoPromote())
            .question(Question.text("diet", LocalizedText.of("Allergier?")).asSensitive())
            .question(Question.text("access", LocalizedText.of("Tilrettelegging?"))
                    .asSensitive())
            .question(Question.text("comment", LocalizedText.of("Kommentar")))
            .question(Question.choice(
                    "lunch",
                    LocalizedText.of("Lunsj"),
                    List.of(
                            Question.Option.of("fish", LocalizedText.of("Fisk")),
                            Question.Option.of("veg", LocalizedText.of("Vegetar")))))
            .question(Question.yesNo("photo", LocalizedText.of("Foto?")))
            .retention(Retention.of(Duration.ofDays(30), Duration.ofDays(7)))
            .build();
    ManageToken kariToken;

    /** Three registrations (one confirmed, one cancelled with an organiser's note, one waitlisted then promoted and checked in). */
    void story() {
        ola.saveEvent(event);
        RegistrationOutcome kari = service.register(Fixtures.person(event, "kari@asker.example")
                .name("Kari Nordmann")
                .phone("+47 911 22 333")
                .organisation("Lier kommune", "944382038")
                .answer("diet", "Nøtter og skalldyr")
                .answer("access", "Rullestol, trenger rampe")
                .answer("comment", "Hilsen fra Kari")
                .answer("lunch", "veg")
                .answer("photo", "yes")
                .build());
        kariToken = Fixtures.token(kari);
        RegistrationOutcome olaH = service.register(Fixtures.person(event, "ola@nav.example")
                .name("Ola Hansen")
                .organisation("Nav")
                .answer("lunch", "fish")
                .build());
        RegistrationOutcome per = service.register(Fixtures.person(event, "per@example.no")
                .name("Per Olsen")
                .organisation("Pers Enkeltmannsforetak") // no number: the quota is kept by the name
                .answer("photo", "no")
                .build());
        assertThat(per).isInstanceOf(RegistrationOutcome.Waitlisted.class);
        ola.cancel(Fixtures.registration(olaH).id(), "Sykdom hos Ola Hansen");
        clock.set(event.start().toInstant().plusSeconds(600));
        ola.checkIn(Fixtures.registration(per).id());
        ola.markNoShows(event.id());
    }

    @Test
    void nothingChangesBeforeTheDeadlines() {
        story();
        List<Registration> before = ola.registrations(event.id());
        clock.set(event.sensitiveAnswersExpireAt().minusSeconds(1));
        assertThat(service.applyRetention()).isEqualTo(new RetentionReport(clock.instant(), 0, 0, 0));
        assertThat(ola.registrations(event.id())).isEqualTo(before);
        assertThat(service.findByManageToken(kariToken)).isPresent();
    }

    @Test
    void sensitiveAnswersGoFirstThenAllPersonalDataWhileTheStatisticsStay() {
        story();
        List<Registration> before = ola.registrations(event.id());
        EventStatistics stats = ola.statistics(event.id());

        clock.set(event.sensitiveAnswersExpireAt());
        RetentionReport first = service.applyRetention();
        assertThat(first.sensitiveAnswersRemoved()).isEqualTo(1);
        assertThat(first.registrationsAnonymised()).isZero();
        Registration kari = find("kari@asker.example", before);
        Registration kariAfter = ola.findRegistration(kari.id()).orElseThrow();
        assertThat(kariAfter.answers()).containsOnlyKeys("comment", "lunch", "photo");
        assertThat(kariAfter.attendee()).isEqualTo(kari.attendee());
        assertThat(service.applyRetention().sensitiveAnswersRemoved())
                .as("idempotent")
                .isZero();

        clock.set(event.personalDataExpiresAt().minusSeconds(1));
        assertThat(service.applyRetention().registrationsAnonymised()).isZero();

        clock.set(event.personalDataExpiresAt());
        RetentionReport second = service.applyRetention();
        assertThat(second.registrationsAnonymised()).isEqualTo(3);
        List<Registration> after = ola.registrations(event.id());
        assertThat(after).hasSize(3).allSatisfy(r -> {
            assertThat(r.anonymised()).isTrue();
            assertThat(r.attendee().email()).isEqualTo("anonymised-" + r.id().value() + "@invalid");
            assertThat(r.attendee().phone()).isEmpty();
            assertThat(r.attendee().organisationName()).isEmpty();
            assertThat(r.attendee().organisationNumber()).isEmpty();
            assertThat(r.answers()).doesNotContainKeys("diet", "access", "comment");
            assertThat(r.idempotencyKey()).isEmpty();
        });
        // Kept: statuses, sessions, choices, sector, role, the history's statuses and times, the counters.
        for (Registration r : before) {
            Registration a = after.stream()
                    .filter(x -> x.id().equals(r.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(a.status()).isEqualTo(r.status());
            assertThat(a.sessions()).isEqualTo(r.sessions());
            assertThat(a.holds())
                    .as("the seats held, without the per-organisation quota keys")
                    .isEqualTo(r.holds().stream()
                            .filter(k -> !k.isOrganisation())
                            .collect(java.util.stream.Collectors.toSet()));
            assertThat(a.attendee().sector()).isEqualTo(r.attendee().sector());
            assertThat(a.attendee().role()).isEqualTo(r.attendee().role());
            assertThat(a.history().subList(0, r.history().size()))
                    .extracting(StatusChange::status, StatusChange::at)
                    .isEqualTo(r.history().stream()
                            .map(c -> org.assertj.core.groups.Tuple.tuple(c.status(), c.at()))
                            .toList());
        }
        assertThat(find("kari@asker.example", before)).isNotNull();
        assertThat(after.stream()
                        .filter(r -> r.id().equals(kari.id()))
                        .findFirst()
                        .orElseThrow()
                        .answers())
                .containsExactlyInAnyOrderEntriesOf(Map.of("lunch", "veg", "photo", "yes"));
        assertThat(ola.statistics(event.id())).isEqualTo(stats);
        assertNoPersonalData(store);
        assertThat(service.findByManageToken(kariToken))
                .as("the token of an anonymised registration")
                .isEmpty();
        assertThat(ola.exportPersonalData("kari@asker.example").registrations()).isEmpty();

        List<AuditEntry> audit = ola.auditLog(event.id());
        assertThat(audit)
                .filteredOn(e -> e.action() == AuditAction.ANONYMISED)
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.actor().id()).isEqualTo("system"));
        assertThat(audit)
                .filteredOn(e -> e.action() == AuditAction.SENSITIVE_ANSWERS_REMOVED)
                .hasSize(1);
        assertThat(audit)
                .filteredOn(e -> e.action() == AuditAction.RETENTION_RUN)
                .hasSize(2);
        assertThat(audit)
                .extracting(AuditEntry::action)
                .contains(
                        AuditAction.EVENT_SAVED,
                        AuditAction.CANCELLED_BY_ORGANISER,
                        AuditAction.CHECKED_IN,
                        AuditAction.MARKED_NO_SHOW);

        // An anonymised registration is read-only for organisers too.
        Registration anyAnonymised = after.get(0);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ola.cancel(anyAnonymised.id(), ""))
                .isInstanceOf(org.eventregistration.registration.RegistrationRefusedException.class);

        List<Registration> done = ola.registrations(event.id());
        clock.advance(Duration.ofDays(400));
        assertThat(service.applyRetention()).isEqualTo(new RetentionReport(clock.instant(), 0, 0, 0));
        assertThat(ola.registrations(event.id()))
                .as("a second run changes nothing")
                .isEqualTo(done);
        assertThat(ola.auditLog(event.id())).hasSize(audit.size());
    }

    @Test
    void twoRunsAtOnceGiveTheSameResultAsOne() throws Exception {
        story();
        EventStatistics stats = ola.statistics(event.id());
        clock.set(event.personalDataExpiresAt().plusSeconds(1));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RetentionReport>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return service.applyRetention();
                }));
            }
            go.countDown();
            int anonymised = 0;
            for (Future<RetentionReport> f : runs) {
                anonymised += f.get(30, TimeUnit.SECONDS).registrationsAnonymised();
            }
            assertThat(anonymised)
                    .as("each registration anonymised exactly once")
                    .isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ola.registrations(event.id()))
                .allSatisfy(r -> assertThat(r.history())
                        .filteredOn(c -> c.reason().equals(Registration.ANONYMISED))
                        .hasSize(1));
        assertThat(ola.auditLog(event.id()))
                .filteredOn(e -> e.action() == AuditAction.ANONYMISED)
                .hasSize(3);
        assertThat(ola.statistics(event.id())).isEqualTo(stats);
        assertNoPersonalData(store);
    }

    private static Registration find(String email, List<Registration> in) {
        return in.stream()
                .filter(r -> r.attendee().normalizedEmail().equals(email))
                .findFirst()
                .orElseThrow();
    }

    /** Walks every object reachable from the store and checks that no string holds personal data. */
    static void assertNoPersonalData(Object root) {
        List<String> strings = new ArrayList<>();
        collect(root, strings, new IdentityHashMap<>(), 0);
        assertThat(strings).isNotEmpty();
        for (String p : PERSONAL) {
            assertThat(strings).as("no string in the store contains '%s'", p).noneMatch(s -> s.contains(p));
        }
    }

    private static void collect(Object o, List<String> out, Map<Object, Boolean> seen, int depth) {
        if (o == null || depth > 40 || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof String s) {
            out.add(s);
            return;
        }
        Class<?> c = o.getClass();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                collect(k, out, seen, depth + 1);
                collect(v, out, seen, depth + 1);
            });
            return;
        }
        if (o instanceof Collection<?> coll) {
            coll.forEach(x -> collect(x, out, seen, depth + 1));
            return;
        }
        if (c.isArray() && !c.getComponentType().isPrimitive()) {
            for (Object x : (Object[]) o) {
                collect(x, out, seen, depth + 1);
            }
            return;
        }
        String name = c.getName();
        if (!name.startsWith("org.eventregistration.")) {
            return;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    collect(f.get(o), out, seen, depth + 1);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not reachable: skip
                }
            }
        }
    }

    static Set<String> unused() {
        return Set.of();
    }
}
