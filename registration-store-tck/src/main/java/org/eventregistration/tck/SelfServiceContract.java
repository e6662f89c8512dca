package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
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
                .clock(Clock.fixed(Fixtures.NOW, Fixtures.OSLO))
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
