package org.eventregistration.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.Notification.Kind;
import org.eventregistration.spi.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes to the person about their registration by e-mail over SMTP: a {@link RegistrationListener}
 * to add to the {@link org.eventregistration.service.RegistrationService}.
 *
 * <pre>{@code
 * MailNotifier mail = MailNotifier.builder()
 *         .smtp("smtp.kommune.no", 587)
 *         .credentials("pamelding", password)          // STARTTLS is required by default
 *         .from("pamelding@kommune.no", "Asker kommune")
 *         .replyTo("kurs@kommune.no")
 *         .links(LinkFormat.of("https://pamelding.kommune.no"))
 *         .build();
 * RegistrationService service = RegistrationService.builder().listener(mail).build();
 * }</pre>
 *
 * <p>Each message is in the person's language (bokmål, nynorsk or English), as text and HTML, with
 * the event's title and time in the event's zone, the personal link of the kind ({@link
 * LinkFormat}) and what the kind needs: the confirmation deadline, the offer's deadline, the
 * waiting position. Messages that give a seat carry a calendar entry, a cancellation removes it
 * ({@link EventCalendar}). Which kinds are sent: {@link #DEFAULT_KINDS} unless set.
 *
 * <p>Delivery is at least once: if the SMTP server cannot take the message, {@link #onDelivery}
 * throws {@link MailDeliveryException}, the notification stays pending and {@link
 * org.eventregistration.service.RegistrationService#deliverPendingNotifications()} sends it again.
 * Every copy has the same {@code Message-ID}, {@code <notification-id@sender-domain>}, so a receiver
 * can drop duplicates. Nothing is sent when the registration has been anonymised, its event deleted,
 * the address is not a valid one, or the message is no longer true (an offer that was answered, an
 * address that was confirmed, a link that can no longer be made). Logs carry ids only.
 *
 * <p>Thread-safe.
 */
public final class MailNotifier implements RegistrationListener {
    /**
     * The kinds sent unless {@link Builder#kinds} says otherwise: all but {@link Kind#CHECKED_IN}
     * and {@link Kind#NO_SHOW}, which organisers record at the door, where an e-mail is noise.
     */
    public static final Set<Kind> DEFAULT_KINDS =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(Kind.CHECKED_IN, Kind.NO_SHOW)));

    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

    private final SmtpSender sender;
    private final Set<Kind> kinds;
    private final Clock clock;
    private final MailComposer composer;
    private final HtmlRenderer html;
    private final MessageAssembler assembler;
    private final EventCalendar calendar;
    private final LinkFormat links;

    private MailNotifier(Builder b, SmtpSender sender) {
        this.sender = sender;
        this.kinds = Collections.unmodifiableSet(EnumSet.copyOf(b.kinds));
        this.clock = b.clock;
        this.links = b.links;
        this.composer = new MailComposer(b.links);
        this.html = new HtmlRenderer();
        String domain = b.from.getAddress().substring(b.from.getAddress().lastIndexOf('@') + 1);
        this.assembler = new MessageAssembler(b.from, Optional.ofNullable(b.replyTo), domain);
        this.calendar = EventCalendar.of(domain, b.from.getAddress());
    }

    /** Starts a notifier. */
    public static Builder builder() {
        return new Builder();
    }

    /** Does nothing: a message needs the person, the event and a link, which {@link #onDelivery} has. */
    @Override
    public void onNotification(Notification notification) {}

    /**
     * Sends the message of the delivery's kind to the person, if it is one that is sent.
     *
     * @throws MailDeliveryException if the SMTP server did not take it; the notification then
     *     stays pending and is delivered again
     */
    @Override
    public void onDelivery(Delivery delivery) {
        Notification n = delivery.notification();
        if (!kinds.contains(n.kind())) {
            return;
        }
        Optional<Registration> registration = delivery.registration();
        Optional<Event> event = delivery.event();
        if (registration.isEmpty() || event.isEmpty()) {
            log.debug("no mail: registration anonymised or gone: notification={} kind={}", n.id(), n.kind());
            return;
        }
        Registration r = registration.get();
        Optional<OrganiserMessage> message = delivery.message();
        if (n.kind() == Kind.MESSAGE && message.isEmpty()) {
            log.info("no mail: the organiser's message is gone: notification={} registration={}", n.id(), r.id());
            return;
        }
        if (!stillTrue(n.kind(), r)) {
            log.info("no mail: no longer true: notification={} kind={} registration={}", n.id(), n.kind(), r.id());
            return;
        }
        Optional<Delivery.Link> link = delivery.link();
        if (n.kind().link().isPresent() && link.isEmpty()) {
            log.info(
                    "no mail: its link can no longer be made: notification={} kind={} registration={}",
                    n.id(),
                    n.kind(),
                    r.id());
            return;
        }
        InternetAddress to;
        try {
            // A seat offered to a colleague goes to the colleague's address, the only message that does.
            Optional<Handover> colleague = n.kind() == Kind.HANDOVER_OFFERED ? r.handover() : Optional.empty();
            to = new InternetAddress(
                    colleague.map(Handover::email).orElse(r.attendee().email()).strip(),
                    MessageAssembler.headerText(
                            colleague.map(Handover::name).orElse(r.attendee().name())),
                    "UTF-8");
            to.validate();
        } catch (AddressException | UnsupportedEncodingException e) {
            // Permanent: sending again would fail the same way, and hold up the outbox.
            log.warn("no mail: the address is not valid: notification={} registration={}", n.id(), r.id());
            return;
        }
        send(
                n,
                event.get(),
                r,
                link,
                delivery.checkInLink(),
                message,
                to,
                delivery.waitingPosition().orElse(0));
    }

    private void send(
            Notification n,
            Event event,
            Registration r,
            Optional<Delivery.Link> link,
            Optional<Delivery.Link> checkIn,
            Optional<OrganiserMessage> message,
            InternetAddress to,
            int position) {
        Instant now = clock.instant();
        MailView view = composer.compose(n.kind(), event, r, link, checkIn, message, position, now);
        Optional<MessageAssembler.CalendarPart> ics = calendarPart(n, event, r, link);
        try {
            sender.send(assembler.assemble(
                    sender.session(), n.id(), to, view, TextRenderer.render(view), html.render(view), ics, now));
        } catch (MessagingException e) {
            if (MailRejectedException.permanent(e)) {
                throw new MailRejectedException(n, e);
            }
            throw new MailDeliveryException(n, e);
        }
        log.info("mail sent: notification={} kind={} registration={}", n.id(), n.kind(), r.id());
    }

    private Optional<MessageAssembler.CalendarPart> calendarPart(
            Notification n, Event event, Registration r, Optional<Delivery.Link> link) {
        Locale language = r.language();
        String uid = calendar.uid(r.id());
        if (CalendarKinds.seat(n.kind(), r) && link.isPresent()) {
            String ics = calendar.publish(event, language, uid, links.url(link.get()), n.occurredAt());
            return Optional.of(new MessageAssembler.CalendarPart(ics, "PUBLISH"));
        }
        if (CalendarKinds.cancel(n.kind(), r)) {
            String ics = calendar.cancel(event, language, uid, r.attendee().email(), n.occurredAt());
            return Optional.of(new MessageAssembler.CalendarPart(ics, "CANCEL"));
        }
        return Optional.empty();
    }

    /** False if what the kind says has been overtaken: the offer was answered, the address confirmed. */
    private static boolean stillTrue(Kind kind, Registration r) {
        return switch (kind) {
            case OFFERED ->
                r.status() == RegistrationStatus.OFFERED && r.offerExpiresAt().isPresent();
            case ADDRESS_CONFIRMATION -> !r.addressConfirmed();
            case HANDOVER_OFFERED ->
                r.status() == RegistrationStatus.CONFIRMED && r.handover().isPresent();
            default -> true;
        };
    }

    /** The Message-ID every copy of the notification's e-mail carries: {@code <id@sender-domain>}. */
    public String messageId(Notification notification) {
        return assembler.messageId(notification.id());
    }

    @Override
    public String toString() {
        return "MailNotifier[" + sender + ", " + links + "]";
    }

    /**
     * Builds a {@link MailNotifier}. Required: an SMTP server ({@link #session} or {@link #smtp}),
     * {@link #from} and {@link #links}. Fails fast, naming the bad value; setting a thing twice is an
     * error. Not thread-safe.
     */
    public static final class Builder {
        private Session session;
        private String host;
        private int port;
        private String user;
        private String password;
        private Boolean startTls;
        private Duration timeout;
        private InternetAddress from;
        private InternetAddress replyTo;
        private LinkFormat links;
        private Set<Kind> kinds = DEFAULT_KINDS;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Sends through a Jakarta Mail session the application configured (properties, authenticator). */
        public Builder session(Session session) {
            once(this.session == null && host == null, "the SMTP server");
            this.session = Objects.requireNonNull(session, "session");
            return this;
        }

        /** Sends to an SMTP server at {@code host:port} (587 for submission with STARTTLS). */
        public Builder smtp(String host, int port) {
            once(this.session == null && this.host == null, "the SMTP server");
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("SMTP host must be a host name but was '" + host + "'");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("SMTP port must be 1-65535 but was " + port);
            }
            this.host = host;
            this.port = port;
            return this;
        }

        /** The user name and password for SMTP authentication; with {@link #smtp} only. */
        public Builder credentials(String user, String password) {
            once(this.user == null, "the credentials");
            this.user = Objects.requireNonNull(user, "user");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Whether STARTTLS is required (true unless set); with {@link #smtp} only. Turn off only for a local test server. */
        public Builder startTls(boolean required) {
            once(this.startTls == null, "STARTTLS");
            this.startTls = required;
            return this;
        }

        /** How long to wait for the SMTP server to connect, answer or take data; 10 seconds unless set. */
        public Builder timeout(Duration timeout) {
            once(this.timeout == null, "the timeout");
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** The sender: the address (its domain is the Message-ID's and the calendar UID's) and the name shown. */
        public Builder from(String address, String name) {
            once(this.from == null, "the sender");
            Objects.requireNonNull(name, "name");
            this.from = address(address, MessageAssembler.headerText(name), "from");
            return this;
        }

        /** Where replies go, if not to the sender, for example the organisers' own address. */
        public Builder replyTo(String address) {
            once(this.replyTo == null, "the reply-to address");
            this.replyTo = address(address, null, "replyTo");
            return this;
        }

        /** How links become the portal's URLs (required). */
        public Builder links(LinkFormat links) {
            once(this.links == null, "the link format");
            this.links = Objects.requireNonNull(links, "links");
            return this;
        }

        /** Which kinds are sent; {@link #DEFAULT_KINDS} unless set. */
        public Builder kinds(Set<Kind> kinds) {
            Objects.requireNonNull(kinds, "kinds");
            this.kinds = kinds.isEmpty() ? EnumSet.noneOf(Kind.class) : EnumSet.copyOf(kinds);
            return this;
        }

        /** The clock for the Date header and deadlines; the system clock unless set. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the notifier.
         *
         * @throws IllegalStateException if the SMTP server, the sender or the link format is missing, or
         *     credentials, STARTTLS or a timeout are given with a {@link #session}
         */
        public MailNotifier build() {
            if (session == null && host == null) {
                throw new IllegalStateException("set the SMTP server: smtp(host, port) or session(session)");
            }
            if (from == null) {
                throw new IllegalStateException("set the sender: from(address, name)");
            }
            if (links == null) {
                throw new IllegalStateException("set the link format: links(LinkFormat.of(baseUrl))");
            }
            if (session != null && (user != null || startTls != null || timeout != null)) {
                throw new IllegalStateException(
                        "credentials, STARTTLS and timeout belong to smtp(host, port); configure them on the session");
            }
            SmtpSender sender = session != null
                    ? SmtpSender.of(session)
                    : SmtpSender.of(
                            host,
                            port,
                            user,
                            password,
                            startTls == null || startTls,
                            timeout != null ? timeout : Duration.ofSeconds(10));
            return new MailNotifier(this, sender);
        }

        private static void once(boolean unset, String what) {
            if (!unset) {
                throw new IllegalStateException(what + " is already set");
            }
        }

        private static InternetAddress address(String address, String name, String what) {
            Objects.requireNonNull(address, what);
            try {
                InternetAddress parsed = new InternetAddress(address.strip(), true);
                if (name != null && !name.isEmpty()) {
                    parsed.setPersonal(name, "UTF-8");
                }
                parsed.validate();
                if (parsed.getAddress().indexOf('@') < 0) {
                    throw new AddressException("no domain", address);
                }
                return parsed;
            } catch (AddressException | UnsupportedEncodingException e) {
                throw new IllegalArgumentException(what + " must be an e-mail address but was '" + address + "'", e);
            }
        }
    }
}
