package io.tributary.source.offsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.plan.TablePlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Offsets round-trip, and hold only the primitive values Connect can store. */
class OffsetsTest {

    @Test
    void chunkOffsetRoundTripsWithACompositeKey() {
        ChunkOffset offset = new ChunkOffset("p1", List.of(42L, "é-text", "2024-02-29T23:59:59.123456"), false, 1234);
        Map<String, Object> map = offset.toMap();
        assertPrimitive(map);
        assertEquals(offset, ChunkOffset.fromMap(map));
        assertNull(ChunkOffset.fromMap(null));
        assertEquals(new ChunkOffset("p1", null, true, 0), ChunkOffset.fromMap(new ChunkOffset("p1", null, true, 0).toMap()));
    }

    @Test
    void theLazyOffsetOfARecordReadsAsTheSameMap() throws Exception {
        ChunkOffset offset = new ChunkOffset("p1", List.of(42L, "k"), false, 7);
        Map<String, Object> lazy = offset.toLazyMap();
        assertEquals(offset.toMap(), lazy);
        assertEquals(lazy, offset.toMap());
        assertEquals(offset, ChunkOffset.fromMap(lazy));
        assertPrimitive(new java.util.HashMap<>(lazy));
        // Connect serializes offsets with its JsonConverter; the lazy map must come out the same
        org.apache.kafka.connect.json.JsonConverter json = new org.apache.kafka.connect.json.JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        assertEquals(new String(json.fromConnectData("t", null, offset.toMap()), StandardCharsets.UTF_8),
                new String(json.fromConnectData("t", null, lazy), StandardCharsets.UTF_8));
    }

    @Test
    void planRoundTripsWithItsBoundaries() {
        TablePlan plan = new TablePlan("public.t", "p1", List.of("a", "b"), List.of(List.of(1L, "x"), List.of(7L, "y")),
                List.of("updated_at", "a"), "2024-01-01T00:00:00Z", 1000, "2024-01-01T00:00:01Z");
        Map<String, Object> map = plan.toMap();
        assertPrimitive(map);
        TablePlan back = TablePlan.fromMap(map);
        assertEquals(plan, back);
        assertEquals(3, back.chunkCount());
        assertNull(back.lowerBound(0));
        assertEquals(List.of(1L, "x"), back.upperBound(0));
        assertEquals(List.of(7L, "y"), back.lowerBound(2));
        assertNull(back.upperBound(2));
    }

    @Test
    void incrementalOffsetRoundTrips() {
        IncrementalOffset offset = new IncrementalOffset("p1", "2024-01-01T00:00:00.000001Z", List.of(5L), false);
        assertPrimitive(offset.toMap());
        assertEquals(offset, IncrementalOffset.fromMap(offset.toMap()));
    }

    @Test
    void malformedOffsetsAreRejectedWithTheirContent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChunkOffset.fromMap(Map.of("plan_id", "p", "done", "yes", "rows", 1L)));
        assertTrue(e.getMessage().contains("yes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TablePlan.fromMap(Map.of("table", "t")));
    }

    private static void assertPrimitive(Map<String, Object> map) {
        map.forEach((k, v) -> assertTrue(v == null || v instanceof String || v instanceof Number || v instanceof Boolean,
                k + " holds " + v.getClass().getSimpleName() + ", which Connect offsets cannot store"));
    }

    @Test
    void partitionsIterateInTheOrderConnectReadsThemBackIn() {
        // Connect deserializes a stored partition key by key into a new HashMap, and looks offsets up by
        // that map's JSON form: the order we write must come back unchanged from such a read.
        for (Map<String, Object> partition : List.of(SourcePartitions.chunk("public.t", 3), SourcePartitions.plan("public.t"),
                SourcePartitions.incremental("public.t"))) {
            Map<String, Object> readBack = new java.util.HashMap<>();
            partition.forEach(readBack::put);
            assertEquals(List.copyOf(partition.keySet()), List.copyOf(readBack.keySet()));
        }
        assertEquals("3", SourcePartitions.chunk("public.t", 3).get("chunk"));
    }
}
