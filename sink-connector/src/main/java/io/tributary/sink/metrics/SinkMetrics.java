package io.tributary.sink.metrics;

import io.tributary.sink.schema.TableId;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-table metrics of one task, as MBeans
 * {@code io.tributary.sink:type=table-metrics,connector=<name>,task=<n>,table=<schema.table>}, where
 * {@code <n>} is the task's id in the Connect REST API (the {@code task.id} the connector gives each
 * task): the same after a restart, and distinct for every task of a connector in one JVM.
 */
public final class SinkMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkMetrics.class);
    private final String connector;
    private final String task;
    private final Map<TableId, TableMetrics> tables = new HashMap<>();
    private final Map<TableId, ObjectName> names = new HashMap<>();

    /**
     * @param connector the connector's name
     * @param taskId the task's REST id, {@code task.id} of its config (0 when absent)
     */
    public SinkMetrics(String connector, String taskId) {
        this.connector = connector == null ? "unnamed" : connector;
        this.task = taskId == null || taskId.isBlank() ? "0" : Integer.toString(Integer.parseInt(taskId.trim()));
    }

    public synchronized TableMetrics table(TableId table) {
        return tables.computeIfAbsent(table, this::register);
    }

    private TableMetrics register(TableId table) {
        TableMetrics metrics = new TableMetrics();
        try {
            ObjectName name = new ObjectName("io.tributary.sink:type=table-metrics,connector=" + ObjectName.quote(connector)
                    + ",task=" + task + ",table=" + ObjectName.quote(table.toString()));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.registerMBean(metrics, name);
            names.put(table, name);
        } catch (JMException e) {
            LOG.warn("Could not register the metrics of {}: {}", table, e.getMessage());
        }
        return metrics;
    }

    @Override
    public synchronized void close() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (ObjectName name : names.values()) {
            try {
                server.unregisterMBean(name);
            } catch (JMException e) {
                // already gone
            }
        }
        names.clear();
        tables.clear();
    }
}
