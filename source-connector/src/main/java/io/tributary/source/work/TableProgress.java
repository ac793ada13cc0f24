package io.tributary.source.work;

import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.offsets.GenerationOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * A table's progress as the committed offsets tell it: which chunks of its plan are done, whether it
 * was polled before (under any plan), whether its generation's end-of-snapshot markers were sent, and
 * when its plan was made.
 */
final class TableProgress {

    private final OffsetStorageReader offsets;
    /** Plans whose markers are known to be sent: their offsets need not be read again. */
    private final Set<String> ended = new HashSet<>();

    TableProgress(OffsetStorageReader offsets) {
        this.offsets = offsets;
    }

    Set<Integer> doneChunks(TablePlan plan) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (int i = 0; i < plan.chunkCount(); i++) {
            partitions.add(SourcePartitions.chunk(plan.table(), i));
        }
        Set<Integer> done = new TreeSet<>();
        Map<Map<String, Object>, Map<String, Object>> stored = offsets.offsets(partitions);
        for (int i = 0; i < plan.chunkCount(); i++) {
            ChunkOffset offset = ChunkOffset.fromMap(stored.get(partitions.get(i)));
            if (offset != null && offset.done() && offset.planId().equals(plan.planId())) {
                done.add(i);
            }
        }
        return done;
    }

    /** Whether the table has an incremental checkpoint, of any plan: it was polled before, so a re-snapshot polls on. */
    boolean polledBefore(String table) {
        return offsets.offset(SourcePartitions.incremental(table)) != null;
    }

    /** Whether the end-of-snapshot markers of {@code plan}'s generation were sent and committed. */
    boolean markersSent(TablePlan plan) {
        if (ended.contains(plan.planId())) {
            return true;
        }
        boolean sent;
        try {
            sent = GenerationOffset.ended(offsets.offset(SourcePartitions.generation(plan.table())), plan.planId());
        } catch (IllegalArgumentException e) {
            sent = false;
        }
        if (sent) {
            ended.add(plan.planId());
        }
        return sent;
    }

    /** The plan's planning time in epoch milliseconds, or -1 when it has none readable. */
    static long plannedAtMillis(TablePlan plan) {
        try {
            return plan.plannedAt() == null ? -1 : Instant.parse(plan.plannedAt()).toEpochMilli();
        } catch (DateTimeException e) {
            return -1;
        }
    }
}
