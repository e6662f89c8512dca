package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.Organisation;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.LocalizedText;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.TakeoverOutcome;
import org.eventregistration.service.RegistrationService;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a store must do for the person's own changes: keep a seat offered to a colleague with the
 * registration (and drop it), keep a hand-over link's purpose and expiry exactly enough to tell
 * one offer from the next, and, through the service, move session counters and hand a seat over
 * in one unit of work even when the take-over races another take-over and a cancellation. Part of
 * {@link RegistrationStoreContract}: extend that class, not this one.
 */
public abstract class SelfServiceContract extends EventChangesContract {
    private static final String ORG = "944382038";

    @Test
    @DisplayName("a seat offered to a colleague round-trips with the registration, and goes when it moves")
    void handoverRoundTrip() {
        Event event = saved("handover-trip", 10);
        Registration r = Fixtures.confirmed(event.id(), "kari@example.org");
        insert(r);
        Registration offered = r.withHandover(
                new Handover(
                        "Åse Ŋuolla O'Brien",
                        "Ase@Example.org",
                        Fixtures.NOW.plusNanos(123_456_789),
                        Fixtures.NOW.plus(Duration.ofHours(24)).plusMillis(1)),
                org.eventregistration.registration.Actor.attendee());
        store.inTransaction(event.id(), tx -> {
            tx.update(offered);
            return null;
        });
        assertThat(store.findRegistration(r.id())).contains(offered);
        store.inTransaction(event.id(), tx -> {
            assertThat(tx.findRegistration(r.id())).contains(offered);
            return null;
        });
        Registration cancelled = Fixtures.moved(offered, RegistrationStatus.CANCELLED, Set.of(), Fixtures.NOW);
        assertThat(cancelled.handover()).isEmpty();
        store.inTransaction(event.id(), tx -> {
            tx.update(cancelled);
            return null;
        });
        assertThat(store.findRegistration(r.id())).contains(cancelled);
    }

    @Test
    @DisplayName("offers to a colleague that lapsed are found across events, earliest first, limited, only while kept")
    void lapsedHandovers() {
        Event a = saved("handover-lapsed-a", 10);
        Event b = saved("handover-lapsed-b", 10);
        Instant early = Fixtures.NOW.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Instant late = early.plus(Duration.ofMinutes(30));
        Registration first = offered(Fixtures.confirmed(a.id(), "kari@example.org"), "Ola@Example.org", early);
        Registration second = offered(Fixtures.confirmed(b.id(), "per@example.org"), "ase@example.org", late);
        insert(second);
        insert(first);
        insert(Fixtures.confirmed(a.id(), "none@example.org"));
        Registration gone = offered(Fixtures.confirmed(a.id(), "gone@example.org"), "x@example.org", early);
        insert(gone);
        cancel(gone);

        assertThat(store.findLapsedHandovers(early.minusMillis(1), 10)).isEmpty();
        assertThat(store.findLapsedHandovers(early, 10)).containsExactly(first);
        assertThat(store.findLapsedHandovers(late, 10)).containsExactly(first, second);
        assertThat(store.findLapsedHandovers(late, 1)).containsExactly(first);
        assertThat(store.findLapsedHandovers(late, 0)).isEmpty();

        Registration without = first.withoutHandover(late, Actor.system(), Registration.HANDOVER_LAPSED);
        store.inTransaction(a.id(), tx -> {
            tx.update(without);
            return null;
        });
        assertThat(store.findRegistration(first.id())).contains(without);
        assertThat(store.findLapsedHandovers(late.plusSeconds(60), 10)).containsExactly(second);
    }

    @Test
    @DisplayName("offers to a colleague are found by the colleague's normalized address, and no longer once gone")
    void handoversByEmail() {
        Event a = saved("handover-email-a", 10);
        Event b = saved("handover-email-b", 10);
        Instant expiry = Fixtures.NOW.plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.MILLIS);
        Registration fromKari = offered(Fixtures.confirmed(a.id(), "kari@example.org"), "Ola@Example.org", expiry);
        Registration fromPer = offered(Fixtures.confirmed(b.id(), "per@example.org"), "ola@example.org", expiry);
        Registration toAse = offered(Fixtures.confirmed(a.id(), "eva@example.org"), "ase@example.org", expiry);
        insert(fromKari);
        insert(fromPer);
        insert(toAse);

        assertThat(store.findHandoversByEmail("ola@example.org")).containsExactlyInAnyOrder(fromKari, fromPer);
        assertThat(store.findHandoversByEmail("ase@example.org")).containsExactly(toAse);
        assertThat(store.findHandoversByEmail("kari@example.org")).isEmpty();
        assertThat(store.findHandoversByEmail("Ola@Example.org")).isEmpty();
        assertThat(store.findHandoversByEmail("%")).isEmpty();
        // The registrations' own addresses find them as before, and only by those.
        assertThat(store.findRegistrationsByEmail("ola@example.org")).isEmpty();
        assertThat(store.findRegistrationsByEmail("kari@example.org")).containsExactly(fromKari);

