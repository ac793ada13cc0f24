package io.tributary.source.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.RecordHeaders;
import io.tributary.source.offsets.GenerationOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/** The end-of-snapshot markers of a generation: one per partition, the contract's headers, sent once, never to a compacted topic. */
class EndMarkersTest {

    private static final long GENERATION = 1_767_225_600_000L;
    private final Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();
    private final OffsetStorageReader offsets = new OffsetStorageReader() {
        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return stored.get(partition);
        }

        @Override
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
            partitions.forEach(p -> out.put(p, stored.get(p)));
            return out;
        }
    };

    private static TablePlan plan(Long start, boolean keys) {
        return new TablePlan("public.orders", "plan-2", List.of("id"), List.of(), List.of("updated_at"), null, 0,
                "2026-01-01T00:00:00Z", null).asGeneration(GENERATION, start, keys);
    }

    private EndMarkers markers(TablePlan plan, TopicLayout.Reader layouts) {
        return new EndMarkers(List.of(new EndMarkers.Job(plan, "shop.public.orders")), layouts, offsets, "__ledger", 1_000);
    }

    private static Object header(SourceRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : header.value();
    }

    @Test
    void oneMarkerGoesToEachPartitionWithTheGenerationAndItsStart() throws Exception {
        EndMarkers markers = markers(plan(1_767_225_599_000_000L, false), topic -> new TopicLayout(true, 3, "delete"));
        assertTrue(markers.due(0));
        List<SourceRecord> records = markers.next(0);
        assertEquals(4, records.size(), "three markers, then the ledger event: " + records);
        for (int partition = 0; partition < 3; partition++) {
            SourceRecord marker = records.get(partition);
            assertEquals("shop.public.orders", marker.topic());
            assertEquals(partition, marker.kafkaPartition());
            assertNull(marker.key());
            assertNull(marker.value());
            assertEquals("e", header(marker, RecordHeaders.OP));
            assertEquals("public.orders", header(marker, RecordHeaders.TABLE));
            assertEquals(GENERATION, header(marker, RecordHeaders.GENERATION));
            assertEquals(1_767_225_599_000_000L, header(marker, RecordHeaders.GENERATION_START));
            assertEquals(3, header(marker, RecordHeaders.GENERATION_PARTITIONS));
            assertEquals("full", header(marker, RecordHeaders.GENERATION_MODE));
            assertEquals(SourcePartitions.generation("public.orders"), marker.sourcePartition());
            assertTrue(GenerationOffset.ended(marker.sourceOffset(), "plan-2"), "its offset says the markers were sent");
        }
        SourceRecord ledger = records.get(3);
        assertEquals("__ledger", ledger.topic());
        assertTrue(String.valueOf(ledger.value()).contains("\"event\":\"snapshot_end\""), String.valueOf(ledger.value()));
        assertFalse(markers.due(0), "sent once");
    }

    @Test
    void aTableWithoutStartPointAndAKeysOnlyGenerationSaySo() throws Exception {
        List<SourceRecord> records = markers(plan(null, true), topic -> new TopicLayout(true, 1, "delete")).next(0);
        assertNull(records.get(0).headers().lastWithName(RecordHeaders.GENERATION_START));
        assertEquals("keys", header(records.get(0), RecordHeaders.GENERATION_MODE));
    }

    @Test
    void aCompactedTopicGetsNoMarkersAndStopsNoOtherTable() throws Exception {
        // a compacted topic refuses keyless records: sending them would fail the task, and every table with it
        EndMarkers markers = markers(plan(1L, false), topic -> new TopicLayout(true, 3, "compact,delete"));
        List<SourceRecord> records = markers.next(0);
        assertTrue(records.stream().noneMatch(r -> "shop.public.orders".equals(r.topic())), "no marker into the compacted topic: " + records);
        assertFalse(markers.due(0), "the generation is done with: the table's stale rows stay, one ERROR says why");
    }

    @Test
    void markersCommittedBeforeAreNotSentAgain() throws Exception {
        stored.put(SourcePartitions.generation("public.orders"), new GenerationOffset("plan-2", GENERATION, true).toMap());
        EndMarkers markers = markers(plan(1L, false), topic -> {
            throw new AssertionError("the topic is not even read");
        });
        assertEquals(List.of(), markers.next(0));
        assertFalse(markers.due(0));
    }

    @Test
    void aNewerGenerationUnderWaySupersedesTheMarkers() throws Exception {
        stored.put(SourcePartitions.generation("public.orders"), new GenerationOffset("plan-3", GENERATION + 5, false).toMap());
        assertEquals(List.of(), markers(plan(1L, false), topic -> new TopicLayout(true, 3, "delete")).next(0));
    }

    @Test
    void aTopicThatCannotBeReadIsTriedAgainLater() throws Exception {
        int[] reads = {0};
        EndMarkers markers = markers(plan(1L, false), topic -> {
            if (reads[0]++ == 0) {
                throw new java.util.concurrent.TimeoutException("no broker");
            }
            return new TopicLayout(true, 2, "delete");
        });
        assertEquals(List.of(), markers.next(0));
        assertFalse(markers.due(999), "waits before trying again");
        assertTrue(markers.due(1_000));
        assertEquals(3, markers.next(1_000).size());
    }

    @Test
    void aMissingTopicGetsNoMarkersOnlyTheLedgerEvent() throws Exception {
        List<SourceRecord> records = markers(plan(1L, false), topic -> TopicLayout.missing()).next(0);
        assertEquals(1, records.size());
        assertEquals("__ledger", records.get(0).topic());
    }
}
