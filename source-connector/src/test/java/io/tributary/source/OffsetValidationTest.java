package io.tributary.source;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.offsets.SourcePartitions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** What alterOffsets() accepts from PATCH /connectors/<name>/offsets. */
class OffsetValidationTest {

    private final ChunkedJdbcSourceConnector connector = new ChunkedJdbcSourceConnector();

    @Test
    void nullingAPlanOrWritingAWellFormedCheckpointIsAccepted() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(SourcePartitions.plan("public.orders"), null);
        offsets.put(SourcePartitions.chunk("public.orders", 2), new ChunkOffset("p", List.of(42L), true, 10).toMap());
        assertDoesNotThrow(() -> connector.alterOffsets(Map.of(), offsets));
    }

    @Test
    void foreignPartitionsAndMalformedOffsetsAreRejectedWithTheReason() {
        ConnectException foreign = assertThrows(ConnectException.class,
                () -> connector.alterOffsets(Map.of(), Map.of(Map.of("server", "db1"), Map.of("lsn", 5L))));
        assertTrue(foreign.getMessage().contains("Not a partition of this connector"), foreign.getMessage());

        ConnectException malformed = assertThrows(ConnectException.class, () -> connector.alterOffsets(Map.of(),
                Map.of(SourcePartitions.chunk("public.orders", 1), Map.of("plan_id", "p", "done", "yes", "rows", 1L))));
        assertTrue(malformed.getMessage().contains("Bad offset"), malformed.getMessage());
    }

    @Test
    void aChunkPartitionWhoseChunkIsNotANumberIsRejected() {
        Map<String, Object> partition = new HashMap<>(SourcePartitions.chunk("public.orders", 1));
        partition.put(SourcePartitions.CHUNK, "x");
        ConnectException e = assertThrows(ConnectException.class, () -> connector.alterOffsets(Map.of(),
                Map.of(partition, new ChunkOffset("p", List.of(42L), true, 10).toMap())));
        assertTrue(e.getMessage().contains("\"chunk\": \"<number>\"") && e.getMessage().contains("'x'"), e.getMessage());
        partition.put(SourcePartitions.CHUNK, "-1");
        assertThrows(ConnectException.class, () -> connector.alterOffsets(Map.of(),
                Map.of(partition, new ChunkOffset("p", List.of(42L), true, 10).toMap())));
    }
}
