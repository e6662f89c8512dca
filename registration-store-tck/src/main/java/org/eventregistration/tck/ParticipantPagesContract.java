package org.eventregistration.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.attendee.OrganisationNumber;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.SessionId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Page;
import org.eventregistration.registration.ParticipantQuery;
import org.eventregistration.registration.ParticipantQuery.Sort;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The organiser's participant list: {@link org.eventregistration.spi.RegistrationStore#findRegistrations(EventId,
 * ParticipantQuery)} filters by status and search text, orders (names in Norwegian order), pages
 * and counts. Part of {@link RegistrationStoreContract}: extend that class, not this one.
 */
public abstract class ParticipantPagesContract extends StoreContractSupport {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A registration of a named person, created {@code second} seconds after {@link Fixtures#NOW}. */
    static Registration person(
            EventId eventId, String name, String organisation, RegistrationStatus status, long sequence, int second) {
        Attendee.Builder a =
                Attendee.builder(name, name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@Example.org");
        if (organisation != null) {
            a.organisation(organisation, OrganisationNumber.parse("944 382 038"));
        }
        Instant at = Fixtures.NOW.plusSeconds(second);
        return Registration.builder()
                .id(RegistrationId.of(UUID.randomUUID().toString()))
                .eventId(eventId)
                .attendee(a.build())
                .sessions(Set.of(SessionId.of("workshop-a")))
                .answers(Map.of("diet", "vegetar"))
                .status(status)
                .holds(status == RegistrationStatus.CONFIRMED ? Set.of(CounterKey.EVENT) : Set.of())
                .waitlistSequence(sequence)
                .manageTokenHash(ManageToken.generate(RANDOM).hash())
                .language(Locale.forLanguageTag("nb"))
                .createdAt(at)
                .offerExpiresAt(
                        status == RegistrationStatus.OFFERED ? Optional.of(at.plusSeconds(3600)) : Optional.empty())
                .history(List.of(new StatusChange(status, at, Actor.attendee(), "history.registered")))
                .build();
    }

    private static List<String> names(Page<Registration> page) {
        return page.items().stream().map(r -> r.attendee().name()).toList();
    }

    private Event fiveNames() {
        Event event = saved("names", 50);
        insert(person(event.id(), "Zahl", null, RegistrationStatus.CONFIRMED, 0, 1));
        insert(person(event.id(), "Ødegård", "Bærum kommune", RegistrationStatus.CONFIRMED, 0, 2));
        insert(person(event.id(), "Åsen", null, RegistrationStatus.WAITLISTED, 2, 3));
        insert(person(event.id(), "Berg", "Asker kommune", RegistrationStatus.WAITLISTED, 1, 4));
        insert(person(event.id(), "Ærø", null, RegistrationStatus.PENDING_APPROVAL, 0, 5));
        return event;
    }

    @Test
    @DisplayName("participant list: names sort in Norwegian order, Æ Ø Å after Z")
    void namesInNorwegianOrder() {
        Event event = fiveNames();
        Page<Registration> page = store.findRegistrations(
                event.id(), ParticipantQuery.builder().sort(Sort.NAME).build());
        assertThat(names(page)).containsExactly("Berg", "Zahl", "Ærø", "Ødegård", "Åsen");
        assertThat(page.total()).isEqualTo(5);
        assertThat(names(store.findRegistrations(
                        event.id(),
                        ParticipantQuery.builder().sortDescending(Sort.NAME).build())))
                .containsExactly("Åsen", "Ødegård", "Ærø", "Zahl", "Berg");
    }

    @Test
    @DisplayName("participant list: oldest first by default, newest first descending")
    void registeredOrder() {
        Event event = fiveNames();
        assertThat(names(store.findRegistrations(event.id(), ParticipantQuery.all())))
                .containsExactly("Zahl", "Ødegård", "Åsen", "Berg", "Ærø");
        assertThat(names(store.findRegistrations(
                        event.id(),
                        ParticipantQuery.builder()
                                .sortDescending(Sort.REGISTERED)
                                .build())))
                .containsExactly("Ærø", "Berg", "Åsen", "Ødegård", "Zahl");
    }

    @Test
    @DisplayName("participant list: by status, and by waiting-list position (the waiting first)")
    void statusAndWaitingOrder() {
        Event event = fiveNames();
        // PENDING_APPROVAL, CONFIRMED, WAITLISTED in RegistrationStatus's order; ties oldest first.
        assertThat(names(store.findRegistrations(
                        event.id(), ParticipantQuery.builder().sort(Sort.STATUS).build())))
                .containsExactly("Ærø", "Zahl", "Ødegård", "Åsen", "Berg");
        assertThat(names(store.findRegistrations(
                        event.id(),
                        ParticipantQuery.builder().sort(Sort.WAITING_POSITION).build())))
                .containsExactly("Berg", "Åsen", "Zahl", "Ødegård", "Ærø");
    }

    @Test
    @DisplayName("participant list: filtered by statuses, paged, with the total")
    void statusFilterAndPages() {
        Event event = fiveNames();
        Event other = saved("other", 5);
        insert(person(other.id(), "Annen", null, RegistrationStatus.CONFIRMED, 0, 1));
        ParticipantQuery query = ParticipantQuery.builder()
                .statuses(EnumSet.of(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED))
                .sort(Sort.NAME)
                .limit(3)
                .build();
        Page<Registration> first = store.findRegistrations(event.id(), query);
        assertThat(names(first)).containsExactly("Berg", "Zahl", "Ødegård");
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.hasNext()).isTrue();
        Page<Registration> second = store.findRegistrations(event.id(), query.withOffset(3));
        assertThat(names(second)).containsExactly("Åsen");
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.hasNext()).isFalse();
        assertThat(second.offset()).isEqualTo(3);
        Page<Registration> beyond = store.findRegistrations(event.id(), query.withOffset(10));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(4);
        assertThat(store.findRegistrations(EventId.of("no-such-event"), query).total())
                .isZero();
    }

