package io.tributary.sink;

import io.tributary.common.Version;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.engine.FlushPipeline;
import io.tributary.sink.engine.Retrier;
import io.tributary.sink.engine.SinkComponents;
import io.tributary.sink.engine.SinkEngine;
import io.tributary.sink.metrics.SinkMetrics;
import io.tributary.sink.stage.Stager;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Lifecycle adapter for one sink task: the work is done by {@link SinkEngine}. Offsets handed to
 * Connect in {@link #preCommit} are only those of records whose batch is merged.
 */
public class WarehouseSinkTask extends SinkTask {

    private final SinkComponents components;
    private Stager stager;
    private DestinationWriter destination;
    private SinkMetrics metrics;
    private SinkEngine engine;

    public WarehouseSinkTask() {
        this(SinkComponents.defaults());
    }

    /** With other collaborators: tests inject faults or fakes here. */
    WarehouseSinkTask(SinkComponents components) {
        this.components = components;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        WarehouseSinkConfig config = new WarehouseSinkConfig(props);
        stager = components.stager(config);
        destination = components.destination(config);
        metrics = new SinkMetrics(props.get("name"), props.get(WarehouseSinkConnector.TASK_ID));
        Retrier retrier = new Retrier(config.retryMaxAttempts(), config.retryBackoff(), components.sleeper());
        FlushPipeline pipeline = new FlushPipeline(stager, destination, retrier, components.hooks());
        boolean tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim());
        engine = new SinkEngine(config, pipeline, tolerateAll ? errantRecordReporter() : null, metrics, components.clock(),
                destination.valueGuard());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        engine.put(records);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        engine.flushDue();
        return engine.committableOffsets(currentOffsets.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (engine != null) {
            engine.close(partitions);
        }
    }

    @Override
    public void stop() {
        try {
            if (engine != null) {
                engine.close();
            }
        } finally {
            closeQuietly(destination);
            closeQuietly(stager);
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    /** The dead-letter queue, used only with errors.tolerance=all; otherwise a bad record fails the task with its own reason. */
    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context == null ? null : context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