        Registration anonymous = fromKari.anonymise(Fixtures.NOW.plusSeconds(5), q -> false);
        Registration withdrawn =
                fromPer.withoutHandover(Fixtures.NOW.plusSeconds(5), Actor.system(), Registration.HANDOVER_WITHDRAWN);
        Registration toOla = toAse.withHandover(
                new Handover("Ola", "ola@example.org", Fixtures.NOW.plusSeconds(5), expiry.plusMillis(1)),
                Actor.attendee());
        store.inTransaction(a.id(), tx -> {
            tx.update(anonymous);
            tx.update(toOla);
            return null;
        });
        store.inTransaction(b.id(), tx -> {
            tx.update(withdrawn);
            return null;
        });
        assertThat(store.findHandoversByEmail("ola@example.org")).containsExactly(toOla);
        assertThat(store.findHandoversByEmail("ase@example.org")).isEmpty();
    }

    @Test
    @DisplayName("the service removes lapsed offers to colleagues, and withdraws one on the colleague's erasure")
    void serviceRemovesLapsedAndErasedHandovers() {
        MutableClock clock = MutableClock.at(Fixtures.NOW);
        Service s = service("handover-privacy", 10, 5, clock);
        ManageToken kari = s.register("kari@example.org");
        ManageToken per = s.register("per@example.org");
        s.service.offerSeat(kari, new HandoverRequest("Ola", "ola@example.org", ORG));
        clock.advance(Duration.ofHours(1));
        s.service.offerSeat(per, new HandoverRequest("Åse", "Ase@Example.org", ORG));
        Registration perOffering = s.service.findByManageToken(per).orElseThrow();
        assertThat(s.service
                        .console(OrganiserId.DEFAULT, "tck")
                        .exportPersonalData("ase@example.org")
                        .seatOffers())
                .singleElement()
                .satisfies(o -> assertThat(o.email()).isEqualTo("Ase@Example.org"));

        clock.advance(Duration.ofHours(23));
        assertThat(s.service.expireOffers()).isEqualTo(1);
        Registration kariAfter = s.service.findByManageToken(kari).orElseThrow();
        assertThat(kariAfter.handover()).isEmpty();
        assertThat(kariAfter.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(store.findHandoversByEmail("ola@example.org")).isEmpty();
        assertThat(store.findLapsedHandovers(clock.instant(), 10)).isEmpty();

        assertThat(s.service.console(OrganiserId.DEFAULT, "tck").erasePersonalData("ase@example.org"))
                .isEmpty();
        Registration perAfter = store.findRegistration(perOffering.id()).orElseThrow();
        assertThat(perAfter.handover()).isEmpty();
        assertThat(perAfter.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(perAfter.holds()).isEqualTo(perOffering.holds());
        assertThat(store.findHandoversByEmail("ase@example.org")).isEmpty();
        assertThat(store.findLedger(s.event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(2);
    }

    private static Registration offered(Registration r, String colleague, Instant expiresAt) {
        return r.withHandover(
                new Handover("Ola Nordmann", colleague, expiresAt.minus(Duration.ofHours(24)), expiresAt),
                Actor.attendee());
    }

    @Test
    @DisplayName("the service moves session counters when a person changes their workshop")
    void serviceChangesChoices() {
        Service s = service("choices", 10, 1);
        ManageToken kari = s.register("kari@example.org");
        s.register("per@example.org"); // workshop a is full: waits for it

        ChangeOutcome outcome = s.service.changeChoices(kari, new ChoicesChange(Map.of(), Set.of("b")));

        assertThat(outcome).isInstanceOf(ChangeOutcome.Changed.class);
        Ledger ledger = store.findLedger(s.event.id()).orElseThrow();
        assertThat(ledger.taken(CounterKey.session(SessionId.of("b")))).isEqualTo(1);
        // Workshop a was freed and went to the person waiting for it.
        assertThat(ledger.taken(CounterKey.session(SessionId.of("a")))).isEqualTo(1);
        assertThat(ledger.waitingCount()).isZero();
        assertThat(store.findRegistrations(s.event.id()))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RegistrationStatus.CONFIRMED));
    }

    @Test
    @DisplayName("a hand-over link keeps its purpose, and its offer's expiry tells it from a newer offer's")
    void serviceHandsOverWithLinks() {
        Service s = service("handover-links", 10, 5);
        ManageToken kari = s.register("kari@example.org");
        assertThat(s.service.offerSeat(kari, new HandoverRequest("Ola", "ola@example.org", ORG)))
                .isInstanceOf(HandoverOutcome.Offered.class);
        ManageToken first = s.link("ola@example.org");
        assertThat(store.findLinkToken(first.hash()))
                .hasValueSatisfying(t -> assertThat(t.purpose()).isEqualTo(LinkPurpose.HANDOVER));
        assertThat(s.service.findHandoverInvitation(first)).isPresent();
        s.service.offerSeat(kari, new HandoverRequest("Per", "per@example.org", ORG));
        ManageToken second = s.link("per@example.org");
        assertThat(s.service.findHandoverInvitation(first)).isEmpty();
        assertThat(s.service.findHandoverInvitation(second)).isPresent();

        TakeoverOutcome taken = s.service.takeOverSeat(second, java.util.Locale.ENGLISH);

        assertThat(taken).isInstanceOf(TakeoverOutcome.TakenOver.class);
        assertThat(s.service.findHandedOver(kari)).isPresent();
        assertThat(s.service.findByManageToken(((TakeoverOutcome.TakenOver) taken).token()))
                .isPresent();
        assertThat(store.findLedger(s.event.id()).orElseThrow().taken(CounterKey.EVENT))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("two take-overs of one seat and its cancellation, at once, never make two seats")
    void handoverRacesNeverMakeTwoSeats() throws Exception {
        for (int round = 0; round < 5; round++) {
            Service s = service("handover-race-" + round, 1, 1);
            ManageToken kari = s.register("kari@example.org");
            s.register("waiting@example.org");
            s.service.offerSeat(kari, new HandoverRequest("Ola", "ola@example.org", ORG));
            ManageToken link = s.link("ola@example.org");
            List<Object> results = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    boolean cancel = i == 2;
                    futures.add(pool.submit(() -> {
                        go.await();
                        try {
                            results.add(
                                    cancel
                                            ? s.service.cancel(kari)
                                            : s.service.takeOverSeat(link, java.util.Locale.ENGLISH));
                        } catch (RuntimeException e) {
                            results.add(e);
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(results.stream().filter(x -> x instanceof TakeoverOutcome.TakenOver))
                    .hasSizeLessThanOrEqualTo(1);
            List<Registration> all = store.findRegistrations(s.event.id());
            assertThat(all).filteredOn(r -> r.status().holdsSeat()).hasSize(1);
            Ledger ledger = store.findLedger(s.event.id()).orElseThrow();
            assertThat(ledger.taken(CounterKey.EVENT)).isEqualTo(1);
            assertThat(ledger.taken(CounterKey.session(SessionId.of("a")))).isEqualTo(1);
            assertThat(ledger.waitingCount()).isEqualTo((int) all.stream()
                    .filter(r -> r.status() == RegistrationStatus.WAITLISTED)
                    .count());
        }
    }

    /** A service on the store under test, an event with two workshops, and the links it sent. */
    private Service service(String id, int seats, int perWorkshop) {
        return service(id, seats, perWorkshop, Clock.fixed(Fixtures.NOW, Fixtures.OSLO));
    }

    private Service service(String id, int seats, int perWorkshop, Clock clock) {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, Fixtures.OSLO);
        Event event = Event.builder(EventId.of(id))
                .title(LocalizedText.of("Verkstader"))
                .schedule(start, start.plusHours(4))
                .host(Organisation.of("Asker kommune"))
                .capacity(CapacityPolicy.seats(seats))
                .session(Session.of("a", LocalizedText.of("A"), start, start.plusHours(1), perWorkshop))
                .session(Session.of("b", LocalizedText.of("B"), start, start.plusHours(1), perWorkshop))
                .waitlist(WaitlistPolicy.autoPromote())
                .build();
        Links links = new Links();
        RegistrationService service = RegistrationService.builder()
                .store(store)
                .clock(clock)
                .listener(links)
                .build();
        service.console(OrganiserId.DEFAULT, "tck").saveEvent(event);
        return new Service(service, event, links);
    }

    private record Service(RegistrationService service, Event event, Links links) {
        ManageToken register(String email) {
            RegistrationOutcome o = service.register(RegistrationRequest.builder(event.id())
                    .name("Kari")
                    .email(email)
                    .organisation("Asker kommune", ORG)
                    .session("a")
                    .addressVerified(true)
                    .build());
            if (o instanceof RegistrationOutcome.Confirmed c) {
                return c.manageToken();
            }
            if (o instanceof RegistrationOutcome.Waitlisted w) {
                return w.manageToken();
            }
            throw new AssertionError("not registered: " + o);
        }

        ManageToken link(String to) {
            return links.last(to).orElseThrow(() -> new AssertionError("no hand-over link to " + to));
        }
    }

    /** Keeps the hand-over links sent, by the colleague's address. */
    private static final class Links implements RegistrationListener {
        private final List<Map.Entry<String, ManageToken>> sent = new CopyOnWriteArrayList<>();

        @Override
        public void onNotification(Notification notification) {}

        @Override
        public void onDelivery(Delivery delivery) {
            if (delivery.notification().kind() != Notification.Kind.HANDOVER_OFFERED) {
                return;
            }
            Optional<Handover> h = delivery.registration().flatMap(Registration::handover);
            Optional<Delivery.Link> link = delivery.link();
            if (h.isPresent() && link.isPresent()) {
                sent.add(Map.entry(h.get().normalizedEmail(), link.get().token()));
            }
        }

        Optional<ManageToken> last(String to) {
            Optional<ManageToken> found = Optional.empty();
            for (Map.Entry<String, ManageToken> e : sent) {
                if (e.getKey().equals(to)) {
                    found = Optional.of(e.getValue());
                }
            }
            return found;
        }
    }
}
