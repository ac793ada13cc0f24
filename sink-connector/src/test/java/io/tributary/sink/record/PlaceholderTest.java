package io.tributary.sink.record;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every form of Debezium 3.5's placeholder (UnchangedToastedPlaceholder, PostgresValueConverter). */
class PlaceholderTest {

    private static final String TEXT = "__debezium_unavailable_value";
    private static final byte[] BYTES = TEXT.getBytes(StandardCharsets.UTF_8);
    private final Placeholder placeholder = new Placeholder(Placeholder.DEBEZIUM_DEFAULT);

    @Test
    void everyFormDebeziumSends() {
        List<Integer> ints = new ArrayList<>();
        List<Long> longs = new ArrayList<>();
        for (byte b : BYTES) {
            ints.add((int) b);
            longs.add((long) b);
        }
        // text, varchar, json, jsonb, xml; bytea with binary.handling.mode=hex or base64
        assertTrue(placeholder.matches(TEXT));
        // bytea (bytes mode), as the converter gives it: byte[] or ByteBuffer
        assertTrue(placeholder.matches(BYTES.clone()));
        assertTrue(placeholder.matches(ByteBuffer.wrap(BYTES.clone())));
        // text[], varchar[], bpchar[], json[], jsonb[]
        assertTrue(placeholder.matches(List.of(TEXT)));
        // bytea[]
        assertTrue(placeholder.matches(List.of(BYTES.clone())));
        // integer[] and date[]; bigint[]
        assertTrue(placeholder.matches(ints));
        assertTrue(placeholder.matches(longs));
        // uuid[]: the name-based UUID of the bytes
        assertTrue(placeholder.matches(List.of(UUID.nameUUIDFromBytes(BYTES).toString())));
        // hstore as a map, and as JSON (hstore.handling.mode=json)
        assertTrue(placeholder.matches(Map.of(TEXT, TEXT)));
        assertTrue(placeholder.matches("{\"" + TEXT + "\":\"" + TEXT + "\"}"));
    }

    @Test
    void dataIsNotAPlaceholder() {
        assertFalse(placeholder.matches(TEXT + " "));
        assertFalse(placeholder.matches("x"));
        assertFalse(placeholder.matches(List.of(TEXT, TEXT)));
        assertFalse(placeholder.matches(List.of()));
        assertFalse(placeholder.matches(List.of(1, 2, 3)));
        assertFalse(placeholder.matches(new byte[] {1, 2}));
        assertFalse(placeholder.matches(42L));
        assertFalse(placeholder.matches(null));
        assertFalse(new Placeholder("").matches(TEXT), "an empty setting recognises nothing");
    }

    @Test
    void aPlaceholderGivenInHexAsDebeziumTakesIt() {
        Placeholder hex = new Placeholder("hex:00ff10");
        assertTrue(hex.matches(new byte[] {0, -1, 16}));
        assertTrue(hex.matches(List.of(0, -1, 16)));
        assertFalse(hex.matches(TEXT));
        Placeholder custom = new Placeholder("<unchanged>");
        assertTrue(custom.matches("<unchanged>"));
        assertFalse(custom.matches(TEXT));
    }
}
