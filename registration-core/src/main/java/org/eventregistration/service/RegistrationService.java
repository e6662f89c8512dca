package org.eventregistration.service;

import jakarta.validation.ValidatorFactory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.eventregistration.event.Event;
import org.eventregistration.event.EventId;
import org.eventregistration.event.EventNotFoundException;
import org.eventregistration.event.OrganiserId;
import org.eventregistration.registration.Actor;
import org.eventregistration.registration.ChangeOutcome;
import org.eventregistration.registration.ChoicesChange;
import org.eventregistration.registration.GroupOutcome;
import org.eventregistration.registration.GroupRegistrationRequest;
import org.eventregistration.registration.HandoverInvitation;
import org.eventregistration.registration.HandoverOutcome;
import org.eventregistration.registration.HandoverRequest;
import org.eventregistration.registration.IllegalTransitionException;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationNotFoundException;
import org.eventregistration.registration.RegistrationOutcome;
import org.eventregistration.registration.RegistrationRefusedException;
import org.eventregistration.registration.RegistrationRequest;
import org.eventregistration.registration.TakeoverOutcome;
import org.eventregistration.registration.Violation;
import org.eventregistration.spi.DeliveryRetry;
import org.eventregistration.spi.IdGenerator;
import org.eventregistration.spi.RegistrationListener;
import org.eventregistration.spi.RegistrationObserver;
import org.eventregistration.spi.RegistrationStore;
import org.eventregistration.store.memory.InMemoryRegistrationStore;

/**
 * The one object a portal talks to: register people and let them manage their own registrations
 * (with the manage token), read the public event definitions, and run the scheduled jobs. Organisers
 * work through an {@link OrganiserConsole} from {@link #console(OrganiserId, String)}, which limits
 * every read and change to one organiser's events and records changes in the audit log.
 *
 * <p>Thread-safe; create one per application with {@link #builder()} and share it. Every change
 * runs as one atomic unit of work on its event in the {@link RegistrationStore}: validate, lock the
 * event's ledger, decide, write the registration, the ledger and the notifications together, then
 * tell the {@link RegistrationListener}s after the commit. Time comes from the configured {@link
 * Clock}.
 *
 * <p>Expected outcomes (full, not eligible, invalid form) are values; exceptions ({@link
 * org.eventregistration.RegistrationException} and subclasses) are for unknown ids, moves the
 * lifecycle forbids, and store failures. No method returns null.
 *
 * <p>While it works on an event, the event's id is in the SLF4J MDC under {@code eventId}; while
 * it hands a notification to the listeners, the registration's too, under {@code registrationId}.
 * Ids only; the values that were there before are restored.
 */
public final class RegistrationService {
    // The facade: each method forwards to the package-private class that decides it.
    private final RegistrationStore store;
    private final Registrar registrar;
    private final SelfService selfService;
    private final OwnChanges ownChanges;
    private final OrganiserOperations organiserOperations;
    private final OrganiserQueries organiserQueries;
    private final EventChanges eventChanges;
    private final PersonalData personalData;
    private final ManualRegistration manualRegistration;
    private final RetentionJob retention;
    private final Expiries expiries;
    private final Reminders reminders;
    private final NotificationDelivery delivery;

