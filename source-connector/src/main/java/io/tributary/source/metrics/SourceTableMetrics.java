package io.tributary.source.metrics;

import io.tributary.common.Jmx;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Per task and table counters, registered as
 * {@code io.tributary:type=source-table,connector=<name>,task=<id>,table=<schema.table>}.
 */
public final class SourceTableMetrics implements SourceTableMetricsMBean, AutoCloseable {


    private final ObjectName name;
    private final int chunksPlanned;
    private final AtomicInteger chunksDone = new AtomicInteger();
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong snapshotRows = new AtomicLong();
    private final AtomicLong snapshotNanos = new AtomicLong();
    private final AtomicLong rowsWithNullCursor = new AtomicLong(-1);
    private volatile String phase;
    private volatile String error = "";

    public SourceTableMetrics(String connector, int task, String table, int chunksPlanned, String phase) {
        this.chunksPlanned = chunksPlanned;
        this.phase = phase;
        this.name = objectName(connector, task, table);
        register();
    }

    public static ObjectName objectName(String connector, int task, String table) {
        try {
            return new ObjectName("io.tributary:type=source-table,connector=" + ObjectName.quote(connector)
                    + ",task=" + task + ",table=" + ObjectName.quote(table));
        } catch (JMException e) {
            throw new IllegalArgumentException("bad metric name for " + connector + "/" + table, e);
        }
    }

    public void snapshotRead(int rows, long nanos) {
        rowsRead.addAndGet(rows);
        snapshotRows.addAndGet(rows);
        snapshotNanos.addAndGet(nanos);
    }

    public void incrementalRead(int rows) {
        rowsRead.addAndGet(rows);
    }

    public void chunkDone() {
        chunksDone.incrementAndGet();
    }

    /** The last count of rows whose cursor is NULL (never polled). */
    public void rowsWithNullCursor(long rows) {
        rowsWithNullCursor.set(rows);
    }

    public void phase(String phase) {
        if (error.isEmpty()) {
            this.phase = phase;
        }
    }

    /** The table is not read any more (a column of its plan is gone): phase "failed", and why. */
    public void failed(String reason) {
        this.error = reason;
        this.phase = "failed";
    }

    @Override
    public String getError() {
        return error;
    }

    @Override
    public String getPhase() {
        return phase;
    }

    @Override
    public int getChunksPlanned() {
        return chunksPlanned;
    }

    @Override
    public int getChunksDone() {
        return chunksDone.get();
    }

    @Override
    public long getRowsRead() {
        return rowsRead.get();
    }

    @Override
    public long getRowsWithNullCursor() {
        return rowsWithNullCursor.get();
    }

    @Override
    public double getSnapshotRowsPerSecond() {
        long nanos = snapshotNanos.get();
        return nanos == 0 ? 0.0 : snapshotRows.get() * 1e9 / nanos;
    }

    @Override
    public void close() {
        Jmx.unregister(name);
    }

    private void register() {
        Jmx.register(this, name);
    }
}
