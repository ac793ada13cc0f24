package io.tributary.source;

import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.offsets.GenerationOffset;
import io.tributary.source.offsets.IncrementalOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks offsets a user writes through {@code PATCH /connectors/<name>/offsets}. A null offset
 * removes a checkpoint: nulling a table's {@code plan} partition re-snapshots that table with a new
 * plan (chunk and incremental checkpoints of the old plan are then ignored). The log stream's
 * partition (log mode) accepts only null.
 */
final class OffsetValidation {

    private OffsetValidation() {
    }

    static void validate(Map<Map<String, ?>, Map<String, ?>> offsets) {
        offsets.forEach((partition, offset) -> {
            String table = SourcePartitions.tableOf(partition);
            String kind = SourcePartitions.kindOf(partition);
            if (SourcePartitions.KIND_LOG.equals(kind)) {
                if (offset != null) {
                    throw new ConnectException("The log stream's offset " + partition + " is its reader's position and cannot be"
                            + " written by hand; null resets it (the stream then starts from the slot, or the earliest log start)");
                }
                return;
            }
            if (table == null || kind == null) {
                throw new ConnectException("Not a partition of this connector: " + partition
                        + "; expected {\"table\": \"<schema>.<table>\", \"kind\": \"plan\"|\"chunk\"|\"incremental\"|\"generation\"}");
            }
            if (offset == null) {
                return;
            }
            try {
                switch (kind) {
                    case SourcePartitions.KIND_PLAN -> {
                        TablePlan plan = TablePlan.fromMap(offset);
                        if (!table.equals(plan.table()) || plan.planId() == null || plan.planId().isBlank()) {
                            throw new IllegalArgumentException("a plan needs a plan_id and the partition's table '" + table + "'");
                        }
                    }
                    case SourcePartitions.KIND_CHUNK -> {
                        Object chunk = partition.get(SourcePartitions.CHUNK);
                        if (!(chunk instanceof String text) || !text.matches("0|[1-9][0-9]{0,8}")) {
                            throw new IllegalArgumentException("a chunk partition needs \"chunk\": \"<number>\" (0, 1, 2, ...), not "
                                    + (chunk instanceof String ? "'" + chunk + "'" : String.valueOf(chunk)));
                        }
                        ChunkOffset.fromMap(offset);
                    }
                    case SourcePartitions.KIND_INCREMENTAL -> IncrementalOffset.fromMap(offset);
                    case SourcePartitions.KIND_GENERATION -> GenerationOffset.fromMap(offset);
                    default -> throw new IllegalArgumentException("unknown kind '" + kind + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Bad offset for " + partition + ": " + e.getMessage(), e);
            }
        });
    }
}