    private RegistrationService(Builder b) {
        this.store = b.store;
        Lookups lookups = new Lookups(store);
        Links links = new Links(store, b.clock, b.random, b.manageTokenValidity, b.linkRequestsPerHour);
        this.delivery = new NotificationDelivery(store, b.listeners, lookups, links, b.clock, b.deliveryRetry);
        UnitsOfWork units = new UnitsOfWork(store, b.ids, delivery);
        this.registrar = new Registrar(
                store,
                b.clock,
                b.ids,
                b.random,
                new FormValidation(b.validatorFactory),
                units,
                delivery,
                lookups,
                links,
                b.observers);
        this.selfService = new SelfService(store, b.clock, units, lookups, links, b.manageTokenValidity);
        this.ownChanges = new OwnChanges(
                store,
                b.clock,
                b.random,
                new FormValidation(b.validatorFactory),
                units,
                lookups,
                links,
                selfService::findByManageToken,
                b.manageTokenValidity);
        Ownership ownership = new Ownership(store, units);
        this.organiserOperations =
                new OrganiserOperations(store, b.clock, ownership, Optional.ofNullable(b.checkInOpensBefore));
        this.eventChanges = new EventChanges(store, b.clock, b.ids, ownership, registrar);
        this.organiserQueries = new OrganiserQueries(store, b.clock, ownership, lookups, links);
        this.personalData = new PersonalData(store, b.clock, ownership, units, lookups, links);
        this.manualRegistration =
                new ManualRegistration(b.clock, b.random, new FormValidation(b.validatorFactory), ownership);
        this.retention = new RetentionJob(store, b.clock, units);
        this.expiries = new Expiries(store, b.clock, units);
        this.reminders = new Reminders(store, b.clock, units);
    }

    /** Starts a service; with no settings it uses an in-memory store and the system clock. */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- events

    /**
     * A console for one organiser's staff: every organiser-facing operation (event definitions,
     * lists, approve, check in, exports, erasure, the audit log), limited to the events of {@code
     * organiser}. Cheap to create: make one per request from the portal's login.
     *
     * @param organiser the organiser the user acts for, from the portal's own access control
     * @param userId the user's id, kept in histories and the audit log ({@code [A-Za-z0-9._@-]}, 1-100)
     * @throws IllegalArgumentException if the user id is not valid
     */
    public OrganiserConsole console(OrganiserId organiser, String userId) {
        Objects.requireNonNull(organiser, "organiser");
        Objects.requireNonNull(userId, "userId");
        return new OrganiserConsole(
                organiserOperations,
                eventChanges,
                organiserQueries,
                personalData,
                manualRegistration,
                organiser,
                Actor.organiser(userId));
    }

    /** An event by id. Event definitions are public: anyone may read them. */
    public Optional<Event> findEvent(EventId id) {
        return store.findEvent(id);
    }

    /**
     * The public counts of an event (seats, seats taken, waiting list; per session too), from its
     * definition and its ledger, however many registrations it has. What a public event
     * page shows; an organiser's {@link OrganiserConsole#statistics} adds the count per status. Read
     * with {@link org.eventregistration.spi.RegistrationStore#findEventState}: one round trip on the
     * JDBC store.
     *
     * @throws EventNotFoundException if there is no such event
     */
    public SeatCounts seatCounts(EventId id) {
        Objects.requireNonNull(id, "id");
        org.eventregistration.spi.EventState state =
                store.findEventState(id).orElseThrow(() -> new EventNotFoundException(id));
        return SeatCounts.of(state.event(), state.ledger());
    }

    /** All events of every organiser, by start time. Event definitions are public. */
    public List<Event> events() {
        return store.findEvents();
    }

    // ---------------------------------------------------------------- registering

    /**
     * Registers one person.
     *
     * <p>In order: the request is validated (every problem at once, {@link RegistrationOutcome.Invalid});
     * the same idempotency key returns the same registration ({@link RegistrationOutcome.Repeated})
     * or, with a different request, {@link RegistrationOutcome.IdempotencyKeyReused}; the
     * registration window, the target audience and the capacity rules are checked. An address the
     * application has not {@linkplain RegistrationRequest#addressVerified() verified}, on an event
     * that {@linkplain Event#addressConfirmation() requires confirmation}, gets {@link
     * RegistrationOutcome.AwaitingAddressConfirmation} (its place held until confirmed through the
     * link sent to it) whether or not it was registered already: only the e-mail tells its owner.
     * Otherwise the result is confirmed, waitlisted, pending approval, already registered, or
     * rejected with reasons. See {@link RegistrationOutcome} for what each answer may reveal.
     *
     * @throws EventNotFoundException if the event does not exist
     * @throws org.eventregistration.spi.OutcomeUnknownException if the store failed while
     *     committing: the registration may or may not exist. Send the same request with the same
     *     idempotency key again: it is then answered as {@link RegistrationOutcome.Repeated} if it
     *     was stored, and its owner has the link by e-mail either way
     * @throws org.eventregistration.spi.StoreException if the store fails otherwise; nothing was stored
     */
    public RegistrationOutcome register(RegistrationRequest request) {
        return registrar.register(request);
    }

