package org.eventregistration.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Writes the library's JSON, so that no module needs a JSON library: a streaming writer for the
 * exports, and {@link #write(Object)} for a tree of maps and lists (the JDBC store's stored forms).
 * Escapes every string per RFC 8259 (quotes, backslash, control characters, and U+2028/U+2029 so
 * the output is also safe inside a script). Not thread-safe. Not API.
 */
public final class JsonWriter {
    private final StringBuilder out;
    /** Per open container: whether the next value needs a comma before it. */
    private final Deque<boolean[]> open = new ArrayDeque<>();

    private boolean afterName;

    /** Starts an empty document. */
    public JsonWriter() {
        this.out = new StringBuilder();
    }

    /**
     * Appends a string value, quoted and escaped as every string this class writes: for a caller
     * that writes a document of fixed shape straight into a builder.
     */
    public static StringBuilder appendString(StringBuilder out, String s) {
        string(s, out);
        return out;
    }

    /**
     * One JSON document, compact, from a tree of {@link Map}s (string keys, written in iteration
     * order), {@link List}s, strings, {@code Long}s and {@code Integer}s, booleans and nulls.
     *
     * @throws IllegalArgumentException if the tree holds anything else
     */
    public static String write(Object tree) {
        StringBuilder out = new StringBuilder(256);
        tree(tree, out);
        return out.toString();
    }

    private static void tree(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(s, out);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string((String) e.getKey(), out);
                out.append(':');
                tree(e.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                tree(list.get(i), out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

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
        string(name, out);
        out.append(':');
        afterName = true;
        return this;
    }

    /** Writes a string value. */
    public JsonWriter value(String value) {
        value();
        string(value, out);
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

    private static void string(String s, StringBuilder out) {
        out.append('"');
        int length = s.length();
        int plain = 0; // the characters from here to i need no escape: appended in one go
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                continue; // printable ASCII: as it is
            }
            String escape = escape(s, i, c);
            if (escape != null) {
                out.append(s, plain, i).append(escape);
                plain = i + 1;
            }
        }
        out.append(s, plain, length);
        out.append('"');
    }

    /** How a character is written if it is escaped; null if it is written as it is. */
    private static String escape(String s, int i, char c) {
        return switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> {
                if (c < 0x20
                        || c == 0x2028
                        || c == 0x2029
                        || c == 0x7f
                        || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                    yield unicodeEscape(c);
                }
                yield null;
            }
        };
    }

    /** A backslash, "u" and four lower-case hex digits (what {@code String.format} with {@code %04x} wrote). */
    private static String unicodeEscape(char c) {
        String hex = Integer.toHexString(c);
        return "\\u" + "0".repeat(4 - hex.length()) + hex;
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
