package org.eventregistration.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.attendee.Attendee;
import org.eventregistration.capacity.CapacityCheck;
import org.eventregistration.capacity.CapacityDecision;
import org.eventregistration.capacity.Ledger;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.Applicant;
import org.eventregistration.eligibility.EligibilityDecision;
import org.eventregistration.eligibility.Verdict;
import org.eventregistration.event.Event;
import org.eventregistration.event.OutsideAudience;
import org.eventregistration.event.SessionId;
import org.eventregistration.i18n.Reason;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationBuilder;
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;

/**
 * Decides where a new, valid registration goes, under the event's lock, and what the answer may
 * say: a repeated request (same idempotency key), outside the registration window, not eligible,
 * pending an organiser's approval, a seat, the waiting list, or rejected because both are full;
 * an address that is already registered gets the answer a newcomer would, unless the application
 * verified it, and its owner an e-mail. An unverified address on an event that requires
 * confirmation holds its place until confirmed (see {@link
 * org.eventregistration.event.AddressConfirmation}).
 */
final class Admission {
    private Admission() {}

    /**
     * Decides one request in the unit of work.
     *
     * @param links sends the "already registered" mail (limited per hour)
     */
    static RegistrationOutcome admit(
            UnitOfWork fx,
            RegistrationRequest request,
            Attendee attendee,
            ManageToken token,
            Optional<String> groupId,
            Links links) {
        Event event = fx.event();
        Instant now = fx.now();
        // A request whose address nobody has verified must not learn whether it was registered.
        boolean trusted =
                request.addressVerified() || !event.addressConfirmation().required();
        String fingerprint = null;
        if (!request.idempotencyKey().isEmpty()) {
            fingerprint = RequestFingerprint.of(request);
            Optional<Registration> same = fx.tx().findByIdempotencyKey(request.idempotencyKey());
            if (same.isPresent()) {
                return repeated(same.get(), fingerprint, attendee);
            }
        }
        Optional<Registration> existing = fx.tx().findActiveByEmail(attendee.normalizedEmail());
        if (event.isCancelled()) {
            return new RegistrationOutcome.Rejected(List.of(Reason.of("registration.eventCancelled")));
        }
        if (now.isBefore(event.registrationOpens())) {
            return new RegistrationOutcome.Rejected(List.of(Reason.of(
                    "registration.notOpen",
                    event.registrationOpens().atZone(event.start().getZone()))));
        }
        if (!now.isBefore(event.registrationCloses())) {
            return new RegistrationOutcome.Rejected(List.of(Reason.of(
                    "registration.closed",
                    event.registrationCloses().atZone(event.start().getZone()))));
        }
        Applicant applicant = new Applicant(attendee, request.invitationCode());
        EligibilityDecision eligibility = event.eligibility().evaluate(applicant);
        Verdict verdict = eligibility.verdict();
        List<Reason> reasons = new ArrayList<>(eligibility.reasons());
        if (verdict == Verdict.NOT_ELIGIBLE) {
            if (event.outsideAudience() == OutsideAudience.REJECT) {
                return new RegistrationOutcome.Rejected(
                        reasons.isEmpty() ? List.of(Reason.of("eligibility.notEligible")) : reasons);
            }
            verdict = Verdict.NEEDS_APPROVAL;
            reasons.add(Reason.of("eligibility.approvalRequired"));
        }
        Set<SessionId> sessions = new HashSet<>();
        request.sessions().forEach(s -> sessions.add(SessionId.of(s)));
        CapacityDecision capacity = verdict == Verdict.NEEDS_APPROVAL
                ? null
                : CapacityCheck.check(event, fx.ledger(), applicant, sessions, now);
        List<Reason> full = capacity instanceof CapacityDecision.Full f ? f.reasons() : List.of();
        WaitlistPolicy waitlist = event.waitlist();
        List<Reason> refusal = null;
        if (capacity instanceof CapacityDecision.Full) {
            if (!waitlist.enabled()) {
                refusal = full;
            } else if (fx.ledger().waitingCount()
                    >= Math.min(
                            waitlist.maxLength(),
                            event.waitingListCap().length(event.capacity().seats()))) {
                refusal = new ArrayList<>(full);
                refusal.add(Reason.of("waitlist.full"));
            }
        }
        Optional<Instant> confirmBy = trusted
                ? Optional.empty()
                : Optional.of(now.plus(event.addressConfirmation().hold()));
        if (existing.isPresent()) {
            // The e-mail to the address tells its owner; the answer is the one a newcomer would get.
            links.sendOnRequest(fx, existing.get(), Notification.Kind.ALREADY_REGISTERED);
            if (trusted) {
                return new RegistrationOutcome.AlreadyRegistered(event.id());
            }
            return refusal != null
                    ? new RegistrationOutcome.Rejected(refusal)
                    : new RegistrationOutcome.AwaitingAddressConfirmation(event.id(), confirmBy.orElseThrow());
        }
        if (refusal != null) {
            return new RegistrationOutcome.Rejected(refusal);
        }
        RegistrationBuilder draft = Registration.builder()
                .id(RegistrationId.of(fx.newId()))
                .eventId(event.id())
                .attendee(attendee)
                .sessions(sessions)
                .answers(cleanAnswers(request.answers()))
                .manageTokenHash(token.hash())
                .idempotencyKey(
                        request.idempotencyKey().isEmpty() ? Optional.empty() : Optional.of(request.idempotencyKey()))
                .requestFingerprint(Optional.ofNullable(fingerprint))
                .confirmAddressBy(confirmBy)
                .groupId(groupId)
                .language(request.language())
                .createdAt(now);

        if (verdict == Verdict.NEEDS_APPROVAL) {
            // A waiting-list sequence set aside now: approved onto the waiting list later, the person
            // takes their place by the time they registered, not behind those who registered since.
            fx.ledger(fx.ledger().reserveWaitlistSequence());
            Registration r = fx.insert(
                    draft,
                    RegistrationStatus.PENDING_APPROVAL,
                    Set.of(),
                    fx.ledger().waitlistTail(),
                    Actor.attendee(),
                    "history.pending",
                    trusted ? Notification.Kind.PENDING_APPROVAL : Notification.Kind.ADDRESS_CONFIRMATION);
            return trusted ? new RegistrationOutcome.PendingApproval(r, reasons, token) : awaiting(r);
        }
        if (capacity instanceof CapacityDecision.Fits fits) {
            fx.ledger(fx.ledger().take(fits.holds()));
            Registration r = fx.insert(
                    draft,
                    RegistrationStatus.CONFIRMED,
                    fits.holds(),
                    0,
                    Actor.attendee(),
                    "history.registered",
                    trusted ? Notification.Kind.CONFIRMED : Notification.Kind.ADDRESS_CONFIRMATION);
            return trusted ? new RegistrationOutcome.Confirmed(r, token) : awaiting(r);
        }
        fx.ledger(fx.ledger().joinWaitlist());
        Ledger ledger = fx.ledger();
        Registration r = fx.insert(
                draft,
                RegistrationStatus.WAITLISTED,
                Set.of(),
                ledger.waitlistTail(),
                Actor.attendee(),
                "history.waitlisted",
                trusted ? Notification.Kind.WAITLISTED : Notification.Kind.ADDRESS_CONFIRMATION);
        return trusted ? new RegistrationOutcome.Waitlisted(r, ledger.waitingCount(), full, token) : awaiting(r);
    }

