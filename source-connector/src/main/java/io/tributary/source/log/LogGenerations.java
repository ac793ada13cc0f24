package io.tributary.source.log;

import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The current generation of each table the log stream emits (the generation of its stored plan; 0 when it
 * has none), read from the offsets and read again every {@code intervalMs}, so the stream's records
 * carry a re-snapshot's generation soon after its plan is stored.
 */
final class LogGenerations {

    private record Known(long generation, long readAtMs) {
    }

    private final OffsetStorageReader offsets;
    private final long intervalMs;
    private final LongSupplier clock;
    private final Map<String, Known> known = new HashMap<>();

    LogGenerations(OffsetStorageReader offsets, long intervalMs, LongSupplier clock) {
        this.offsets = offsets;
        this.intervalMs = intervalMs;
        this.clock = clock;
    }

    /** The table's generation ({@code schema.table}), 0 when its plan has none or it has no plan. */
    long of(String table) {
        long now = clock.getAsLong();
        Known cached = known.get(table);
        if (cached != null && now - cached.readAtMs() < intervalMs) {
            return cached.generation();
        }
        long generation;
        try {
            TablePlan plan = TablePlan.fromMap(offsets.offset(SourcePartitions.plan(table)));
            generation = plan == null ? 0L : plan.generation();
        } catch (IllegalArgumentException e) {
            generation = cached == null ? 0L : cached.generation();
        }
        known.put(table, new Known(generation, now));
        return generation;
    }
}
