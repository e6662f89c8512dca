package org.eventregistration;

import java.util.Locale;
import java.util.Objects;
import org.eventregistration.i18n.Reason;

/**
 * The root of the library's exceptions: misuse (an unknown id, a move the lifecycle forbids) and
 * infrastructure faults (a store that fails). Expected outcomes, such as a full event or an
 * ineligible person, are values, not exceptions.
 *
 * <p>{@link #getMessage()} is English for logs and never contains personal data; {@link
 * #reason()} renders the same in bokmål, nynorsk or English for a person.
 */
public class RegistrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Reason reason;

    /** Creates an exception with a message for logs and a reason for people. */
    public RegistrationException(String message, Reason reason) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Creates an exception with a cause. */
    public RegistrationException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why, for a person to read. */
    public Reason reason() {
        return reason != null ? reason : Reason.of("error.unexpected");
    }

    /** The reason as a sentence in the reader's language. */
    public String localizedMessage(Locale locale) {
        return reason().message(locale);
    }
}
