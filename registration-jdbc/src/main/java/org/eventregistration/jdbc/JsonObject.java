package org.eventregistration.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventregistration.internal.JsonWriter;

/** Typed reads and writes over a parsed JSON object; a missing or mistyped field is a clear error. */
final class JsonObject {
    final Map<String, Object> map;

    JsonObject() {
        this(new LinkedHashMap<>());
    }

    JsonObject(Map<String, Object> map) {
        this.map = map;
    }

    @SuppressWarnings("unchecked")
    static JsonObject of(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("stored " + what + " is not a JSON object");
        }
        return new JsonObject((Map<String, Object>) value);
    }

    static JsonObject parse(String text, String what) {
        return of(JsonReader.parse(text), what);
    }

    JsonObject put(String key, Object value) {
        map.put(key, value instanceof JsonObject o ? o.map : value);
        return this;
    }

    /** Puts the value unless it is null: optional fields are left out. */
    JsonObject putOptional(String key, Object value) {
        if (value != null) {
            put(key, value);
        }
        return this;
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    private Object require(String key) {
        Object v = map.get(key);
        if (v == null) {
            throw new IllegalArgumentException("stored JSON lacks '" + key + "'");
        }
        return v;
    }

    String string(String key) {
        Object v = require(key);
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("stored JSON '" + key + "' is not a string");
        }
        return s;
    }

    String optString(String key) {
        return has(key) ? string(key) : null;
    }

    long longValue(String key) {
        Object v = require(key);
        if (!(v instanceof Long l)) {
            throw new IllegalArgumentException("stored JSON '" + key + "' is not a number");
        }
        return l;
    }

    int intValue(String key) {
        return Math.toIntExact(longValue(key));
    }

    boolean bool(String key) {
        Object v = require(key);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("stored JSON '" + key + "' is not a boolean");
        }
        return b;
    }

    JsonObject object(String key) {
        return of(require(key), key);
    }

    JsonObject optObject(String key) {
        return has(key) ? object(key) : null;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String key) {
        Object v = map.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List)) {
            throw new IllegalArgumentException("stored JSON '" + key + "' is not an array");
        }
        return (List<Object>) v;
    }

    @SuppressWarnings("unchecked")
    Map<String, String> stringMap(String key) {
        Map<String, String> result = new LinkedHashMap<>();
        Object v = map.get(key);
        if (v == null) {
            return result;
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("stored JSON '" + key + "' is not an object");
        }
        ((Map<String, Object>) v).forEach((k, x) -> result.put(k, (String) x));
        return result;
    }

    String toJson() {
        return JsonWriter.write(map);
    }
}
