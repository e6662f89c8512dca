package org.eventregistration.event;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.eventregistration.capacity.CapacityPolicy;
import org.eventregistration.capacity.WaitingListCap;
import org.eventregistration.capacity.WaitlistPolicy;
import org.eventregistration.eligibility.EligibilityRule;
import org.eventregistration.i18n.LocalizedText;

/**
 * Something people register for: a conference, a course, a meeting. Immutable and thread-safe.
 *
 * <p>Built with {@link #builder(EventId)}. The builder fails fast with a message that names the
 * bad value. Times carry their zone ({@code Europe/Oslo} for a Norwegian event); windows are
 * half-open: registration is open from {@link #registrationOpens()} inclusive to {@link
 * #registrationCloses()} exclusive.
 *
 * <pre>{@code
 * ZoneId oslo = ZoneId.of("Europe/Oslo");
 * Event event = Event.builder(EventId.of("feiltrinn-2026"))
 *         .title(LocalizedText.of("Feiltrinn", "Feilsteg", "Missteps"))
 *         .schedule(ZonedDateTime.of(2026, 12, 11, 9, 0, 0, 0, oslo), ZonedDateTime.of(2026, 12, 11, 16, 0, 0, 0, oslo))
 *         .host(Organisation.of("Digitaliseringsdirektoratet"))
 *         .capacity(CapacityPolicy.seats(150).withMaxPerOrganisation(5))
 *         .waitlist(WaitlistPolicy.autoPromote())
 *         .build();
 * }</pre>
 */
public final class Event {
    private final EventId id;
    private final LocalizedText title;
    private final LocalizedText description;
    private final ZonedDateTime start;
    private final ZonedDateTime end;
    private final Venue venue;
    private final Organisation host;
    private final List<Organisation> coHosts;
    private final URI infoUrl;
    private final LocalizedText audienceDescription;
    private final Instant registrationOpens;
    private final Instant registrationCloses;
    private final Instant cancellationDeadline;
    private final Map<SessionId, Session> sessions;
    private final CapacityPolicy capacity;
    private final WaitlistPolicy waitlist;
    private final WaitingListCap waitingListCap;
    private final EligibilityRule eligibility;
    private final OutsideAudience outsideAudience;
    private final List<Question> questions;
    private final OrganiserId organiser;
    private final Retention retention;
    private final AddressConfirmation addressConfirmation;
    private final Duration reminderBefore;
    private final int revision;
    private final Instant cancelledAt;
    private final java.util.Set<PersonalField> askFor;

