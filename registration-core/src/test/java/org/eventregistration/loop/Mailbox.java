package org.eventregistration.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eventregistration.registration.LinkPurpose;
import org.eventregistration.registration.ManageToken;
import org.eventregistration.spi.Delivery;
import org.eventregistration.spi.Notification;
import org.eventregistration.spi.RegistrationListener;

/** A listener that keeps every message it would send: to whom, what kind, and the link. Thread-safe. */
final class Mailbox implements RegistrationListener {
    /** One message as a mail listener would send it. */
    record Message(String to, Notification.Kind kind, Optional<Delivery.Link> link) {}

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    @Override
    public void onNotification(Notification notification) {}

    @Override
    public void onDelivery(Delivery delivery) {
        // A seat offered to a colleague is written to the colleague, as the mail listener does.
        String to = delivery.registration()
                .map(r -> delivery.notification().kind() == Notification.Kind.HANDOVER_OFFERED
                        ? r.handover().map(h -> h.normalizedEmail()).orElse("(nobody)")
                        : r.attendee().normalizedEmail())
                .orElse("(nobody)");
        messages.add(new Message(to, delivery.notification().kind(), delivery.link()));
    }

    List<Message> to(String address) {
        List<Message> out = new ArrayList<>();
        for (Message m : messages) {
            if (m.to().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    List<Message> all() {
        return List.copyOf(messages);
    }

    /** The link of the last message to {@code address} that carried one of {@code purpose}. */
    ManageToken lastLink(String address, LinkPurpose purpose) {
        return findLastLink(address, purpose)
                .orElseThrow(
                        () -> new AssertionError("no " + purpose + " link sent to " + address + ": " + to(address)));
    }

    Optional<ManageToken> findLastLink(String address, LinkPurpose purpose) {
        List<Message> mine = to(address);
        for (int i = mine.size() - 1; i >= 0; i--) {
            Optional<Delivery.Link> link = mine.get(i).link();
            if (link.isPresent() && link.get().purpose() == purpose) {
                return Optional.of(link.get().token());
            }
        }
        return Optional.empty();
    }

    List<Notification.Kind> kinds(String address) {
        return to(address).stream().map(Message::kind).toList();
    }
}
