package org.eventregistration.mail;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Describes a mail failure without its text, which may quote the address: the classes of the
 * exception and its causes (Jakarta Mail chains the "next" exception as the cause), with the SMTP
 * reply codes.
 */
final class SmtpReplies {
    private SmtpReplies() {}

    static String describe(Throwable failure) {
        StringBuilder b = new StringBuilder();
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 5; depth++) {
            if (depth > 0) {
                b.append(" < ");
            }
            b.append(t.getClass().getSimpleName());
            int code = t instanceof SMTPAddressFailedException a
                    ? a.getReturnCode()
                    : t instanceof SMTPSendFailedException f ? f.getReturnCode() : -1;
            if (code > 0) {
                b.append(" (SMTP ").append(code).append(')');
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return b.toString();
    }
}
