package io.tributary.sink;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.engine.FlushHooks;
import io.tributary.sink.engine.SinkComponents;
import io.tributary.sink.stage.Stager;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Drives a {@link WarehouseSinkTask} as the Connect worker does, in the test JVM: put, then
 * preCommit after the flush interval, so each {@link #batch} call is one batch per partition.
 */
final class TaskDriver implements AutoCloseable {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile long millis = 1_700_000_000_000L;

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** A stager that stages nothing (the merge reads the local file). */
    static final Function<Map<String, String>, Stager> LOCAL = props -> new Stager() {
        @Override
        public String stage(Batch batch) {
            return batch.file().toUri().toString();
        }

        @Override
        public void close() {
        }
    };

    final MovableClock clock = new MovableClock();
    /** The worker context: with errors.tolerance=all, records the dead-letter queue receives. */
    final RecordingContext context = new RecordingContext();
    final WarehouseSinkTask task;
    final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();

    TaskDriver(Map<String, String> props, Stager stager, FlushHooks hooks) {
        this(props, stager, hooks, config -> Destinations.find(config.getString(WarehouseSinkConfig.DESTINATION)).orElseThrow().create(config));
    }

    /** With the destination writer made by {@code destinations} instead of the configured provider. */
    TaskDriver(Map<String, String> props, Stager stager, FlushHooks hooks, Function<WarehouseSinkConfig, DestinationWriter> destinations) {
        task = new WarehouseSinkTask(new SinkComponents() {
            @Override
            public Stager stager(WarehouseSinkConfig config) {
                return stager;
            }

            @Override
            public DestinationWriter destination(WarehouseSinkConfig config) {
                return destinations.apply(config);
            }

            @Override
            public FlushHooks hooks() {
                return hooks;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public io.tributary.sink.engine.Retrier.Sleeper sleeper() {
                return d -> { };
            }
        });
        task.initialize(context);
        task.start(props);
    }

    /** Puts the records, then lets the flush interval pass and commits: one batch per partition. */
    Map<TopicPartition, OffsetAndMetadata> batch(SinkRecord... records) {
        return batch(Arrays.asList(records));
    }

    Map<TopicPartition, OffsetAndMetadata> batch(List<SinkRecord> records) {
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            if (assigned.add(tp)) {
                task.open(List.of(tp));
            }
        }
        task.put(records);
        clock.advance(3_600_000L);
        Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
        assigned.forEach(tp -> current.put(tp, new OffsetAndMetadata(0)));
        Map<TopicPartition, OffsetAndMetadata> offsets = task.preCommit(current);
        committed.putAll(offsets);
        return offsets;
    }

    @Override
    public void close() {
        task.close(assigned);
        task.stop();
    }
}