    @Test
    @DisplayName("participant list: the search looks in name, e-mail and organisation, ignoring case")
    void search() {
        Event event = fiveNames();
        assertThat(names(store.findRegistrations(
                        event.id(), ParticipantQuery.builder().search("ØDEGÅ").build())))
                .containsExactly("Ødegård");
        assertThat(names(store.findRegistrations(
                        event.id(),
                        ParticipantQuery.builder()
                                .search("kommune")
                                .sort(Sort.NAME)
                                .build())))
                .containsExactly("Berg", "Ødegård");
        assertThat(names(store.findRegistrations(
                        event.id(),
                        ParticipantQuery.builder().search("zahl@EXAMPLE").build())))
                .containsExactly("Zahl");
        assertThat(names(store.findRegistrations(
                        event.id(),
                        ParticipantQuery.builder()
                                .search("944382")
                                .sort(Sort.NAME)
                                .build())))
                .containsExactly("Berg", "Ødegård");
        // Characters that mean something in SQL patterns are plain text.
        assertThat(store.findRegistrations(
                                event.id(),
                                ParticipantQuery.builder().search("%").build())
                        .total())
                .isZero();
        assertThat(store.findRegistrations(
                                event.id(),
                                ParticipantQuery.builder().search("_").build())
                        .total())
                .isZero();
        assertThat(store.findRegistrations(
                                event.id(),
                                ParticipantQuery.builder()
                                        .search("kommune")
                                        .statuses(EnumSet.of(RegistrationStatus.WAITLISTED))
                                        .build())
                        .total())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("participant list: an anonymised registration is not found by its old name, e-mail or organisation")
    void anonymisedNotFound() {
        Event event = fiveNames();
        Registration berg = store.findRegistrations(
                        event.id(), ParticipantQuery.builder().search("Berg").build())
                .items()
                .get(0);
        store.inTransaction(event.id(), tx -> {
            tx.update(berg.anonymise(Fixtures.NOW.plusSeconds(60), q -> false));
            return null;
        });
        for (String search : List.of("berg", "asker", "944382")) {
            // Ødegård (Bærum) has the same organisation number and is still found by it.
            assertThat(store.findRegistrations(
                                    event.id(),
                                    ParticipantQuery.builder().search(search).build())
                            .total())
                    .as(search)
                    .isEqualTo(search.equals("944382") ? 1 : 0);
        }
        assertThat(store.findRegistrations(event.id(), ParticipantQuery.all()).total())
                .isEqualTo(5);
    }
}
