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
import org.eventregistration.registration.RegistrationId;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Notification;

/**
 * Decides where a new, valid registration goes, under the event's lock: already registered (same
 * idempotency key or active e-mail), outside the registration window, not eligible, pending an
 * organiser's approval, a seat, the waiting list, or rejected because both are full.
 */
final class Admission {
    private Admission() {}

    static RegistrationOutcome admit(
            UnitOfWork fx,
            RegistrationRequest request,
            Attendee attendee,
            ManageToken token,
            Optional<String> groupId) {
        Event event = fx.event();
        Instant now = fx.now();
        if (!request.idempotencyKey().isEmpty()) {
            Optional<Registration> same = fx.tx().findByIdempotencyKey(request.idempotencyKey());
            if (same.isPresent()) {
                return new RegistrationOutcome.AlreadyRegistered(same.get());
            }
        }
        Optional<Registration> existing = fx.tx().findActiveByEmail(attendee.normalizedEmail());
        if (existing.isPresent()) {
            return new RegistrationOutcome.AlreadyRegistered(existing.get());
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
        Registration.Builder draft = Registration.builder()
                .id(RegistrationId.of(fx.newId()))
                .eventId(event.id())
                .attendee(attendee)
                .sessions(sessions)
                .answers(cleanAnswers(request.answers()))
                .manageTokenHash(token.hash())
                .idempotencyKey(
                        request.idempotencyKey().isEmpty() ? Optional.empty() : Optional.of(request.idempotencyKey()))
                .groupId(groupId)
                .language(request.language())
                .createdAt(now);

        if (verdict == Verdict.NEEDS_APPROVAL) {
            Registration r = fx.insert(
                    draft,
                    RegistrationStatus.PENDING_APPROVAL,
                    Set.of(),
                    0,
                    Actor.attendee(),
                    "history.pending",
                    Notification.Kind.PENDING_APPROVAL);
            return new RegistrationOutcome.PendingApproval(r, reasons, token);
        }
        CapacityDecision capacity = CapacityCheck.check(event, fx.ledger(), applicant, sessions, now);
        if (capacity instanceof CapacityDecision.Fits fits) {
            fx.ledger(fx.ledger().take(fits.holds()));
            Registration r = fx.insert(
                    draft,
                    RegistrationStatus.CONFIRMED,
                    fits.holds(),
                    0,
                    Actor.attendee(),
                    "history.registered",
                    Notification.Kind.CONFIRMED);
            return new RegistrationOutcome.Confirmed(r, token);
        }
        List<Reason> full = ((CapacityDecision.Full) capacity).reasons();
        WaitlistPolicy waitlist = event.waitlist();
        if (!waitlist.enabled()) {
            return new RegistrationOutcome.Rejected(full);
        }
        if (fx.ledger().waitingCount() >= waitlist.maxLength()) {
            List<Reason> why = new ArrayList<>(full);
            why.add(Reason.of("waitlist.full"));
            return new RegistrationOutcome.Rejected(why);
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
                Notification.Kind.WAITLISTED);
        return new RegistrationOutcome.Waitlisted(r, ledger.waitingCount(), full, token);
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
