package io.tributary.source.snapshot;

import io.tributary.source.engine.SourceEngine;

/** Keeps a reader at or below a rate of rows per second (0: unlimited), by sleeping between batches. */
public final class Throttle implements SourceEngine.Throttle {

    private final long rowsPerSecond;
    private final long startedNanos = System.nanoTime();
    private long rows;

    public Throttle(long rowsPerSecond) {
        this.rowsPerSecond = rowsPerSecond;
    }

    /** Counts {@code read} more rows and sleeps as long as the average rate is above the limit. */
    @Override
    public void acquire(int read) throws InterruptedException {
        if (rowsPerSecond <= 0) {
            return;
        }
        rows += read;
        long dueNanos = rows * 1_000_000_000L / rowsPerSecond;
        long aheadNanos = dueNanos - (System.nanoTime() - startedNanos);
        if (aheadNanos > 0) {
            Thread.sleep(aheadNanos / 1_000_000L, (int) (aheadNanos % 1_000_000L));
        }
    }
}
