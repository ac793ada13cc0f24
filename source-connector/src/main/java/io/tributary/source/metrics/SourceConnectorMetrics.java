package io.tributary.source.metrics;

import io.tributary.common.Jmx;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import javax.management.ObjectName;

/**
 * The connector's tables that match but cannot be planned (a key or cursor type without an exact
 * resume point, a missing column, ...) and why, registered as
 * {@code io.tributary:type=source-connector,connector=<name>} while the connector runs.
 */
public final class SourceConnectorMetrics implements SourceConnectorMetricsMBean, AutoCloseable {


    private final ObjectName name;
    private final Map<String, String> failures = new ConcurrentSkipListMap<>();

    public SourceConnectorMetrics(String connector) {
        this.name = objectName(connector);
        Jmx.register(this, name);
    }

    public static ObjectName objectName(String connector) {
        return Jmx.name("source-connector", connector);
    }

    /** Records that {@code table} cannot be planned; true when this reason is new for it. */
    public boolean tableFailed(String table, String reason) {
        return !reason.equals(failures.put(table, reason));
    }

    /** Records that {@code table} was planned (or is known by its plan); true when it had failed before. */
    public boolean tablePlanned(String table) {
        return failures.remove(table) != null;
    }

    /** Forgets failures of tables that no longer match (dropped, or excluded). */
    public void retainTables(Collection<String> matching) {
        failures.keySet().retainAll(matching);
    }

    /** The failed tables and their reasons, by table name. */
    public Map<String, String> failures() {
        return Map.copyOf(failures);
    }

    @Override
    public String[] getFailedTables() {
        return failures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toArray(String[]::new);
    }

    @Override
    public int getFailedTableCount() {
        return failures.size();
    }

    @Override
    public void close() {
        Jmx.unregister(name);
    }
}
