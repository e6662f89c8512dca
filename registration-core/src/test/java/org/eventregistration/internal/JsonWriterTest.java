package org.eventregistration.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The export's JSON writer escapes what RFC 8259 requires, and a little more. */
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
}
