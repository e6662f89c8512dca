package org.eventregistration.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eventregistration.event.Event;
import org.eventregistration.registration.Handover;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.registration.RegistrationStatus;
import org.eventregistration.registration.StatusChange;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification.Kind;

/**
 * Decides what an e-mail of each kind says, in the person's language: the subject, what happened,
 * the event's details, the link with its label, the deadline that matters for the kind (the
 * confirmation deadline, the offer's, the data link's 24 hours, the last day to cancel), and the
 * waiting position.
 */
final class MailComposer {
    private final LinkFormat links;

    MailComposer(LinkFormat links) {
        this.links = links;
    }

    /** The message of {@code kind} about {@code r}, in the person's language. */
    MailView compose(Kind kind, Event event, Registration r, Optional<Delivery.Link> link, int position, Instant now) {
        return compose(kind, event, r, link, Optional.empty(), position, now);
    }

    /** The content id of the check-in QR code's image part: the same in every message (one per message). */
    static final String CHECK_IN_CONTENT_ID = "check-in-qr@registration";

    /**
     * The message of {@code kind} about {@code r}, with the check-in code when {@code checkIn} is
     * present; {@code message}: the organiser's text a {@link Kind#MESSAGE} carries.
     */
    MailView compose(
            Kind kind,
            Event event,
            Registration r,
            Optional<Delivery.Link> link,
            Optional<Delivery.Link> checkIn,
            Optional<OrganiserMessage> message,
            int position,
            Instant now) {
        MailView view = compose(kind, event, r, link, message, position, now);
        if (checkIn.isEmpty()) {
            return view;
        }
        MailTexts texts = MailTexts.of(r.language());
        MailView.CheckInView code = new MailView.CheckInView(
                texts.format("checkIn.heading"),
                texts.format("checkIn.hint"),
                texts.format("checkIn.alt"),
                links.url(checkIn.get()).toString(),
                CHECK_IN_CONTENT_ID);
        return new MailView(
                view.language(),
                view.subject(),
                view.greeting(),
                view.paragraphs(),
                view.details(),
                view.link(),
                Optional.of(code),
                view.after(),
                view.signature(),
                view.host(),
                view.footer());
    }

