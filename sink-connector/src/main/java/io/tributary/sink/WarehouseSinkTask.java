package io.tributary.sink;

import io.tributary.common.Version;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.engine.ConsumerControl;
import io.tributary.sink.engine.FlushPipeline;
import io.tributary.sink.engine.Retrier;
import io.tributary.sink.engine.SinkComponents;
import io.tributary.sink.engine.SinkEngine;
import io.tributary.sink.metrics.SinkMetrics;
import io.tributary.sink.stage.Stager;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lifecycle adapter for one sink task: the work is done by {@link SinkEngine} and its background
 * {@link FlushPipeline}. Offsets handed to Connect in {@link #preCommit} are only those of records
 * whose batch is merged.
 */
public class WarehouseSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkTask.class);

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
        if (config.truncateMode() == TruncateMode.APPLY && !Destinations.of(config).appliesTruncates()) {
            throw new ConfigException(WarehouseSinkConnector.unsupportedTruncates(Destinations.of(config).name()));
        }
        String staleRows = WarehouseSinkConnector.staleRowsProblem(config, Destinations.of(config), props);
        if (staleRows != null) {
            throw new ConfigException(staleRows);
        }
        String name = props.getOrDefault("name", "tributary-sink");
        stager = components.stager(config);
        destination = components.destination(config);
        metrics = new SinkMetrics(name, props.get(WarehouseSinkConnector.TASK_ID));
        Retrier retrier = new Retrier(config.retryMaxAttempts(), config.retryBackoff(), components.sleeper(), destination::isTransient);
        int threads = Math.max(1, Math.min(config.flushMaxInFlight(), destination.maxConcurrentWrites()));
        FlushPipeline pipeline = new FlushPipeline(stager, destination, retrier, components.hooks(), metrics,
                components.flushExecutor(threads, "tributary-flush-" + name), components.upload(config));
        boolean tolerateAll = "all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim());
        engine = new SinkEngine(config, pipeline, destination, retrier, tolerateAll ? errantRecordReporter() : null, metrics,
                consumerControl(), components.clock(), components.batchFiles());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        engine.put(records);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return engine.preCommit(currentOffsets.keySet());
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
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            return null; // a worker older than Kafka 2.6
        }
    }

    private ConsumerControl consumerControl() {
        SinkTaskContext context = this.context;
        return new ConsumerControl() {
            @Override
            public Set<TopicPartition> assignment() {
                return context.assignment();
            }

            @Override
            public void pause(Collection<TopicPartition> partitions) {
                context.pause(partitions.toArray(TopicPartition[]::new));
            }

            @Override
            public void resume(Collection<TopicPartition> partitions) {
                context.resume(partitions.toArray(TopicPartition[]::new));
            }

            @Override
            public void rewind(Map<TopicPartition, Long> offsets) {
                context.offset(offsets);
            }
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Could not close {} while stopping: {}", closeable.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