    /**
     * Checks a request the way {@link #register} would (Jakarta Validation and the event's own
     * rules: sessions, questions), without registering anyone: for a form that shows every problem
     * before the person submits, or a portal with fields of its own to check alongside.
     *
     * @return every problem, empty if none; messages in bokmål, nynorsk and English
     * @throws EventNotFoundException if the event does not exist
     */
    public List<Violation> validate(RegistrationRequest request) {
        return registrar.validate(request);
    }

    /**
     * Registers several colleagues from one organisation, all or none: either every member gets a
     * registration (decided in order, as if they registered one after another with no one in
     * between), or nothing is stored and the outcome says which members failed and why.
     *
     * @throws EventNotFoundException if the event does not exist
     */
    public GroupOutcome registerGroup(GroupRegistrationRequest group) {
        return registrar.registerGroup(group);
    }

    // ---------------------------------------------------------------- the person's own actions

    /**
     * Cancels the registration that the manage token belongs to; before the event's cancellation
     * deadline only. A freed seat goes to the waiting list.
     *
     * @throws RegistrationNotFoundException if the token matches no registration
     * @throws RegistrationRefusedException if the deadline has passed
     * @throws IllegalTransitionException if it is already ended
     */
    public Registration cancel(ManageToken token) {
        return selfService.cancel(token);
    }

    /**
     * Accepts the seat offered to the holder of the token.
     *
     * @throws RegistrationRefusedException if the offer has expired (it is then marked expired)
     * @throws IllegalTransitionException if there is no open offer
     */
    public Registration acceptOffer(ManageToken token) {
        return selfService.acceptOffer(token);
    }

    /**
     * Declines the seat offered to the holder of the token; it goes to the next in line.
     *
     * @throws IllegalTransitionException if there is no open offer
     */
    public Registration declineOffer(ManageToken token) {
        return selfService.declineOffer(token);
    }

    /**
     * The registration the manage token belongs to, while the token is valid: empty if it matches
     * none, if the registration has ended (cancelled, declined, expired) or been anonymised, or if
     * the {@linkplain Builder#manageTokenValidity(Duration) token validity} after the event's end
     * has passed.
     */
    public Optional<Registration> findByManageToken(ManageToken token) {
        return selfService.findByManageToken(token);
    }

    /**
     * The current waiting-list position (1 = next in line) of the holder of the token, if they are
     * waitlisted: for the person's own "manage my registration" page.
     */
    public OptionalInt waitingPosition(ManageToken token) {
        return selfService.waitingPosition(token);
    }

    /**
     * Changes the answers to the event's questions and the sessions (workshops) chosen, through the
     * manage link, before the event's cancellation deadline. The change is checked like the
     * registration form ({@link #validate}); with a seat, the session counters move from the old
     * sessions to the new in the same unit of work, and a full session is refused, named in the
     * reason (a portal does best not to offer it); a session freed this way goes to the waiting
     * list. The history records the change and the person is sent a short confirmation ({@code
     * CHOICES_CHANGED}).
     *
     * @return changed, unchanged (nothing differed), invalid (every problem), or refused (deadline,
     *     cancelled event, full session)
     * @throws RegistrationNotFoundException if the token matches no live registration
     */
    public ChangeOutcome changeChoices(ManageToken token, ChoicesChange change) {
        return ownChanges.changeChoices(token, change);
    }

