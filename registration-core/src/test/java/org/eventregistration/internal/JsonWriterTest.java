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
}
