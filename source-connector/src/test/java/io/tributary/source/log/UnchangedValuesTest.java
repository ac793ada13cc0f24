package io.tributary.source.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UnchangedValuesTest {

    private final UnchangedValues unchanged = new UnchangedValues("__tb_unchanged_x");

    @Test
    void recognisesThePlaceholderInEveryFormTheReaderSendsIt() {
        byte[] bytes = "__tb_unchanged_x".getBytes(StandardCharsets.US_ASCII);
        List<Object> asNumbers = new ArrayList<>();
        for (byte b : bytes) {
            asNumbers.add((short) b);
        }
        assertTrue(unchanged.isPlaceholder("__tb_unchanged_x"), "text");
        assertTrue(unchanged.isPlaceholder("{\"__tb_unchanged_x\":\"__tb_unchanged_x\"}"), "hstore as JSON");
        assertTrue(unchanged.isPlaceholder(bytes), "bytea as byte[]");
        assertTrue(unchanged.isPlaceholder(ByteBuffer.wrap(bytes)), "bytea as a buffer");
        assertTrue(unchanged.isPlaceholder(List.of("__tb_unchanged_x")), "text[]");
        assertTrue(unchanged.isPlaceholder(asNumbers), "int2[]: the placeholder's bytes as numbers");
        assertTrue(unchanged.isPlaceholder(List.of(UUID.nameUUIDFromBytes(bytes).toString())), "uuid[]");
        assertTrue(unchanged.isPlaceholder(Map.of("__tb_unchanged_x", "__tb_unchanged_x")), "hstore as a map");
    }

    @Test
    void realValuesAreNotThePlaceholder() {
        assertFalse(unchanged.isPlaceholder("__tb_unchanged"));
        assertFalse(unchanged.isPlaceholder("{\"a\": 1}"));
        assertFalse(unchanged.isPlaceholder(List.of("__tb_unchanged_x", "b")), "a two-element array holding it is data");
        assertFalse(unchanged.isPlaceholder(List.of((short) 1, (short) 2)));
        assertFalse(unchanged.isPlaceholder(new byte[] {1, 2}));
        assertFalse(unchanged.isPlaceholder(42L));
        assertFalse(unchanged.isPlaceholder(Map.of("k", "__tb_unchanged_x")));
    }

    @Test
    void eachStreamGetsItsOwnRandomPlaceholder() {
        String first = new UnchangedValues().placeholder();
        assertNotEquals(first, new UnchangedValues().placeholder());
        assertTrue(first.length() > 30, "long enough that no real value equals it by chance: " + first);
    }
}
