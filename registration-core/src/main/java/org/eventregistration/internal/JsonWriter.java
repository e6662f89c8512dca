package org.eventregistration.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A tiny streaming JSON writer for the library's exports, so that core needs no JSON library.
 * Escapes every string per RFC 8259 (quotes, backslash, control characters, and U+2028/U+2029 so
 * the output is also safe inside a script). Not thread-safe. Not API.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder();
    /** Per open container: whether the next value needs a comma before it. */
    private final Deque<boolean[]> open = new ArrayDeque<>();

    private boolean afterName;

    /** Starts an empty document. */
    public JsonWriter() {}

    /** Opens an object. */
    public JsonWriter beginObject() {
        value();
        out.append('{');
        open.push(new boolean[1]);
        return this;
    }

    /** Closes the current object. */
    public JsonWriter endObject() {
        open.pop();
        out.append('}');
        return this;
    }

    /** Opens an array. */
    public JsonWriter beginArray() {
        value();
        out.append('[');
        open.push(new boolean[1]);
        return this;
    }

    /** Closes the current array. */
    public JsonWriter endArray() {
        open.pop();
        out.append(']');
        return this;
    }

    /** Writes a member name; the next call writes its value. */
    public JsonWriter name(String name) {
        value();
        string(name);
        out.append(':');
        afterName = true;
        return this;
    }

    /** Writes a string value. */
    public JsonWriter value(String value) {
        value();
        string(value);
        return this;
    }

    /** Writes a number value. */
    public JsonWriter value(long value) {
        value();
        out.append(value);
        return this;
    }

    /** Writes a boolean value. */
    public JsonWriter value(boolean value) {
        value();
        out.append(value);
        return this;
    }

    /** Writes {@code null}. */
    public JsonWriter nullValue() {
        value();
        out.append("null");
        return this;
    }

    /** Writes a member with a string value. */
    public JsonWriter member(String name, String value) {
        return name(name).value(value);
    }

    private void value() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] comma = open.peek();
        if (comma != null) {
            if (comma[0]) {
                out.append(',');
            }
            comma[0] = true;
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20
                            || c == 0x2028
                            || c == 0x2029
                            || c == 0x7f
                            || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** The document written so far. */
    @Override
    public String toString() {
        return out.toString();
    }
}
