package io.tributary.sink.metrics;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one table; registered as an MBean by {@link SinkMetrics}. */
public final class TableMetrics implements TableMetricsMBean {

    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong flushed = new AtomicLong();
    private final AtomicLong merged = new AtomicLong();
    private volatile long lastMergeLatencyMs;

    public void buffered(long delta) {
        buffered.addAndGet(delta);
    }

    public void flushed(long records) {
        flushed.addAndGet(records);
    }

    public void merged(long records, long latencyMs) {
        merged.addAndGet(records);
        lastMergeLatencyMs = latencyMs;
    }

    @Override
    public long getRecordsBuffered() {
        return buffered.get();
    }

    @Override
    public long getRecordsFlushed() {
        return flushed.get();
    }

    @Override
    public long getRecordsMerged() {
        return merged.get();
    }

    @Override
    public long getLastMergeLatencyMs() {
        return lastMergeLatencyMs;
    }
}