    /**
     * Offers the seat of the holder of the manage token to a colleague of the same organisation:
     * the same organisation number if the registration has one (the colleague types it), otherwise
     * an address in the same e-mail domain; a colleague who belongs to the event's audience
     * outright (not one who would need approval). Only a confirmed seat, before the cancellation
     * deadline. The colleague is sent a link ({@code HANDOVER_OFFERED}) that works for 24 hours at
     * most, and never past the deadline; the seat stays the person's until the colleague takes it
     * ({@link #takeOverSeat}). A newer offer replaces an earlier one, whose links stop working.
     *
     * @throws RegistrationNotFoundException if the token matches no live registration
     */
    public HandoverOutcome offerSeat(ManageToken token, HandoverRequest colleague) {
        return ownChanges.offerSeat(token, colleague);
    }

    /**
     * What the colleague's page shows before they take the seat: empty if the hand-over link is
     * unknown, expired, replaced by a newer offer, or the seat is no longer the person's to give.
     */
    public Optional<HandoverInvitation> findHandoverInvitation(ManageToken handoverToken) {
        return ownChanges.findHandoverInvitation(handoverToken);
    }

    /**
     * The colleague takes the seat offered through the link sent to their address (which the link
     * thereby confirms). In one unit of work the person's registration is cancelled as handed over
     * ({@code HANDED_OVER} to them) and a new confirmed registration for the colleague takes the
     * same seat and sessions (not the answers, which were the person's own), never through the
     * waiting list: its counters are checked again, so capacity is never exceeded. Refused if the
     * seat was cancelled or handed over meanwhile, the offer lapsed, the deadline passed, the
     * colleague is no longer eligible or already registered. Portals ask for this with a button
     * (a POST): mail scanners open links.
     *
     * @param language the colleague's language, for their registration and its messages
     * @throws RegistrationNotFoundException if the link is unknown, expired or replaced
     */
    public TakeoverOutcome takeOverSeat(ManageToken handoverToken, java.util.Locale language) {
        return ownChanges.takeOverSeat(handoverToken, language);
    }

    /**
     * The registration the manage token belongs to if its seat was handed over to a colleague
     * ({@link Registration#handedOver()}), for the person's page to say so; empty otherwise
     * ({@link #findByManageToken} is empty for it, as for every ended registration).
     */
    public Optional<Registration> findHandedOver(ManageToken token) {
        return ownChanges.findHandedOver(token);
    }

    /**
     * Confirms the e-mail address of the registration that a link sent to it reaches (a
     * confirmation link, or a manage link): the registration then counts, and its owner gets the
     * message of its status (confirmed, waitlisted with the position, pending approval). Confirming
     * twice is harmless. A portal shows a page with a button for this (a POST), never acts on
     * opening the link: mail scanners open links.
     *
     * @return the registration, address confirmed
     * @throws RegistrationNotFoundException if the link is unknown, expired, or its registration
     *     has ended
     * @throws RegistrationRefusedException if the confirmation came too late: the registration has
     *     expired and its place has gone to the next in line
     */
    public Registration confirmAddress(ManageToken token) {
        return selfService.confirmAddress(token);
    }

    /**
     * "Send me my link": if the address has an active registration for the event, its owner is
     * sent a new manage link by e-mail (through the listeners); links already sent keep working.
     * Returns the same whether or not the address is registered, and sends nothing past the limit
     * ({@link Builder#linkRequestsPerHour}), which "already registered" mails share.
     *
     * @throws EventNotFoundException if the event does not exist
     * @throws IllegalArgumentException if the address is blank or longer than 320 characters
     */
    public void requestLink(EventId eventId, String email) {
        selfService.requestLink(eventId, email);
    }

