package org.eventregistration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JSON writer escapes what RFC 8259 requires, and a little more; trees and streams alike. */
class JsonWriterTest {
    @Test
    void escapesQuotesBackslashesControlCharactersAndLineSeparators() {
        String json = new JsonWriter()
                .beginObject()
                .member("a\"b", "x\\y\n\t\u0000\u001f\u2028\u2029\u007f")
                .name("list")
                .beginArray()
                .value("Åse Ødegård 🦐")
                .value(42)
                .value(true)
                .nullValue()
                .endArray()
                .name("lone")
                .value("\ud800x")
                .endObject()
                .toString();
        assertThat(json)
                .isEqualTo("{\"a\\\"b\":\"x\\\\y\\n\\t\\u0000\\u001f\\u2028\\u2029\\u007f\","
                        + "\"list\":[\"Åse Ødegård 🦐\",42,true,null],\"lone\":\"\\ud800x\"}");
    }

    @Test
    void emptyContainers() {
        assertThat(new JsonWriter()
                        .beginObject()
                        .name("a")
                        .beginArray()
                        .endArray()
                        .name("b")
                        .beginObject()
                        .endObject()
                        .endObject()
                        .toString())
                .isEqualTo("{\"a\":[],\"b\":{}}");
    }

    @Test
    void treesAreEscapedAndOrderedLikeStreams() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", List.of());
        List<Object> list = new ArrayList<>();
        list.add("Åse Ødegård 🦐");
        list.add(42L);
        list.add(false);
        list.add(null);
        list.add(inner);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("a\"b", "x\\y\n\t\u0000\u001f\u2028\u2029\u007f\b\f");
        tree.put("list", list);
        tree.put("lone", "\ud800x");
        tree.put("empty", Map.of());
        assertThat(JsonWriter.write(tree))
                .isEqualTo(
                        "{\"a\\\"b\":\"x\\\\y\\n\\t\\u0000\\u001f\\u2028\\u2029\\u007f\\b\\f\","
                                + "\"list\":[\"Åse Ødegård 🦐\",42,false,null,{\"z\":1,\"a\":[]}],\"lone\":\"\\ud800x\",\"empty\":{}}");
        assertThat(JsonWriter.write(null)).isEqualTo("null");
    }

    @Test
    void treesHoldOnlyJsonValues() {
        assertThatThrownBy(() -> JsonWriter.write(List.of(1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Double");
    }

    /** Strings escaped character by character, as the writer did before it copied runs of plain text. */
    private static String escapedOneByOne(String s) {
        StringBuilder out = new StringBuilder("\"");
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
                    boolean lone = Character.isHighSurrogate(c)
                            ? !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            : Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || c == 0x7f || lone) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Test
    void escapesAsOneCharacterAtATime() {
        String alphabet =
                "aZ \"\\\n\r\t\b\f\u0000\u0001\u001f\u007f\u0080\u00e5\u2027\u2028\u2029\u202a\ud83e\udd90\ufffe";
        java.util.Random random = new java.util.Random(7);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(10);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            assertThat(JsonWriter.write(text)).isEqualTo(escapedOneByOne(text));
        }
    }
}
