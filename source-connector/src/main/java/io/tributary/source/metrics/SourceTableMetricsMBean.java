package io.tributary.source.metrics;

/** JMX view of one table in one task: what it has read and how fast. */
public interface SourceTableMetricsMBean {

    /** "snapshot", "incremental", "done", or "failed" when the table is not read any more ({@link #getError()} says why). */
    String getPhase();

    /** Why the table is not read any more (e.g. its cursor column was dropped); empty while it is read. */
    String getError();

    /** Chunks of the table's plan. */
    int getChunksPlanned();

    /** Chunks this task has finished. */
    int getChunksDone();

    /** Rows this task has read from the table, snapshot and incremental. */
    long getRowsRead();

    /**
     * Rows whose cursor is NULL, which incremental polling never reads, as last counted when this
     * task's poller caught up (at most every 5 minutes); -1 before the first count.
     */
    long getRowsWithNullCursor();

    /** Average rows per second of this task's snapshot reads of the table. */
    double getSnapshotRowsPerSecond();
}
