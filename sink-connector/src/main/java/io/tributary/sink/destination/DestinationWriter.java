package io.tributary.sink.destination;

import io.tributary.common.TransientErrors;
import io.tributary.sink.schema.TableId;
import java.util.OptionalLong;

/**
 * Writes staged batches into the destination. One writer serves one task; the task's flush pipeline
 * calls it from its own threads, for different tables at once but for one table one call at a time.
 */
public interface DestinationWriter extends AutoCloseable {

    /** What became of a written batch. */
    enum Outcome {
        /** Its rows (and those of every earlier deferred batch of its table) are in the final table. */
        MERGED,
        /** Loaded, not yet merged: a later {@link #mergeDeferred} (or write) completes it. */
        DEFERRED
    }

    /**
     * Loads the batch into its table. Must be idempotent: writing a batch again (a replay after a crash,
     * a retry after a failure at any step) leaves the table as one write does.
     */
    Outcome write(StagedBatch batch) throws Exception;

    /**
     * Merges the deferred batches of {@code table} when they are due, or in any case when {@code force}.
     *
     * @return true when every deferred batch of the table is now merged
     */
    default boolean mergeDeferred(TableId table, boolean force) throws Exception {
        return true;
    }

    /** How many batches this writer can write at once (1 where the warehouse allows one writer per file). */
    default int maxConcurrentWrites() {
        return Integer.MAX_VALUE;
    }

    /**
     * Whether every batch must hold one topic partition only, so the staged objects of a partition never
     * overlap (the S3 destination, whose objects are the output). Otherwise a batch holds every
     * partition of its table that the task has.
     */
    default boolean batchPerPartition() {
        return false;
    }

    /**
     * For writers whose output is the staged objects: the last offset of an object a previous run already
     * wrote for the batch of {@code topic}-{@code partition} that starts at {@code firstOffset}, so a replay
     * skips those records instead of writing an overlapping object. Empty when there is none.
     */
    default OptionalLong alreadyWritten(TableId table, String topic, int partition, long firstOffset, long timestampMs)
            throws Exception {
        return OptionalLong.empty();
    }

    /**
     * Whether a failure is worth another attempt for reasons particular to this destination (a lock
     * conflict its warehouse reports in its own words, a service's own retriable errors). Failures the
     * shared rules already call transient ({@link TransientErrors}: lost connections,
     * serialization conflicts, ...; the AWS SDK's 5xx and throttling) need not be repeated here.
     */
    default boolean isTransient(Throwable error) {
        return false;
    }

    /**
     * Whether this writer, in merge mode, applies key marks (they set a stored row's generation) and keeps
     * the ends of generations in the warehouse (docs/sink.md, Re-snapshots and stale rows); where it does
     * not, the engine skips such records (their offsets are committed, nothing is written).
     */
    default boolean keepsGenerations() {
        return false;
    }

    /** What this destination's columns cannot hold; checked as records are added to a batch. */
    default ValueGuard valueGuard() {
        return ValueGuard.NONE;
    }

    @Override
    void close();
}
