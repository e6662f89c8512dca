package org.eventregistration.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.audit.AuditAction;
import org.eventregistration.capacity.CapacityCheck;
import org.eventregistration.capacity.CapacityDecision;
import org.eventregistration.capacity.CounterKey;
import org.eventregistration.eligibility.Applicant;
import org.eventregistration.eligibility.EligibilityDecision;
import org.eventregistration.eligibility.Verdict;
import org.eventregistration.event.Event;
import org.eventregistration.event.Session;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Reason;
import org.eventregistration.internal.RequestValidator;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.HandoverInvitation;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.registration.TakeoverOutcome;
import org.eventregistration.registration.Violation;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the person's own changes through their link: new answers and sessions (checked like the
 * form, the session counters moved in the ledger, a full session refused by name), and giving the
 * seat to a colleague of the same organisation, who takes it by confirming their own address
 * through a link: the old registration is cancelled and the new one takes its counters in one
 * unit of work, never through the waiting list.
 *
 * <p>Same organisation: the same organisation number when the registration has one, otherwise
 * the same e-mail domain. Both changes are allowed until the event's cancellation deadline only.
 */
final class OwnChanges {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    /**
     * How long a colleague has to take an offered seat (capped by the cancellation deadline). Not
     * the address-confirmation hold (30 minutes unless set): that is for someone who has just typed
     * their own address; a colleague reads the message later.
     */
    static final Duration HANDOVER_VALIDITY = Duration.ofHours(24);

    private static final Set<String> FORM_FIELDS = Set.of("sessions", "answers");
    private static final Set<String> COLLEAGUE_FIELDS = Set.of("name", "email", "organisationNumber");

    private final RegistrationStore store;
    private final Clock clock;
    private final SecureRandom random;
    private final FormValidation form;
    private final UnitsOfWork units;
    private final Lookups lookups;
    private final Links links;
    private final Function<ManageToken, Optional<Registration>> own;
    private final Duration manageTokenValidity;