    /**
     * The person's own request for their data or its erasure: if the address has a registration
     * for the event, its owner is sent a data-request link (24 hours), with which {@link
     * #exportPersonalData(ManageToken)} and {@link #erasePersonalData(ManageToken)} work. Returns
     * the same either way; limited like {@link #requestLink}.
     *
     * @throws EventNotFoundException if the event does not exist
     * @throws IllegalArgumentException if the address is blank or longer than 320 characters
     */
    public void requestPersonalData(EventId eventId, String email) {
        personalData.requestPersonalData(eventId, email);
    }

    /**
     * Everything held about the address a data-request link was sent to, in the events of that
     * event's organiser. Audited, one entry per registration, as done by the attendee.
     *
     * @throws RegistrationNotFoundException if the link is unknown, expired or not a data-request link
     */
    public PersonalDataExport exportPersonalData(ManageToken dataRequestToken) {
        return personalData.exportPersonalData(dataRequestToken);
    }

    /**
     * Erases everything held about the address a data-request link was sent to, in the events of
     * that event's organiser, as {@link OrganiserConsole#erasePersonalData} would. Audited.
     *
     * @return how many registrations were anonymised
     * @throws RegistrationNotFoundException if the link is unknown, expired or not a data-request link
     */
    public int erasePersonalData(ManageToken dataRequestToken) {
        return personalData.erasePersonalData(dataRequestToken);
    }

    // ---------------------------------------------------------------- scheduled jobs

    /**
     * Expires every registration whose address was not confirmed in time and gives its place to
     * the next in line. Call it on a schedule (every minute, say); safe on several nodes at once.
     *
     * @return how many expired
     */
    public int expireUnconfirmed() {
        return expiries.expireUnconfirmed();
    }

    /**
     * Applies every event's {@link org.eventregistration.event.Retention}: for each event whose end
     * plus the sensitive-answers period has passed, removes the answers to sensitive questions;
     * for each event whose end plus the personal-data period has passed, anonymises every
     * registration (see {@link Registration#anonymise}). Statuses, sessions, choices and counters
     * are kept, so statistics survive. Each event is done in one unit of work, audited as {@code
     * system}.
     *
     * <p>Idempotent, and safe to run on every node at once: each unit of work re-reads under the
     * event's lock and skips what is already done. Run it on a schedule (daily, say).
     *
     * @return what this run changed
     */
    public RetentionReport applyRetention() {
        return retention.apply();
    }

    /**
     * Expires every offer whose time is up and offers the seats to the next in line. Call it on a
     * schedule (every minute, say); running it on several nodes at once is safe.
     *
     * <p>It also removes every offer of a seat to a colleague ({@link Registration#handover()}) that
     * lapsed untaken: the colleague's name and address are no longer needed. The registration keeps
     * its seat, with a history entry {@value Registration#HANDOVER_LAPSED}; nobody is sent a message.
     *
     * @return how many offers expired: those of the waiting list and the lapsed offers to colleagues
     */
    public int expireOffers() {
        return expiries.expireOffers();
    }

    /**
     * Delivers notifications left pending (a listener failed, or a node stopped between commit and
     * delivery) whose time has come: one that failed waits before its next attempt, longer after
     * every failure, and is set aside as undeliverable after the last ({@link
     * Builder#deliveryRetry}). Call it at start-up and on a schedule (every minute, say).
     *
     * @return how many were delivered
     */
    public int deliverPendingNotifications() {
        return delivery.deliverPending();
    }

    /**
     * Reminds everyone confirmed (address confirmed too) of each event that has a {@linkplain
     * Event#reminderBefore() reminder} and starts within it: one {@code REMINDER} notification per
     * person, once (the registration records it). Run it on a schedule (hourly, say); safe on
     * several nodes at once.
     *
     * @return how many were reminded
     */
    public int sendReminders() {
        return reminders.send();
    }