    /**
     * The message of {@code kind} about {@code r}, in the person's language; {@code message}: the
     * organiser's text a {@link Kind#MESSAGE} carries.
     */
    MailView compose(
            Kind kind,
            Event event,
            Registration r,
            Optional<Delivery.Link> link,
            Optional<OrganiserMessage> message,
            int position,
            Instant now) {
        MailTexts texts = MailTexts.of(r.language());
        String title = event.title().message(texts.locale());
        String host = event.host().name();
        String when = texts.period(event.start(), event.end());
        String deadline = deadline(kind, event, r, link)
                .map(d -> texts.moment(d, event.start().getZone()))
                .orElse("");
        Object[] args = {
            title,
            when,
            deadline,
            position > 0 ? Integer.toString(position) : "",
            host,
            r.attendee().name()
        };
        // A seat offered to a colleague is written to the colleague, about the person who offers it.
        String recipientName = kind == Kind.HANDOVER_OFFERED
                ? r.handover().map(Handover::name).orElse(r.attendee().name())
                : r.attendee().name();

        String prefix = kind.name();
        if (kind == Kind.DECLINED && previousStatus(r) == RegistrationStatus.OFFERED) {
            prefix = "DECLINED.offer";
        }
        String bodyKey = prefix + ".body";
        if (kind == Kind.WAITLISTED && position <= 0) {
            bodyKey = "WAITLISTED.bodyWithoutPosition";
        }
        List<String> paragraphs = new ArrayList<>();
        paragraphs.add(texts.format(bodyKey, args));
        String subject = texts.format(prefix + ".subject", args);
        if (kind == Kind.MESSAGE && message.isPresent()) {
            OrganiserMessage m = message.get();
            subject = m.subject().message(texts.locale());
            // The organiser's plain text after a line saying who writes: one paragraph per line,
            // escaped by the renderers like every other text.
            for (String line : m.body().message(texts.locale()).split("\\R")) {
                if (!line.isBlank()) {
                    paragraphs.add(line.strip());
                }
            }
        }
        if (kind == Kind.EVENT_CANCELLED) {
            organiserNote(r).ifPresent(note -> paragraphs.add(texts.format("EVENT_CANCELLED.note", note)));
        }

        List<MailView.Detail> details = new ArrayList<>();
        details.add(new MailView.Detail(texts.format("label.event"), title));
        details.add(new MailView.Detail(texts.format("label.when"), when));
        event.venue()
                .ifPresent(v -> details.add(new MailView.Detail(
                        texts.format("label.where"),
                        v.address().isBlank() ? v.name() : v.name() + ", " + v.address())));
        details.add(new MailView.Detail(texts.format("label.host"), host));
        if (kind == Kind.CHOICES_CHANGED && !r.sessions().isEmpty()) {
            details.add(new MailView.Detail(
                    texts.format("label.sessions"),
                    String.join(
                            ", ",
                            r.sessions().stream()
                                    .map(id -> event.session(id)
                                            .map(x -> x.title().message(texts.locale()))
                                            .orElse(id.value()))
                                    .toList())));
        }

        Optional<MailView.LinkView> linkView = link.map(l -> new MailView.LinkView(
                texts.format(kind.name() + ".link", args), links.url(l).toString(), texts.format("link.fallback")));

        List<String> after = new ArrayList<>();
        texts.formatIfPresent(kind.name() + ".after", args).ifPresent(after::add);
        if (CalendarKinds.seat(kind, r)) {
            boolean canCancel = link.isPresent() && now.isBefore(event.cancellationDeadline());
            Object[] cancelArgs = args.clone();
            cancelArgs[2] =
                    texts.moment(event.cancellationDeadline(), event.start().getZone());
            after.add(texts.format(canCancel ? "seat.cancelBefore" : "seat.cancelContact", cancelArgs));
            after.add(texts.format("calendar.attached"));
        } else if (CalendarKinds.cancel(kind, r)) {
            after.add(texts.format("calendar.cancelled"));
        }

        List<String> footer = new ArrayList<>();
        footer.add(texts.format(kind == Kind.HANDOVER_OFFERED ? "HANDOVER_OFFERED.footer" : "footer", args));
        if (link.isPresent()) {
            footer.add(texts.format("footer.link"));
        }
        return new MailView(
                texts.locale().getLanguage(),
                subject,
                texts.format("greeting", recipientName),
                List.copyOf(paragraphs),
                List.copyOf(details),
                linkView,
                Optional.empty(),
                List.copyOf(after),
                texts.format("signature"),
                host,
                List.copyOf(footer));
    }

    /** The deadline a kind's message names, as {2}. */
    private static Optional<Instant> deadline(Kind kind, Event event, Registration r, Optional<Delivery.Link> link) {
        return switch (kind) {
            case OFFERED -> r.offerExpiresAt();
            case ADDRESS_CONFIRMATION -> r.confirmAddressBy().or(() -> link.map(Delivery.Link::expiresAt));
            case DATA_REQUEST -> link.map(Delivery.Link::expiresAt);
            case HANDOVER_OFFERED -> r.handover().map(Handover::expiresAt);
            default -> Optional.of(event.cancellationDeadline());
        };
    }

    /**
     * What the organiser wrote when cancelling the event, kept as the reason of the registration's
     * last status change; empty when they wrote nothing (the reason is then a message key).
     */
    private static Optional<String> organiserNote(Registration r) {
        List<StatusChange> history = r.history();
        String reason = history.get(history.size() - 1).reason();
        return reason.isBlank() || reason.startsWith("history.") ? Optional.empty() : Optional.of(reason);
    }

    /** The status before the current one, or null if there was none. */
    private static RegistrationStatus previousStatus(Registration r) {
        List<StatusChange> history = r.history();
        for (int i = history.size() - 2; i >= 0; i--) {
            if (history.get(i).status() != r.status()) {
                return history.get(i).status();
            }
        }
        return null;
    }
}