    OwnChanges(
            RegistrationStore store,
            Clock clock,
            SecureRandom random,
            FormValidation form,
            UnitsOfWork units,
            Lookups lookups,
            Links links,
            Function<ManageToken, Optional<Registration>> own,
            Duration manageTokenValidity) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.form = form;
        this.units = units;
        this.lookups = lookups;
        this.links = links;
        this.own = own;
        this.manageTokenValidity = manageTokenValidity;
    }

    // ---------------------------------------------------------------- answers and sessions

    ChangeOutcome changeChoices(ManageToken token, ChoicesChange change) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(change, "change");
        Registration found = own.apply(token).orElseThrow(RegistrationNotFoundException::new);
        Event event = lookups.requireEvent(found.eventId());
        Instant now = clock.instant();
        Optional<Reason> closed = closed(event, now);
        if (closed.isPresent()) {
            return new ChangeOutcome.Refused(List.of(closed.get()));
        }
        List<Violation> violations = checkChoices(event, found, change);
        if (!violations.isEmpty()) {
            return new ChangeOutcome.Invalid(violations);
        }
        ChangeOutcome outcome = units.run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (!r.status().isActive() || r.anonymised()) {
                throw new RegistrationNotFoundException(r.id());
            }
            Event current = fx.event();
            if (!current.equals(event)) { // the organiser changed the event meanwhile
                Optional<Reason> nowClosed = closed(current, now);
                if (nowClosed.isPresent()) {
                    return new ChangeOutcome.Refused(List.of(nowClosed.get()));
                }
                List<Violation> again = checkChoices(current, r, change);
                if (!again.isEmpty()) {
                    return new ChangeOutcome.Invalid(again);
                }
            }
            return applyChoices(fx, r, change);
        });
        if (outcome instanceof ChangeOutcome.Changed) {
            log.info("choices changed: event={} registration={}", found.eventId(), found.id());
        }
        return outcome;
    }

    /** The form's problems with the change: only those of the answers and sessions. */
    private List<Violation> checkChoices(Event event, Registration r, ChoicesChange change) {
        RegistrationRequest.Builder b =
                request(r, r.attendee().name(), r.attendee().email());
        change.sessions().forEach(b::session);
        change.answers().forEach(b::answer);
        return form.check(event, b.build(), "").stream()
                .filter(v -> FORM_FIELDS.contains(fieldRoot(v.field())))
                .toList();
    }

    private static ChangeOutcome applyChoices(UnitOfWork fx, Registration r, ChoicesChange change) {
        Event event = fx.event();
        Set<SessionId> sessions = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        change.sessions().forEach(s -> sessions.add(SessionId.of(s)));
        Map<String, String> answers = cleanAnswers(change.answers());
        if (sessions.equals(r.sessions()) && answers.equals(r.answers())) {
            return new ChangeOutcome.Unchanged(r);
        }
        Set<CounterKey> holds = new TreeSet<>(r.holds());
        List<CounterKey> freed = new ArrayList<>();
        List<CounterKey> taken = new ArrayList<>();
        if (r.status().holdsSeat()) {
            // The seat stays; only the session counters move, from the old sessions to the new.
            List<Reason> full = new ArrayList<>();
            for (SessionId old : r.sessions()) {
                if (!sessions.contains(old)) {
                    freed.add(CounterKey.session(old));
                }
            }
            for (SessionId id : sessions) {
                if (r.sessions().contains(id)) {
                    continue;
                }
                Session session = event.session(id).orElseThrow();
                CounterKey key = CounterKey.session(id);
                if (fx.ledger().taken(key) + 1 > session.seats()) {
                    full.add(Reason.of("capacity.session.full", session.title(), session.seats()));
                }
                taken.add(key);
            }
            if (!full.isEmpty()) {
                return new ChangeOutcome.Refused(full);
            }
            holds.removeAll(freed);
            holds.addAll(taken);
            fx.ledger(fx.ledger().release(freed).take(taken));
        }
        List<StatusChange> history = new ArrayList<>(r.history());
        history.add(new StatusChange(r.status(), fx.now(), Actor.attendee(), Registration.CHOICES_CHANGED));
        Registration next = r.toBuilder()
                .answers(answers)
                .sessions(sessions)
                .holds(holds)
                .history(history)
                .build();
        fx.update(next);
        fx.notify(Notification.Kind.CHOICES_CHANGED, next);
        if (!freed.isEmpty()) {
            SeatAllocation.fillFreeSeats(fx); // someone waiting for the freed session may fit now
        }
        return new ChangeOutcome.Changed(next);
    }

    // ---------------------------------------------------------------- handing the seat over

    HandoverOutcome offerSeat(ManageToken token, HandoverRequest colleague) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(colleague, "colleague");
        Registration found = own.apply(token).orElseThrow(RegistrationNotFoundException::new);
        Event event = lookups.requireEvent(found.eventId());
        Instant now = clock.instant();
        Optional<Reason> closed = closed(event, now);
        if (closed.isPresent()) {
            return new HandoverOutcome.Refused(List.of(closed.get()));
        }
        if (found.status() != RegistrationStatus.CONFIRMED || !found.addressConfirmed()) {
            return new HandoverOutcome.Refused(List.of(Reason.of("handover.notConfirmed")));
        }
        List<Violation> violations = checkColleague(event, found, colleague);
        if (!violations.isEmpty()) {
            return new HandoverOutcome.Invalid(violations);
        }
        Attendee taker = colleagueOf(found, colleague.name(), colleague.email());
        List<Reason> notEligible = eligibility(event, taker);
        if (!notEligible.isEmpty()) {
            return new HandoverOutcome.Refused(notEligible);
        }
        HandoverOutcome outcome = units.run(found.eventId(), now, fx -> {
            Registration r = fx.require(found.id());
            if (r.status() != RegistrationStatus.CONFIRMED || !r.addressConfirmed() || r.anonymised()) {
                return new HandoverOutcome.Refused(List.of(Reason.of("handover.notConfirmed")));
            }
            Instant expiresAt = min(now.plus(HANDOVER_VALIDITY), fx.event().cancellationDeadline())
                    .truncatedTo(ChronoUnit.MILLIS);
            Optional<Handover> earlier = r.handover();
            if (earlier.isPresent() && !expiresAt.isAfter(earlier.get().expiresAt())) {
                // A newer offer always expires later: its expiry tells its links from the earlier one's.
                expiresAt = earlier.get().expiresAt().plusMillis(1);
            }
            if (!expiresAt.isAfter(now)) {
                return new HandoverOutcome.Refused(
                        List.of(closed(fx.event(), now).orElse(Reason.of("handover.notConfirmed"))));
            }
            Registration offered = r.withHandover(
                    new Handover(colleague.name().strip(), colleague.email().strip(), now, expiresAt),
                    Actor.attendee());
            fx.update(offered);
            fx.notify(Notification.Kind.HANDOVER_OFFERED, offered);
            return new HandoverOutcome.Offered(offered, expiresAt);
        });
        log.info(
                "seat offered to a colleague: event={} registration={} answer={}",
                found.eventId(),
                found.id(),
                outcome.getClass().getSimpleName());
        return outcome;
    }

    /** The colleague's form: their name and address as at registration, the same organisation, not oneself. */
    private List<Violation> checkColleague(Event event, Registration r, HandoverRequest colleague) {
        RegistrationRequest.Builder b = request(r, colleague.name(), colleague.email());
        Attendee a = r.attendee();
        if (a.organisationNumber().isPresent()) {
            b.organisation(a.organisationName().orElse(""), colleague.organisationNumber());
        }
        List<Violation> violations = new ArrayList<>(form.check(event, b.build(), "").stream()
                .filter(v -> COLLEAGUE_FIELDS.contains(fieldRoot(v.field())))
                .toList());
        boolean emailValid = violations.stream().noneMatch(v -> v.field().equals("email"));
        if (emailValid) {
            String email = Attendee.normalizeEmail(colleague.email().strip());
            if (email.equals(a.normalizedEmail())) {
                violations.add(RequestValidator.violation("email", "validation.handover.self"));
            } else if (a.organisationNumber().isEmpty()
                    && !email.substring(email.lastIndexOf('@') + 1).equals(a.emailDomain())) {
                violations.add(RequestValidator.violation("email", "validation.handover.otherDomain", a.emailDomain()));
            }
        }
        if (a.organisationNumber().isPresent()
                && violations.stream().noneMatch(v -> v.field().equals("organisationNumber"))) {
            String number = colleague.organisationNumber().replace(" ", "").strip();
            if (number.isEmpty()) {
                violations.add(
                        RequestValidator.violation("organisationNumber", "validation.handover.organisationNumber"));
            } else if (!number.equals(a.organisationNumber().get().value())) {
                violations.add(
                        RequestValidator.violation("organisationNumber", "validation.handover.otherOrganisation"));
            }
        }
        return violations;
    }

    Optional<HandoverInvitation> findHandoverInvitation(ManageToken handoverToken) {
        Objects.requireNonNull(handoverToken, "handoverToken");
        return links.followHandover(handoverToken).map(r -> {
            Handover h = r.handover().orElseThrow();
            return new HandoverInvitation(r.eventId(), r.attendee().name(), h.name(), h.expiresAt(), r.language());
        });
    }

    TakeoverOutcome takeOverSeat(ManageToken handoverToken, Locale language) {
        Objects.requireNonNull(handoverToken, "handoverToken");
        Objects.requireNonNull(language, "language");
        Registration found = links.followHandover(handoverToken).orElseThrow(RegistrationNotFoundException::new);
        Handover offer = found.handover().orElseThrow();
        Instant now = clock.instant();
        ManageToken newToken = ManageToken.generate(random);
        TakeoverOutcome outcome;
        try {
            outcome = units.run(found.eventId(), now, fx -> takeOver(fx, found.id(), offer, newToken, language));
        } catch (TakeoverRollback rollback) {
            outcome = new TakeoverOutcome.Refused(rollback.reasons);
        }
        if (outcome instanceof TakeoverOutcome.TakenOver t) {
            log.info(
                    "seat handed over: event={} registration={} to={}",
                    found.eventId(),
                    found.id(),
                    t.registration().id());
        } else {
            log.info("seat not handed over: event={} registration={}", found.eventId(), found.id());
        }
        return outcome;
    }

    private TakeoverOutcome takeOver(
            UnitOfWork fx, RegistrationId id, Handover offer, ManageToken newToken, Locale language) {
        Event event = fx.event();
        Instant now = fx.now();
        Registration r = fx.require(id);
        // The seat may have been cancelled, handed over already, or offered anew meanwhile.
        if (r.status() != RegistrationStatus.CONFIRMED
                || r.anonymised()
                || !r.handover().filter(offer::equals).isPresent()) {
            return refused("handover.gone");
        }
        if (!offer.liveAt(now)) {
            return refused("handover.expired");
        }
        Optional<Reason> closed = closed(event, now);
        if (closed.isPresent()) {
            return new TakeoverOutcome.Refused(List.of(closed.get()));
        }
        Attendee taker = colleagueOf(r, offer.name(), offer.email());
        List<Reason> notEligible = eligibility(event, taker);
        if (!notEligible.isEmpty()) {
            return new TakeoverOutcome.Refused(notEligible);
        }
        if (fx.tx().findActiveByEmail(taker.normalizedEmail()).isPresent()) {
            return refused("handover.alreadyRegistered");
        }
        fx.release(
                r,
                RegistrationStatus.CANCELLED,
                Actor.attendee(),
                Registration.HANDED_OVER,
                Notification.Kind.HANDED_OVER);
        // The same seat, not a free one: checked again for the colleague (quotas, reserved seats),
        // never offered to the waiting list in between.
        CapacityDecision decision = CapacityCheck.check(event, fx.ledger(), Applicant.of(taker), r.sessions(), now);
        if (!(decision instanceof CapacityDecision.Fits fits)) {
            List<Reason> reasons = new ArrayList<>(((CapacityDecision.Full) decision).reasons());
            reasons.add(0, Reason.of("handover.noSeat"));
            throw new TakeoverRollback(reasons);
        }
        fx.ledger(fx.ledger().take(fits.holds()));
        Registration taken = fx.insert(
                Registration.builder()
                        .id(RegistrationId.of(fx.newId()))
                        .eventId(event.id())
                        .attendee(taker)
                        .sessions(r.sessions())
                        .manageTokenHash(newToken.hash())
                        .language(language)
                        .createdAt(now),
                RegistrationStatus.CONFIRMED,
                fits.holds(),
                0,
                Actor.attendee(),
                Registration.TAKEN_OVER,
                Notification.Kind.CONFIRMED);
        fx.audit(Actor.attendee(), AuditAction.SEAT_HANDED_OVER, r.id());
        fx.audit(Actor.attendee(), AuditAction.SEAT_TAKEN_OVER, taken.id());
        return new TakeoverOutcome.TakenOver(taken, newToken);
    }

    /**
     * The registration the token belongs to if its seat went to a colleague: for the person's page
     * to say so, while the token would otherwise still be valid.
     */
    Optional<Registration> findHandedOver(ManageToken token) {
        Objects.requireNonNull(token, "token");
        return store.findByManageTokenHash(token.hash())
                .filter(r -> token.matches(r.manageTokenHash()))
                .or(() -> links.follow(token, Set.of(LinkPurpose.MANAGE)))
                .filter(r -> r.handedOver() && !r.anonymised())
                .filter(r -> manageTokenValidity == null
                        || store.findEvent(r.eventId())
                                .map(e -> clock.instant()
                                        .isBefore(e.end().toInstant().plus(manageTokenValidity)))
                                .orElse(false));
    }

    // ---------------------------------------------------------------- shared

    /** Why the event takes no more changes from its participants, if it does not. */
    private static Optional<Reason> closed(Event event, Instant now) {
        if (event.isCancelled()) {
            return Optional.of(Reason.of("registration.eventCancelled"));
        }
        if (!now.isBefore(event.cancellationDeadline())) {
            return Optional.of(Reason.of(
                    "error.changeDeadline",
                    event.cancellationDeadline().atZone(event.start().getZone())));
        }
        return Optional.empty();
    }

    /** A request with the registration's details, for checking a form the way registering does. */
    private static RegistrationRequest.Builder request(Registration r, String name, String email) {
        Attendee a = r.attendee();
        RegistrationRequest.Builder b = RegistrationRequest.builder(r.eventId())
                .name(name)
                .email(email)
                .sector(a.sector())
                .role(a.role())
                .language(r.language());
        return b;
    }

    /** The colleague as the new registration knows them: their name and address, the person's organisation. */
    private static Attendee colleagueOf(Registration r, String name, String email) {
        Attendee a = r.attendee();
        Attendee.Builder b =
                Attendee.builder(name.strip(), email.strip()).sector(a.sector()).role(a.role());
        if (a.organisationNumber().isPresent()) {
            b.organisation(
                    a.organisationName().orElse(""), a.organisationNumber().get());
        } else {
            a.organisationName().ifPresent(b::organisation);
        }
        return b.build();
    }

    /** Empty if the colleague belongs to the event's audience outright; the reasons otherwise. */
    private static List<Reason> eligibility(Event event, Attendee taker) {
        EligibilityDecision decision = event.eligibility().evaluate(Applicant.of(taker));
        if (decision.verdict() == Verdict.ELIGIBLE) {
            return List.of();
        }
        List<Reason> reasons = new ArrayList<>();
        reasons.add(Reason.of("handover.notEligible"));
        reasons.addAll(decision.reasons());
        return reasons;
    }

    private static TakeoverOutcome refused(String key) {
        return new TakeoverOutcome.Refused(List.of(Reason.of(key)));
    }

    private static String fieldRoot(String field) {
        int bracket = field.indexOf('[');
        return bracket < 0 ? field : field.substring(0, bracket);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Map<String, String> cleanAnswers(Map<String, String> answers) {
        Map<String, String> clean = new LinkedHashMap<>();
        answers.forEach((k, v) -> {
            if (!v.isBlank()) {
                clean.put(k, v.strip());
            }
        });
        return clean;
    }

    /** Thrown inside a take-over's unit of work to roll back the released seat. */
    private static final class TakeoverRollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Reason> reasons;

        TakeoverRollback(List<Reason> reasons) {
            super("take-over refused", null, false, false);
            this.reasons = reasons;
        }
    }
}
