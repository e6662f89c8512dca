package org.eventregistration.internal;

import org.eventregistration.attendee.PlainText;

/** Text clean-up for free text the library stores without validating it (organisers' notes). Not API. */
public final class Texts {
    private Texts() {}

    /**
     * Replaces every character {@link PlainText} would refuse on one line (control characters,
     * direction overrides, lone surrogates) with a space, strips, and cuts to {@code maxLength}
     * characters without splitting a surrogate pair.
     */
    public static String neutralise(String text, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength + 1));
        int i = 0;
        while (i < text.length() && out.length() < maxLength) {
            int cp = text.codePointAt(i);
            String ch = new String(Character.toChars(cp));
            boolean ok = !(Character.isSurrogate(text.charAt(i)) && Character.charCount(cp) == 1)
                    && PlainText.Validator.isPlain(ch, false);
            if (ok && out.length() + ch.length() <= maxLength) {
                out.append(ch);
            } else if (!ok) {
                out.append(' ');
            } else {
                break;
            }
            i += Character.charCount(cp);
        }
        return out.toString().strip();
    }
}
