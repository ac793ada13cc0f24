package io.tributary.sink.destination;

/** Writes staged batches into the destination: load and merge in one transaction. */
public interface DestinationWriter extends AutoCloseable {

    /**
     * Loads the batch into its table. Must be idempotent: writing a batch again (a replay after a
     * crash) leaves the table as one write does.
     */
    void write(StagedBatch batch) throws Exception;

    /** What this destination's columns cannot hold; checked as records are added to a batch. */
    default ValueGuard valueGuard() {
        return ValueGuard.NONE;
    }

    @Override
    void close();
}
