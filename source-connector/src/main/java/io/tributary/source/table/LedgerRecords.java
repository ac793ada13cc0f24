package io.tributary.source.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.common.RecordHeaders;
import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.offsets.GenerationOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Records on the ledger topic. They carry the offsets that have no row of their own - a table's plan,
 * a chunk's "done" mark - and say in readable JSON what happened, for anyone watching in a Kafka UI.
 */
public final class LedgerRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerRecords() {
    }

    /** Written before a task reads a table, so the plan is durable before any chunk checkpoint. */
    public static SourceRecord plan(String ledgerTopic, TablePlan plan) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "plan");
        event.put("table", plan.table());
        event.put("plan_id", plan.planId());
        event.put("chunks", plan.chunkCount());
        event.put("key_columns", plan.keyColumns());
        event.put("cursor_columns", plan.cursorColumns());
        event.put("watermark", plan.watermark());
        event.put("estimated_rows", plan.estimatedRows());
        event.put("planned_at", plan.plannedAt());
        event.put("generation", plan.generation());
        event.put("mode", plan.keysOnly() ? RecordHeaders.MODE_KEYS : RecordHeaders.MODE_FULL);
        return record(ledgerTopic, SourcePartitions.plan(plan.table()), plan.toMap(), plan.table(), event);
    }

    /**
     * Follows a plan's record: the table's newest generation, in a partition a re-snapshot does not null,
     * so the next plan numbers its generation above it.
     */
    public static SourceRecord generation(String ledgerTopic, TablePlan plan) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "generation");
        event.put("table", plan.table());
        event.put("plan_id", plan.planId());
        event.put("generation", plan.generation());
        return record(ledgerTopic, SourcePartitions.generation(plan.table()),
                new GenerationOffset(plan.planId(), plan.generation(), false).toMap(), plan.table(), event);
    }

    /**
     * Follows the end-of-snapshot markers of a generation; it (and each marker) carries the offset that
     * says they were sent, so they are sent again only if it was not committed.
     */
    public static SourceRecord snapshotEnd(String ledgerTopic, TablePlan plan, String topic, int partitions) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "snapshot_end");
        event.put("table", plan.table());
        event.put("plan_id", plan.planId());
        event.put("generation", plan.generation());
        event.put("topic", topic);
        event.put("partitions", partitions);
        event.put("at", Instant.now().toString());
        return record(ledgerTopic, SourcePartitions.generation(plan.table()), endedOffset(plan), plan.table(), event);
    }

    /** The generation partition's offset once the plan's markers are sent. */
    public static Map<String, Object> endedOffset(TablePlan plan) {
        return new GenerationOffset(plan.planId(), plan.generation(), true).toMap();
    }

    /** Marks a chunk done; it follows the chunk's last row, so it commits only after every row. */
    public static SourceRecord chunkDone(String ledgerTopic, TablePlan plan, int chunk, ChunkOffset offset, long millis,
            int taskId, String startedAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "chunk_done");
        event.put("table", plan.table());
        event.put("plan_id", plan.planId());
        event.put("chunk", chunk);
        event.put("of", plan.chunkCount());
        event.put("rows", offset.rows());
        event.put("millis", millis);
        event.put("task", taskId);
        event.put("started_at", startedAt);
        event.put("finished_at", Instant.now().toString());
        return record(ledgerTopic, SourcePartitions.chunk(plan.table(), chunk), offset.toMap(),
                plan.table() + "#" + chunk, event);
    }

    /**
     * The log stream's progress (log mode): its position, lag and retained WAL. Also the record that
     * carries the stream's offset when nothing captured changed for a while (only heartbeats and other
     * tables' changes were read), so Connect commits it and the database can free the log behind it.
     */
    public static SourceRecord logStatus(String ledgerTopic, Map<String, ?> partition, Map<String, ?> offset,
            Map<String, Object> status) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "log_status");
        event.putAll(status);
        event.put("at", Instant.now().toString());
        return record(ledgerTopic, partition, offset, "log", event);
    }

    private static SourceRecord record(String topic, Map<String, ?> partition, Map<String, ?> offset, String key,
            Map<String, Object> event) {
        try {
            return new SourceRecord(partition, offset, topic, null, Schema.STRING_SCHEMA, key, Schema.STRING_SCHEMA,
                    JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ledger event " + event, e);
        }
    }
}