    /**
     * Sets a notification aside as undeliverable at once, for a bounce processor: the message to
     * its address bounced. It is no longer tried, and the organiser sees it in {@link
     * OrganiserConsole#undeliverable(EventId)}. An unknown or delivered id is ignored.
     */
    public void reportBounce(String notificationId) {
        delivery.reportBounce(Objects.requireNonNull(notificationId, "notificationId"));
    }

    /** Builds a {@link RegistrationService}. Not thread-safe. */
    public static final class Builder {
        private RegistrationStore store = new InMemoryRegistrationStore();
        private Clock clock = Clock.systemUTC();
        private ValidatorFactory validatorFactory;
        private final List<RegistrationListener> listeners = new ArrayList<>();
        private final List<RegistrationObserver> observers = new ArrayList<>();
        private IdGenerator ids = IdGenerator.fastRandomUuid();
        private SecureRandom random = new SecureRandom();

        private Duration manageTokenValidity;
        private Duration checkInOpensBefore;
        private int linkRequestsPerHour = 3;
        private DeliveryRetry deliveryRetry = DeliveryRetry.DEFAULT;

        private Builder() {}

        /**
         * How many links may be sent to one registration's address per hour on request ("send me
         * my link", "already registered", data requests together); 3 unless set.
         *
         * @throws IllegalArgumentException unless 1 to 100
         */
        public Builder linkRequestsPerHour(int perHour) {
            if (perHour < 1 || perHour > 100) {
                throw new IllegalArgumentException("link requests per hour must be 1 to 100 but was " + perHour);
            }
            this.linkRequestsPerHour = perHour;
            return this;
        }

        /**
         * Makes manage tokens stop working this long after the event ends (they always stop when
         * the registration ends or is anonymised). No limit unless set.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder manageTokenValidity(Duration validity) {
            Objects.requireNonNull(validity, "validity");
            if (validity.isNegative()) {
                throw new IllegalArgumentException("a manage token validity must not be negative but was " + validity);
            }
            this.manageTokenValidity = validity;
            return this;
        }

        /**
         * Allows check-in only from this long before an event starts (a check-in weeks early is a
         * slip of the finger). No limit unless set.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder checkInOpensBefore(Duration before) {
            Objects.requireNonNull(before, "before");
            if (before.isNegative()) {
                throw new IllegalArgumentException("check-in must not open after the start, but was " + before);
            }
            this.checkInOpensBefore = before;
            return this;
        }

        /**
         * When a notification whose delivery failed (a listener threw) is tried again, and after
         * how many failures it is set aside as undeliverable; {@link DeliveryRetry#DEFAULT} unless set.
         */
        public Builder deliveryRetry(DeliveryRetry retry) {
            this.deliveryRetry = Objects.requireNonNull(retry, "retry");
            return this;
        }

        /** Where to keep things; an {@link InMemoryRegistrationStore} unless set. */
        public Builder store(RegistrationStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The clock to read time from; the system clock (UTC) unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The Jakarta Validation factory to validate requests with, for a portal that brings its own
         * (Spring's {@code LocalValidatorFactoryBean} is one). Unless set, the default provider on
         * the class path is used: Hibernate Validator, which registration-core depends on.
         */
        public Builder validatorFactory(ValidatorFactory factory) {
            this.validatorFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** Adds a listener, told after every committed change. */
        public Builder listener(RegistrationListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Adds an observer, told of every answer {@link RegistrationService#register} gives and its time. */
        public Builder observer(RegistrationObserver observer) {
            this.observers.add(Objects.requireNonNull(observer, "observer"));
            return this;
        }

        /** How ids are made; {@link IdGenerator#fastRandomUuid()} unless set. */
        public Builder idGenerator(IdGenerator ids) {
            this.ids = Objects.requireNonNull(ids, "ids");
            return this;
        }

        /** The source of manage tokens; a new {@link SecureRandom} unless set. */
        public Builder secureRandom(SecureRandom random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Builds the service. */
        public RegistrationService build() {
            return new RegistrationService(this);
        }
    }
}
