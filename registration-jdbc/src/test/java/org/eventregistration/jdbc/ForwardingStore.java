package org.eventregistration.jdbc;

import org.eventregistration.spi.ForwardingRegistrationStore;
import org.eventregistration.spi.RegistrationStore;

/** Forwards everything to a store; tests override what they need to interfere with. */
class ForwardingStore extends ForwardingRegistrationStore {
    ForwardingStore(RegistrationStore target) {
        super(target);
    }
}