    private Event(Builder b) {
        this.id = b.id;
        this.organiser = b.organiser;
        this.retention = b.retention;
        this.addressConfirmation = b.addressConfirmation;
        this.reminderBefore = b.reminderBefore;
        this.revision = b.revision;
        this.cancelledAt = b.cancelledAt;
        this.askFor = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(b.askFor));
        this.title = require(b.title, "title");
        this.description = b.description;
        this.start = require(b.start, "schedule");
        this.end = b.end;
        this.venue = b.venue;
        this.host = require(b.host, "host");
        this.coHosts = List.copyOf(b.coHosts);
        this.infoUrl = b.infoUrl;
        this.audienceDescription = b.audienceDescription;
        this.registrationOpens = b.registrationOpens != null ? b.registrationOpens : Instant.EPOCH;
        this.registrationCloses = b.registrationCloses != null ? b.registrationCloses : start.toInstant();
        this.cancellationDeadline = b.cancellationDeadline != null ? b.cancellationDeadline : start.toInstant();
        if (!registrationCloses.isAfter(registrationOpens)) {
            throw new IllegalArgumentException("event " + id + ": registration must close after it opens: "
                    + registrationOpens + " .. " + registrationCloses);
        }
        this.sessions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.sessions));
        this.capacity = require(b.capacity, "capacity");
        this.waitlist = b.waitlist;
        this.waitingListCap = b.waitingListCap;
        this.eligibility = b.eligibility;
        this.outsideAudience = b.outsideAudience;
        Map<String, Question> byId = new LinkedHashMap<>();
        for (Question q : b.questions) {
            if (byId.put(q.id(), q) != null) {
                throw new IllegalArgumentException("event " + id + ": question " + q.id() + " is defined twice");
            }
        }
        this.questions = List.copyOf(b.questions);
    }

    private <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalStateException("event " + id + ": " + what + " is required");
        }
        return value;
    }

    /** Starts an event. */
    public static Builder builder(EventId id) {
        return new Builder(Objects.requireNonNull(id, "id"));
    }

    /** A builder with this event's values, to make a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.title = title;
        b.description = description;
        b.start = start;
        b.end = end;
        b.venue = venue;
        b.host = host;
        b.coHosts.addAll(coHosts);
        b.infoUrl = infoUrl;
        b.audienceDescription = audienceDescription;
        b.registrationOpens = registrationOpens;
        b.registrationCloses = registrationCloses;
        b.cancellationDeadline = cancellationDeadline;
        b.sessions.putAll(sessions);
        b.capacity = capacity;
        b.waitlist = waitlist;
        b.waitingListCap = waitingListCap;
        b.eligibility = eligibility;
        b.outsideAudience = outsideAudience;
        b.questions.addAll(questions);
        b.organiser = organiser;
        b.retention = retention;
        b.addressConfirmation = addressConfirmation;
        b.reminderBefore = reminderBefore;
        b.revision = revision;
        b.cancelledAt = cancelledAt;
        b.askFor = java.util.EnumSet.noneOf(PersonalField.class);
        b.askFor.addAll(askFor);
        return b;
    }

    /** The id. */
    public EventId id() {
        return id;
    }

    /** The title. */
    public LocalizedText title() {
        return title;
    }

    /** The description, if any. */
    public Optional<LocalizedText> description() {
        return Optional.ofNullable(description);
    }

    /** When the event starts, in its own time zone. */
    public ZonedDateTime start() {
        return start;
    }

    /** When the event ends, in its own time zone. */
    public ZonedDateTime end() {
        return end;
    }

    /** Where it takes place, if set. */
    public Optional<Venue> venue() {
        return Optional.ofNullable(venue);
    }

    /** The organisation that owns the event. */
    public Organisation host() {
        return host;
    }

    /** Organisations the host cooperates with ("i samarbeid med"); possibly empty. */
    public List<Organisation> coHosts() {
        return coHosts;
    }

    /** A page with more information, if any. */
    public Optional<URI> infoUrl() {
        return Optional.ofNullable(infoUrl);
    }

    /** The target audience as shown to people ("Målgruppe: …"), if set. */
    public Optional<LocalizedText> audienceDescription() {
        return Optional.ofNullable(audienceDescription);
    }

    /** When registration opens (inclusive); {@link Instant#EPOCH} if it was always open. */
    public Instant registrationOpens() {
        return registrationOpens;
    }

    /** When registration closes (exclusive); the event's start unless set. */
    public Instant registrationCloses() {
        return registrationCloses;
    }

    /** The last moment (exclusive) at which a person may cancel on their own; the event's start unless set. */
    public Instant cancellationDeadline() {
        return cancellationDeadline;
    }

    /** True if registration is open at the given instant. */
    public boolean isRegistrationOpen(Instant now) {
        return cancelledAt == null && !now.isBefore(registrationOpens) && now.isBefore(registrationCloses);
    }

    /** The sessions in the order they were added; possibly empty. */
    public List<Session> sessions() {
        return List.copyOf(sessions.values());
    }

    /** One session by id. */
    public Optional<Session> session(SessionId id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The capacity rules. */
    public CapacityPolicy capacity() {
        return capacity;
    }

    /** The waiting-list policy. */
    public WaitlistPolicy waitlist() {
        return waitlist;
    }

    /**
     * How long the waiting list may grow ({@link WaitingListCap#DEFAULT}, ten times the seats,
     * unless set); a registration beyond it is rejected because the waiting list is full.
     */
    public WaitingListCap waitingListCap() {
        return waitingListCap;
    }

    /** Who may register. */
    public EligibilityRule eligibility() {
        return eligibility;
    }

    /** What happens to people outside the target audience. */
    public OutsideAudience outsideAudience() {
        return outsideAudience;
    }

    /** The questions asked at registration, in order. */
    public List<Question> questions() {
        return questions;
    }

    /** One question by id. */
    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    /**
     * The organiser that owns the event: only a console of this organiser sees and changes its
     * registrations. {@link OrganiserId#DEFAULT} unless set.
     */
    public OrganiserId organiser() {
        return organiser;
    }

    /** How long personal data is kept after the event ends; {@link Retention#DEFAULT} unless set. */
    public Retention retention() {
        return retention;
    }

    /** Whether people must confirm their address by a link; {@link AddressConfirmation#DEFAULT} unless set. */
    public AddressConfirmation addressConfirmation() {
        return addressConfirmation;
    }

    /**
     * How long before the start confirmed people are reminded (with the calendar entry and their
     * link); empty for no reminder, which is the default.
     */
    public Optional<Duration> reminderBefore() {
        return Optional.ofNullable(reminderBefore);
    }

    /**
     * How many times people were told of a change since the event was first saved: a move (start,
     * end, venue or title) or the cancellation. The {@code SEQUENCE} of the event's calendar
     * entries. Kept by the service: {@code OrganiserConsole.saveEvent} sets it, whatever a saved
     * definition says.
     */
    public int revision() {
        return revision;
    }

    /** When the organiser cancelled the event ({@code OrganiserConsole.cancelEvent}); empty while it is on. */
    public Optional<Instant> cancelledAt() {
        return Optional.ofNullable(cancelledAt);
    }

    /**
     * The personal details the registration form asks for besides the name and the e-mail address;
     * every {@link PersonalField} unless set. A detail the event does not ask for is not required,
     * and a form should not show it.
     */
    public java.util.Set<PersonalField> askFor() {
        return askFor;
    }

    /** Whether the form asks for this detail. */
    public boolean asksFor(PersonalField field) {
        return askFor.contains(Objects.requireNonNull(field, "field"));
    }

    /** Whether the organiser cancelled the event. */
    public boolean isCancelled() {
        return cancelledAt != null;
    }

    /**
     * Whether {@code changed} differs from this event in what a participant plans by and what a
     * calendar entry carries: the start, the end, the venue or the title.
     */
    public boolean movedIn(Event changed) {
        Objects.requireNonNull(changed, "changed");
        return !start.equals(changed.start)
                || !end.equals(changed.end)
                || !Objects.equals(venue, changed.venue)
                || !title.equals(changed.title);
    }

    /** When personal data of this event's registrations is due for anonymisation: end plus retention. */
    public Instant personalDataExpiresAt() {
        return end.toInstant().plus(retention.personalData());
    }

    /** When answers to sensitive questions are due for removal: end plus the sensitive retention. */
    public Instant sensitiveAnswersExpireAt() {
        return end.toInstant().plus(retention.sensitiveAnswers());
    }

    @Override
    public String toString() {
        return "Event[" + id + ", " + start + "]";
    }

    /** Builds an {@link Event}. Not thread-safe. Setting a single-valued part twice is an error. */
    public static final class Builder {
        private final EventId id;
        private LocalizedText title;
        private LocalizedText description;
        private ZonedDateTime start;
        private ZonedDateTime end;
        private Venue venue;
        private Organisation host;
        private final List<Organisation> coHosts = new ArrayList<>();
        private URI infoUrl;
        private LocalizedText audienceDescription;
        private Instant registrationOpens;
        private Instant registrationCloses;
        private Instant cancellationDeadline;
        private final Map<SessionId, Session> sessions = new LinkedHashMap<>();
        private CapacityPolicy capacity;
        private WaitlistPolicy waitlist = WaitlistPolicy.autoPromote();
        private WaitingListCap waitingListCap = WaitingListCap.DEFAULT;
        private EligibilityRule eligibility = EligibilityRule.everyone();
        private OutsideAudience outsideAudience = OutsideAudience.REJECT;
        private final List<Question> questions = new ArrayList<>();
        private OrganiserId organiser = OrganiserId.DEFAULT;
        private Retention retention = Retention.DEFAULT;
        private AddressConfirmation addressConfirmation = AddressConfirmation.DEFAULT;
        private Duration reminderBefore;
        private int revision;
        private Instant cancelledAt;
        private java.util.EnumSet<PersonalField> askFor = java.util.EnumSet.allOf(PersonalField.class);

        private Builder(EventId id) {
            this.id = id;
        }

        /** The title (required). */
        public Builder title(LocalizedText title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /** The description. */
        public Builder description(LocalizedText description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /** When it starts and ends (required); {@code end} after {@code start}. */
        public Builder schedule(ZonedDateTime start, ZonedDateTime end) {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!end.isAfter(start)) {
                throw new IllegalArgumentException(
                        "event " + id + " must end after it starts: " + start + " .. " + end);
            }
            this.start = start;
            this.end = end;
            return this;
        }

        /** Where it takes place. */
        public Builder venue(Venue venue) {
            this.venue = Objects.requireNonNull(venue, "venue");
            return this;
        }

        /** The organisation that owns the event (required). */
        public Builder host(Organisation host) {
            if (this.host != null && !this.host.equals(host)) {
                throw new IllegalStateException(
                        "event " + id + " already has host " + this.host.name() + "; add others with coHost");
            }
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Adds an organisation the host cooperates with. */
        public Builder coHost(Organisation coHost) {
            coHosts.add(Objects.requireNonNull(coHost, "coHost"));
            return this;
        }

        /** A page with more information; must be http or https. */
        public Builder infoUrl(URI url) {
            Objects.requireNonNull(url, "url");
            if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
                throw new IllegalArgumentException("info URL must be http or https but was " + url);
            }
            this.infoUrl = url;
            return this;
        }

        /** The target audience as shown to people. */
        public Builder audienceDescription(LocalizedText audience) {
            this.audienceDescription = Objects.requireNonNull(audience, "audience");
            return this;
        }

        /** The registration window {@code [opens, closes)}. */
        public Builder registrationWindow(Instant opens, Instant closes) {
            Objects.requireNonNull(opens, "opens");
            Objects.requireNonNull(closes, "closes");
            if (!closes.isAfter(opens)) {
                throw new IllegalArgumentException(
                        "registration must close after it opens: " + opens + " .. " + closes);
            }
            this.registrationOpens = opens;
            this.registrationCloses = closes;
            return this;
        }

        /** The last moment (exclusive) at which people may cancel on their own. */
        public Builder cancellationDeadline(Instant deadline) {
            this.cancellationDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /** Adds a session with seats of its own. */
        public Builder session(Session session) {
            Objects.requireNonNull(session, "session");
            if (sessions.putIfAbsent(session.id(), session) != null) {
                throw new IllegalArgumentException("event " + id + " already has session " + session.id());
            }
            return this;
        }

        /** The capacity rules (required). */
        public Builder capacity(CapacityPolicy capacity) {
            this.capacity = Objects.requireNonNull(capacity, "capacity");
            return this;
        }

        /** The waiting-list policy; automatic promotion unless set. */
        public Builder waitlist(WaitlistPolicy waitlist) {
            this.waitlist = Objects.requireNonNull(waitlist, "waitlist");
            return this;
        }

        /**
         * How long the waiting list may grow; {@link WaitingListCap#DEFAULT} (ten times the seats)
         * unless set, {@link WaitingListCap#unlimited()} for no cap.
         */
        public Builder waitingListCap(WaitingListCap cap) {
            this.waitingListCap = Objects.requireNonNull(cap, "cap");
            return this;
        }

        /** Who may register, and what happens to the others; everyone unless set. */
        public Builder eligibility(EligibilityRule rule, OutsideAudience outside) {
            this.eligibility = Objects.requireNonNull(rule, "rule");
            this.outsideAudience = Objects.requireNonNull(outside, "outside");
            return this;
        }

        /** Adds a question. */
        public Builder question(Question question) {
            questions.add(Objects.requireNonNull(question, "question"));
            return this;
        }

        /** The organiser that owns the event; {@link OrganiserId#DEFAULT} unless set. */
        public Builder organiser(OrganiserId organiser) {
            this.organiser = Objects.requireNonNull(organiser, "organiser");
            return this;
        }

        /**
         * Whether people must confirm their address by a link before a registration counts;
         * {@link AddressConfirmation#DEFAULT} (required, 30-minute hold) unless set.
         */
        public Builder addressConfirmation(AddressConfirmation addressConfirmation) {
            this.addressConfirmation = Objects.requireNonNull(addressConfirmation, "addressConfirmation");
            return this;
        }

        /**
         * Reminds confirmed people this long before the start ({@code RegistrationService.sendReminders()}).
         *
         * @throws IllegalArgumentException unless 1 hour to 60 days
         */
        public Builder reminderBefore(Duration before) {
            Objects.requireNonNull(before, "before");
            if (before.compareTo(Duration.ofHours(1)) < 0 || before.compareTo(Duration.ofDays(60)) > 0) {
                throw new IllegalArgumentException("a reminder is 1 hour to 60 days before the start, not " + before);
            }
            this.reminderBefore = before;
            return this;
        }

        /** How long personal data is kept after the event ends; {@link Retention#DEFAULT} unless set. */
        public Builder retention(Retention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /**
         * The personal details the form asks for besides the name and the e-mail address (see
         * {@link Event#askFor()}); every {@link PersonalField} unless set. An empty set: name and
         * address only.
         */
        public Builder askFor(java.util.Set<PersonalField> fields) {
            Objects.requireNonNull(fields, "fields");
            java.util.EnumSet<PersonalField> copy = java.util.EnumSet.noneOf(PersonalField.class);
            for (PersonalField f : fields) {
                copy.add(Objects.requireNonNull(f, "field"));
            }
            this.askFor = copy;
            return this;
        }

        /**
         * The {@linkplain Event#revision() revision}: for a store reading a saved definition back.
         * The service keeps it; a definition saved through the console gets the service's value.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder revision(int revision) {
            if (revision < 0) {
                throw new IllegalArgumentException("a revision is 0 or more, not " + revision);
            }
            this.revision = revision;
            return this;
        }

        /**
         * When the event was {@linkplain Event#cancelledAt() cancelled}: for a store reading a saved
         * definition back. The service keeps it; cancel an event with {@code OrganiserConsole.cancelEvent}.
         */
        public Builder cancelledAt(Instant cancelledAt) {
            this.cancelledAt = Objects.requireNonNull(cancelledAt, "cancelledAt");
            return this;
        }

        /**
         * Builds the event.
         *
         * @throws IllegalStateException if a required part is missing
         * @throws IllegalArgumentException if parts contradict each other
         */
        public Event build() {
            return new Event(this);
        }
    }
}
