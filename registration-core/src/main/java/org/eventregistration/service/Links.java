package org.eventregistration.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.event.Event;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.LinkToken;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which links a person holds: a fresh secret per message (only its hash stored), how long
 * each purpose lives, how many live at once, how many are sent on request per hour, and which
 * registration a link reaches.
 */
final class Links {
    private static final Logger log = LoggerFactory.getLogger(RegistrationService.class);
    /** The most live links per registration and purpose; a new one replaces the oldest. */
    static final int MAX_LIVE = 5;
    /** How long a data-request link works. */
    static final Duration DATA_REQUEST_VALIDITY = Duration.ofHours(24);
    /** The window of {@link #sendOnRequest}'s limit. */
    static final Duration REQUEST_WINDOW = Duration.ofHours(1);

    private final RegistrationStore store;
    private final Clock clock;
    private final SecureRandom random;
    /** How long after an event's end manage links work; null: until the event's personal data expires. */
    private final Duration manageValidity;

    private final int requestsPerHour;

    Links(RegistrationStore store, Clock clock, SecureRandom random, Duration manageValidity, int requestsPerHour) {
        this.store = store;
        this.clock = clock;
        this.random = random;
        this.manageValidity = manageValidity;
        this.requestsPerHour = requestsPerHour;
    }

    /**
     * Makes a link of {@code purpose} to {@code r} and stores its hash; empty if such a link could
     * not work any more (the registration has ended, the address is no longer waiting for
     * confirmation, the link's validity is over). A confirmation link to an address confirmed
     * since becomes a manage link.
     */
    Optional<Delivery.Link> mint(LinkPurpose purpose, Registration r, Event event) {
        if (r.anonymised()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        LinkPurpose p = purpose == LinkPurpose.CONFIRM_ADDRESS && r.addressConfirmed() ? LinkPurpose.MANAGE : purpose;
        if (p != LinkPurpose.DATA_REQUEST && !r.status().isActive()) {
            return Optional.empty();
        }
        if (p == LinkPurpose.HANDOVER && r.handover().isEmpty()) {
            return Optional.empty(); // taken, lapsed with the seat, or never offered
        }
        if (p == LinkPurpose.CHECK_IN && !(r.status().holdsSeat() && r.status() != RegistrationStatus.OFFERED)) {
            return Optional.empty(); // only a seat is checked in
        }
        Instant expiresAt = switch (p) {
            case CONFIRM_ADDRESS -> r.confirmAddressBy().orElseThrow();
            case MANAGE -> manageExpiry(event);
            case DATA_REQUEST -> now.plus(DATA_REQUEST_VALIDITY);
            // The offer's own expiry: it also tells this offer's links from an earlier offer's.
            case HANDOVER -> r.handover().orElseThrow().expiresAt();
            case CHECK_IN -> event.end().toInstant();
        };
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        ManageToken token = ManageToken.generate(random);
        store.saveLinkToken(new LinkToken(token.hash(), p, r.id(), r.eventId(), now, expiresAt), MAX_LIVE);
        return Optional.of(new Delivery.Link(p, token, expiresAt));
    }

    /**
     * Makes every link of {@code purpose} to {@code r} stop working: stores one token in their
     * place that was never sent and lapses at once, keeping no other. Committed when this returns.
     */
    void revoke(Registration r, LinkPurpose purpose) {
        Instant now = clock.instant();
        ManageToken unsent = ManageToken.generate(random);
        store.saveLinkToken(new LinkToken(unsent.hash(), purpose, r.id(), r.eventId(), now, now.plusMillis(1)), 1);
    }

    /** When manage links to the event stop working. */
    Instant manageExpiry(Event event) {
        return manageValidity != null ? event.end().toInstant().plus(manageValidity) : event.personalDataExpiresAt();
    }

    /** The registration a live link of one of {@code purposes} reaches, unless it has been anonymised. */
    Optional<Registration> follow(ManageToken token, Set<LinkPurpose> purposes) {
        Instant now = clock.instant();
        return store.findLinkToken(token.hash())
                .filter(t -> purposes.contains(t.purpose()) && t.liveAt(now) && token.matches(t.hash()))
                .flatMap(t -> store.findRegistration(t.registrationId()))
                .filter(r -> !r.anonymised());
    }

    /**
     * The registration whose seat a live hand-over link offers: only for the offer the link was
     * made for (its expiry is the offer's, and a newer offer always expires later), while it lasts.
     */
    Optional<Registration> followHandover(ManageToken token) {
        Instant now = clock.instant();
        return store.findLinkToken(token.hash())
                .filter(t -> t.purpose() == LinkPurpose.HANDOVER && t.liveAt(now) && token.matches(t.hash()))
                .flatMap(t -> store.findRegistration(t.registrationId())
                        .filter(r -> !r.anonymised()
                                && r.handover()
                                        .filter(h -> h.expiresAt().equals(t.expiresAt()) && h.liveAt(now))
                                        .isPresent()));
    }

    /**
     * Publishes a message with a link to {@code r}'s owner on request ("send me my link", an
     * "already registered" mail, a data request), unless {@code requestsPerHour} were sent in the
     * current hour: counted on the registration, in the unit of work.
     *
     * @return false if the limit held it back
     */
    boolean sendOnRequest(UnitOfWork fx, Registration r, Notification.Kind kind) {
        Instant now = fx.now();
        Optional<Instant> windowStart = r.linkWindowStart();
        Registration counted;
        if (windowStart.isEmpty() || !now.isBefore(windowStart.get().plus(REQUEST_WINDOW))) {
            counted = r.toBuilder().linkRequests(Optional.of(now), 1).build(); // a new window
        } else if (r.linkRequests() >= requestsPerHour) {
            log.info("link not sent, limit reached: event={} registration={} kind={}", r.eventId(), r.id(), kind);
            return false;
        } else {
            counted = r.toBuilder()
                    .linkRequests(windowStart, r.linkRequests() + 1)
                    .build();
        }
        fx.update(counted);
        fx.notify(kind, counted);
        return true;
    }
}
