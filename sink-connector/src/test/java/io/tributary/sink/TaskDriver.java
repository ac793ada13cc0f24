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
import java.util.concurrent.atomic.AtomicLong;
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
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(long ms) {
            millis.addAndGet(ms);
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
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
        this(props, stager, hooks, destinations, true);
    }

    /**
     * @param inline whether the flush pipeline runs on the calling thread (each {@link #batch} is written
     *        before it returns) or, as in production, on background threads
     */
    TaskDriver(Map<String, String> props, Stager stager, FlushHooks hooks, Function<WarehouseSinkConfig, DestinationWriter> destinations,
            boolean inline) {
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

            @Override
            public boolean upload(WarehouseSinkConfig config) {
                return true;
            }

            @Override
            public java.util.concurrent.ExecutorService flushExecutor(int threads, String name) {
                return inline ? new InlineExecutor() : SinkComponents.super.flushExecutor(threads, name);
            }
        });
        task.initialize(context);
        task.start(props);
    }

    /**
     * Puts the records, then lets the flush interval pass and commits, then puts nothing (as Connect does
     * on its next poll), which throws if the batch failed. The flush pipeline runs inline: one batch per
     * table, written before preCommit returns.
     */
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
        task.put(List.of());
        return offsets;
    }

    /** Puts the records and lets the flush interval pass, so they are handed to the pipeline; commits nothing. */
    void submit(List<SinkRecord> records) {
        for (SinkRecord record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
            if (assigned.add(tp)) {
                task.open(List.of(tp));
            }
        }
        task.put(records);
        clock.advance(3_600_000L);
        task.put(List.of());
    }

    /** Commits (as Connect does every offset.flush.interval.ms) until {@code tp} reaches {@code offset}. */
    void awaitCommitted(TopicPartition tp, long offset) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (committed.get(tp) == null || committed.get(tp).offset() < offset) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(tp + " never committed " + offset + "; committed " + committed);
            }
            Map<TopicPartition, OffsetAndMetadata> current = new HashMap<>();
            assigned.forEach(p -> current.put(p, new OffsetAndMetadata(0)));
            committed.putAll(task.preCommit(current));
            task.put(List.of());
            Thread.sleep(20);
        }
    }

    /** The partitions taken away by a rebalance, as Connect closes them. */
    void revokeAll() {
        task.close(Set.copyOf(assigned));
        assigned.clear();
    }

    @Override
    public void close() {
        task.close(assigned);
        task.stop();
    }
}
