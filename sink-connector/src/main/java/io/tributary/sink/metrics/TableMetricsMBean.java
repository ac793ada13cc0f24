package io.tributary.sink.metrics;

/** JMX view of one destination table in one sink task. */
public interface TableMetricsMBean {

    /** Records in open batches, not yet staged. */
    long getRecordsBuffered();

    /** Records staged (uploaded) since the task started. */
    long getRecordsFlushed();

    /** Records merged into the table since the task started. */
    long getRecordsMerged();

    /** Duration of the last load and merge transaction, in ms. */
    long getLastMergeLatencyMs();
}
