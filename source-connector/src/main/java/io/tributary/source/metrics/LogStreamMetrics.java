package io.tributary.source.metrics;

import io.tributary.common.Jmx;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;

/**
 * The log stream's lag, retained WAL and progress, registered as
 * {@code io.tributary:type=source-log,connector=<name>} while the stream runs (in the task that has it).
 */
public final class LogStreamMetrics implements LogStreamMetricsMBean, AutoCloseable {


    private final ObjectName name;
    private final AtomicLong behindMs = new AtomicLong(-1);
    private final AtomicLong retainedWal = new AtomicLong(-1);
    private final AtomicLong lastPosition = new AtomicLong(-1);
    private final AtomicLong changes = new AtomicLong();

    public LogStreamMetrics(String connector) {
        this.name = objectName(connector);
        Jmx.register(this, name);
    }

    public static ObjectName objectName(String connector) {
        return Jmx.name("source-log", connector);
    }

    /** A change was emitted at {@code position}, committed at {@code commitMillis} (0 when unknown). */
    public void changed(long position, long commitMillis, long nowMillis) {
        changes.incrementAndGet();
        lastPosition.set(position);
        if (commitMillis > 0) {
            behindMs.set(Math.max(0, nowMillis - commitMillis));
        }
    }

    /** A poll found nothing more to read: the stream has caught up. */
    public void caughtUp() {
        behindMs.set(0);
    }

    public void retainedWal(long bytes) {
        retainedWal.set(bytes);
    }

    @Override
    public long getMilliSecondsBehindSource() {
        return behindMs.get();
    }

    @Override
    public long getRetainedWalBytes() {
        return retainedWal.get();
    }

    @Override
    public long getLastPosition() {
        return lastPosition.get();
    }

    @Override
    public long getChangesEmitted() {
        return changes.get();
    }

    @Override
    public void close() {
        Jmx.unregister(name);
    }
}
