package io.tributary.source.metrics;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log stream's lag, retained WAL and progress, registered as
 * {@code io.tributary:type=source-log,connector=<name>} while the stream runs (in the task that has it).
 */
public final class LogStreamMetrics implements LogStreamMetricsMBean, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogStreamMetrics.class);

    private final ObjectName name;
    private final AtomicLong behindMs = new AtomicLong(-1);
    private final AtomicLong retainedWal = new AtomicLong(-1);
    private final AtomicLong lastPosition = new AtomicLong(-1);
    private final AtomicLong changes = new AtomicLong();

    public LogStreamMetrics(String connector) {
        this.name = objectName(connector);
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(this, name);
        } catch (JMException e) {
            LOG.warn("could not register metrics {}: {}", name, e.getMessage());
        }
    }

    public static ObjectName objectName(String connector) {
        try {
            return new ObjectName("io.tributary:type=source-log,connector=" + ObjectName.quote(connector));
        } catch (JMException e) {
            throw new IllegalArgumentException("bad metric name for " + connector, e);
        }
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
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("could not unregister {}", name, e);
        }
    }
}
