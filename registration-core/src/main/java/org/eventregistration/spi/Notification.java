package org.eventregistration.spi;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.eventregistration.event.EventId;
import org.eventregistration.registration.RegistrationId;

/**
 * Something a registration's owner or organiser may need to hear about, written in the same unit
 * of work as the change and delivered to {@link RegistrationListener}s after it commits.
 *
 * <p>Delivery is at least once: a receiver drops duplicates by {@link #id()}. Carries ids only, no
 * personal data; a listener looks up what it needs. Immutable and thread-safe.
 *
 * @param id stable and unique, for de-duplication
 * @param kind what happened
 * @param eventId the event
 * @param registrationId the registration
 * @param occurredAt when
 * @param messageId the organiser's message a {@link Kind#MESSAGE} carries ({@code
 *     RegistrationStore.findMessage}); empty for every other kind
 */
public record Notification(
        String id,
        Kind kind,
        EventId eventId,
        RegistrationId registrationId,
        Instant occurredAt,
        Optional<String> messageId) {

    /** What happened. */
    public enum Kind {
        /** Registered with a seat. */
        CONFIRMED,
        /** Registered on the waiting list. */
        WAITLISTED,
        /** Registered, awaiting an organiser's approval. */
        PENDING_APPROVAL,
        /** Moved from the waiting list to a seat (automatically, or by an organiser). */
        PROMOTED,
        /** Approved by an organiser, with a seat (an approval onto the waiting list is {@link #WAITLISTED}). */
        APPROVED,
        /** Offered a freed seat. */
        OFFERED,
        /** An offered seat was accepted: the person now has it. */
        OFFER_ACCEPTED,
        /** An offer was not answered in time. */
        OFFER_EXPIRED,
        /** Declined: an offer by the person, or a pending registration by an organiser. */
        DECLINED,
        /** Cancelled. */
        CANCELLED,
        /** Checked in at the door. */
        CHECKED_IN,
        /** Marked as not having come. */
        NO_SHOW,
        /**
         * Registered, waiting for the owner of the e-mail address to confirm it: the message
         * carries the confirmation link. Sent instead of the status's own message, which follows
         * once the address is confirmed.
         */
        ADDRESS_CONFIRMATION,
        /**
         * Someone tried to register this address again: the message says the person is already
         * registered and carries their link. Limited per registration and hour.
         */
        ALREADY_REGISTERED,
        /** The person asked for their link again ("send me my link"). Limited per registration and hour. */
        LINK_REQUESTED,
        /** The person asked for their data or its erasure: the message carries the data-request link. */
        DATA_REQUEST,
        /** The event is near ({@code Event.reminderBefore()}): a reminder to a confirmed person. */
        REMINDER,
        /**
         * The organiser moved the event (its start, end, venue or title): the message carries the
         * new details, and the calendar entry with a higher {@code SEQUENCE} to those with a seat.
         */
        EVENT_CHANGED,
        /**
         * The organiser cancelled the event, and with it this registration: the calendar entry is
         * withdrawn ({@code METHOD:CANCEL}).
         */
        EVENT_CANCELLED,
        /** A message the organiser wrote to the participants of some statuses ({@link #messageId()}). */
        MESSAGE,
        /** The person changed their own answers or sessions: a short confirmation of what they now have. */
        CHOICES_CHANGED,
        /**
         * The person offered their seat to a colleague: the message goes to the colleague's address
         * ({@code Registration.handover()}), with the link to take the seat.
         */
        HANDOVER_OFFERED,
        /** A colleague took the person's seat: their registration is cancelled as handed over. */
        HANDED_OVER;

        /**
         * The link a message of this kind carries, if any: a confirmation link, a data-request
         * link, or the manage link of every message about a registration that is still alive.
         */
        public java.util.Optional<org.eventregistration.registration.LinkPurpose> link() {
            return switch (this) {
                case ADDRESS_CONFIRMATION ->
                    java.util.Optional.of(org.eventregistration.registration.LinkPurpose.CONFIRM_ADDRESS);
                case DATA_REQUEST -> java.util.Optional.of(org.eventregistration.registration.LinkPurpose.DATA_REQUEST);
                case CONFIRMED,
                        WAITLISTED,
                        PENDING_APPROVAL,
                        PROMOTED,
                        APPROVED,
                        OFFERED,
                        OFFER_ACCEPTED,
                        ALREADY_REGISTERED,
                        LINK_REQUESTED,
                        REMINDER,
                        EVENT_CHANGED,
                        MESSAGE,
                        CHOICES_CHANGED -> java.util.Optional.of(org.eventregistration.registration.LinkPurpose.MANAGE);
                case HANDOVER_OFFERED -> java.util.Optional.of(org.eventregistration.registration.LinkPurpose.HANDOVER);
                case HANDED_OVER -> java.util.Optional.empty();
                case OFFER_EXPIRED, DECLINED, CANCELLED, CHECKED_IN, NO_SHOW, EVENT_CANCELLED ->
                    java.util.Optional.empty();
            };
        }
    }

    /** Validates. */
    public Notification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(messageId, "messageId");
        if (messageId.isPresent() != (kind == Kind.MESSAGE)) {
            throw new IllegalArgumentException(
                    "a notification carries a message id if and only if it is a MESSAGE: " + kind + " " + messageId);
        }
    }

    /** A notification of any kind but {@link Kind#MESSAGE}. */
    public Notification(String id, Kind kind, EventId eventId, RegistrationId registrationId, Instant occurredAt) {
        this(id, kind, eventId, registrationId, occurredAt, Optional.empty());
    }
}