    /**
     * Decides a registration an organiser enters by hand, in the unit of work: the address counts
     * as verified; the audience rules and registration window do not apply (the organiser decides
     * who may come); capacity does: a seat, else the waiting list, else rejected. A cancelled or
     * ended event takes nobody; an address already registered is answered as such, with no e-mail.
     */
    static RegistrationOutcome addByOrganiser(
            UnitOfWork fx, RegistrationRequest request, Attendee attendee, ManageToken token, Actor actor) {
        Event event = fx.event();
        Instant now = fx.now();
        if (event.isCancelled()) {
            return new RegistrationOutcome.Rejected(List.of(Reason.of("registration.eventCancelled")));
        }
        if (!now.isBefore(event.end().toInstant())) {
            return new RegistrationOutcome.Rejected(List.of(Reason.of("error.eventOver")));
        }
        if (fx.tx().findActiveByEmail(attendee.normalizedEmail()).isPresent()) {
            return new RegistrationOutcome.AlreadyRegistered(event.id());
        }
        Set<SessionId> sessions = new HashSet<>();
        request.sessions().forEach(s -> sessions.add(SessionId.of(s)));
        CapacityDecision capacity = CapacityCheck.check(
                event, fx.ledger(), new Applicant(attendee, request.invitationCode()), sessions, now);
        RegistrationBuilder draft = Registration.builder()
                .id(RegistrationId.of(fx.newId()))
                .eventId(event.id())
                .attendee(attendee)
                .sessions(sessions)
                .answers(cleanAnswers(request.answers()))
                .manageTokenHash(token.hash())
                .language(request.language())
                .createdAt(now);
        if (capacity instanceof CapacityDecision.Fits fits) {
            fx.ledger(fx.ledger().take(fits.holds()));
            Registration r = fx.insert(
                    draft,
                    RegistrationStatus.CONFIRMED,
                    fits.holds(),
                    0,
                    actor,
                    "history.addedByOrganiser",
                    Notification.Kind.CONFIRMED);
            return new RegistrationOutcome.Confirmed(r, token);
        }
        List<Reason> full = ((CapacityDecision.Full) capacity).reasons();
        WaitlistPolicy waitlist = event.waitlist();
        if (!waitlist.enabled()) {
            return new RegistrationOutcome.Rejected(full);
        }
        if (fx.ledger().waitingCount()
                >= Math.min(
                        waitlist.maxLength(),
                        event.waitingListCap().length(event.capacity().seats()))) {
            List<Reason> refusal = new ArrayList<>(full);
            refusal.add(Reason.of("waitlist.full"));
            return new RegistrationOutcome.Rejected(refusal);
        }
        fx.ledger(fx.ledger().joinWaitlist());
        Ledger ledger = fx.ledger();
        Registration r = fx.insert(
                draft,
                RegistrationStatus.WAITLISTED,
                Set.of(),
                ledger.waitlistTail(),
                actor,
                "history.addedByOrganiserWaitlisted",
                Notification.Kind.WAITLISTED);
        return new RegistrationOutcome.Waitlisted(r, ledger.waitingCount(), full, token);
    }

    private static RegistrationOutcome awaiting(Registration r) {
        return new RegistrationOutcome.AwaitingAddressConfirmation(
                r.eventId(), r.confirmAddressBy().orElseThrow());
    }

    /**
     * The same idempotency key again: the same request is answered with its registration, another
     * request is refused. Registrations stored before fingerprints were kept are compared by
     * address.
     */
    private static RegistrationOutcome repeated(Registration same, String fingerprint, Attendee attendee) {
        boolean sameRequest = same.requestFingerprint()
                .map(fingerprint::equals)
                .orElseGet(() -> same.attendee().normalizedEmail().equals(attendee.normalizedEmail()));
        return sameRequest
                ? new RegistrationOutcome.Repeated(same)
                : new RegistrationOutcome.IdempotencyKeyReused(same.eventId());
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
}
