package io.tributary.source.log;

import java.util.Map;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The context Debezium's task runs in inside ours: its own properties, and offsets read through
 * {@link LogOffsetReader}. No transaction context: our task sets the transaction boundaries.
 */
final class InnerTaskContext implements SourceTaskContext {

    private final Map<String, String> configs;
    private final OffsetStorageReader offsets;
    private final PluginMetrics metrics;

    InnerTaskContext(Map<String, String> configs, OffsetStorageReader offsets, PluginMetrics metrics) {
        this.configs = Map.copyOf(configs);
        this.offsets = offsets;
        this.metrics = metrics;
    }

    @Override
    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
        return offsets;
    }

    @Override
    public PluginMetrics pluginMetrics() {
        return metrics;
    }
}
