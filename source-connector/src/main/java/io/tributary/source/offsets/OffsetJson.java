package io.tributary.source.offsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Connect offsets may hold only primitive values, so lists (keys, boundaries, column names) are
 * stored as JSON text. Integers read back as {@code Long}.
 */
public final class OffsetJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private OffsetJson() {
    }

    public static String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value + " as JSON", e);
        }
    }

    /** A map from its JSON text; null is an empty map. */
    public static Map<String, Object> readMap(Object json) {
        if (json == null) {
            return Map.of();
        }
        if (!(json instanceof String text)) {
            throw new IllegalArgumentException("expected JSON text, got " + json);
        }
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON object: " + text, e);
        }
    }

    /** A list from its JSON text; null stays null. */
    public static List<Object> readList(Object json) {
        if (json == null) {
            return null;
        }
        if (!(json instanceof String text)) {
            throw new IllegalArgumentException("expected JSON text, got " + json);
        }
        try {
            return JSON.readValue(text, new TypeReference<List<Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON list: " + text, e);
        }
    }
}
