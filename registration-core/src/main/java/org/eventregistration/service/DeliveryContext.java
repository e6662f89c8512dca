package org.eventregistration.service;

import java.util.Optional;
import java.util.OptionalInt;
import org.eventregistration.event.Event;
import org.eventregistration.registration.OrganiserMessage;
import org.eventregistration.registration.Registration;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationStore;

/** Reads what a message needs when a listener first asks, once per delivery, and makes its link. */
final class DeliveryContext implements Delivery {
    private final Notification notification;
    private final RegistrationStore store;
    private final Lookups lookups;
    private final Links links;

    private Optional<Event> event;
    private Optional<Registration> registration;
    private OptionalInt waitingPosition;
    private Optional<Link> link;
    private Optional<Link> checkInLink;
    private Optional<OrganiserMessage> message;

    DeliveryContext(Notification notification, RegistrationStore store, Lookups lookups, Links links) {
        this.notification = notification;
        this.store = store;
        this.lookups = lookups;
        this.links = links;
    }

    @Override
    public Notification notification() {
        return notification;
    }

    @Override
    public Optional<Event> event() {
        if (event == null) {
            event = store.findEvent(notification.eventId());
        }
        return event;
    }

    @Override
    public Optional<Registration> registration() {
        if (registration == null) {
            registration = store.findRegistration(notification.registrationId()).filter(r -> !r.anonymised());
        }
        return registration;
    }

    @Override
    public OptionalInt waitingPosition() {
        if (waitingPosition == null) {
            waitingPosition = registration().map(lookups::waitingPosition).orElse(OptionalInt.empty());
        }
        return waitingPosition;
    }

    @Override
    public Optional<OrganiserMessage> message() {
        if (message == null) {
            message = notification.messageId().flatMap(store::findMessage);
        }
        return message;
    }

    /** The kinds of message that confirm a seat: they carry the check-in link too. */
    private static final java.util.Set<Notification.Kind> SEAT_KINDS = java.util.EnumSet.of(
            Notification.Kind.CONFIRMED,
            Notification.Kind.APPROVED,
            Notification.Kind.PROMOTED,
            Notification.Kind.OFFER_ACCEPTED,
            Notification.Kind.REMINDER);

    @Override
    public Optional<Link> checkInLink() {
        if (checkInLink == null) {
            checkInLink = SEAT_KINDS.contains(notification.kind())
                    ? registration()
                            .flatMap(r -> event().flatMap(e ->
                                    links.mint(org.eventregistration.registration.LinkPurpose.CHECK_IN, r, e)))
                    : Optional.empty();
        }
        return checkInLink;
    }

    @Override
    public Optional<Link> link() {
        if (link == null) {
            link = notification
                    .kind()
                    .link()
                    .flatMap(purpose -> registration().flatMap(r -> event().flatMap(e -> links.mint(purpose, r, e))));
        }
        return link;
    }
}
