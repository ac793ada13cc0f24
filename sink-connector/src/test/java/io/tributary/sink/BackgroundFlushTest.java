package io.tributary.sink;

import static io.tributary.sink.TestRecords.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.engine.Retrier;
import io.tributary.sink.engine.SinkComponents;
import io.tributary.sink.stage.Stager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The flush pipeline on its real background threads, with a fake warehouse the test holds still: a
 * slow merge does not stall put(), queued batches pause the consumer, a failed merge fails the task and
 * no offset passes it, and the partitions of a table go into one batch.
 */
class BackgroundFlushTest {

    private static final String TOPIC = "shop.public.items";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final TaskDriver.MovableClock clock = new TaskDriver.MovableClock();
    private final List<Batch> merged = Collections.synchronizedList(new ArrayList<>());
    private final Set<TopicPartition> paused = Collections.synchronizedSet(new HashSet<>());
    private volatile CountDownLatch warehouse = new CountDownLatch(0);
    private volatile long failOnFirstOffset = -1;
    private WarehouseSinkTask task;

    @AfterEach
    void stop() {
        warehouse.countDown();
        if (task != null) {
            task.stop();
        }
    }

    private WarehouseSinkTask start(String... extra) {
        Map<String, String> props = new HashMap<>(Map.of("topics", TOPIC, "destination", "postgres", "flush.max.records", "2",
                "flush.interval.ms", "60000", "retry.max.attempts", "1", "flush.max.in.flight", "1"));
        for (int i = 0; i < extra.length; i += 2) {
            props.put(extra[i], extra[i + 1]);
        }
        task = new WarehouseSinkTask(new SinkComponents() {
            @Override
            public Stager stager(WarehouseSinkConfig config) {
                return TaskDriver.LOCAL.apply(props);
            }

            @Override
            public DestinationWriter destination(WarehouseSinkConfig config) {
                return new DestinationWriter() {
                    @Override
                    public Outcome write(StagedBatch batch) throws Exception {
                        if (!warehouse.await(30, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("the test never released the warehouse");
                        }
                        if (batch.batch().firstRange().first() == failOnFirstOffset) {
                            throw new SQLException("permission denied for table items", "42501");
                        }
                        merged.add(batch.batch());
                        return Outcome.MERGED;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public boolean upload(WarehouseSinkConfig config) {
                return false;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Retrier.Sleeper sleeper() {
                return d -> { };
            }
        });
        task.initialize(new Context());
        task.start(props);
        task.open(List.of(P0, P1));
        return task;
    }

    private Map<TopicPartition, OffsetAndMetadata> commit() {
        return task.preCommit(Map.of(P0, new OffsetAndMetadata(0), P1, new OffsetAndMetadata(0)));
    }

    @Test
    void aSlowMergeDoesNotStallPutAndQueuedBatchesPauseTheConsumer() throws Exception {
        warehouse = new CountDownLatch(1); // the warehouse hangs until released
        start();
        long started = System.nanoTime();
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "b", 1, "r"))); // batch 1: merging (stuck)
        task.put(List.of(ours(TOPIC, 0, 2, 3, "c", 1, "r"), ours(TOPIC, 0, 3, 4, "d", 1, "r"))); // batch 2: queued
        task.put(List.of(ours(TOPIC, 0, 4, 5, "e", 1, "r")));                                  // still converting
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5_000, "put() did not wait for the warehouse");
        assertTrue(paused.contains(P0), "a batch waits behind the one in flight: consumption pauses instead of put() blocking");
        assertEquals(Map.of(), commit(), "nothing is merged yet");

        warehouse.countDown();
        await(() -> merged.size() == 2);
        task.put(List.of());
        assertFalse(paused.contains(P0), "resumed once the queue drained");
        assertEquals(4L, commit().get(P0).offset(), "offsets of both merged batches, not of the open one");
    }

    @Test
    void aFailedBackgroundMergeFailsTheTaskAndCommitsNothingPastIt() throws Exception {
        failOnFirstOffset = 2;
        start("flush.max.in.flight", "2");
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "b", 1, "r")));
        task.put(List.of(ours(TOPIC, 0, 2, 3, "c", 1, "r"), ours(TOPIC, 0, 3, 4, "d", 1, "r")));
        await(() -> merged.size() == 1);
        ConnectException failure = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (failure == null && System.nanoTime() < deadline) {
            try {
                task.put(List.of(ours(TOPIC, 0, 4, 5, "e", 1, "r"), ours(TOPIC, 0, 5, 6, "f", 1, "r")));
                Thread.sleep(20);
            } catch (ConnectException e) {
                failure = e;
            }
        }
        assertTrue(failure != null && failure.getMessage().contains("permission denied"), String.valueOf(failure));
        assertEquals(2L, commit().get(P0).offset(), "the first batch is committed, nothing of or after the failed one");
        assertThrows(ConnectException.class, () -> task.put(List.of()), "the task stays failed");
    }

    @Test
    void thePartitionsOfATableGoIntoOneBatch() throws Exception {
        start("flush.max.records", "100");
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 1, 0, 2, "b", 1, "r"), ours(TOPIC, 0, 1, 3, "c", 1, "r"),
                ours(TOPIC, 1, 1, 4, "d", 1, "r"), ours(TOPIC, 1, 2, 5, "e", 1, "r")));
        clock.advance(60_000);
        assertEquals(Map.of(), commit().entrySet().stream().filter(e -> e.getValue().offset() > 0).collect(
                java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "not merged yet: in flight");
        await(() -> merged.size() == 1);
        Batch batch = merged.get(0);
        assertEquals(5, batch.records());
        assertEquals(Set.of(0, 1), batch.ranges().keySet());
        Map<TopicPartition, OffsetAndMetadata> offsets = commit();
        assertEquals(2L, offsets.get(P0).offset());
        assertEquals(3L, offsets.get(P1).offset());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }

    /** Records pauses and resumes, as the worker's consumer would. */
    private final class Context implements SinkTaskContext {
        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
        }

        @Override
        public void offset(TopicPartition tp, long offset) {
        }

        @Override
        public void timeout(long timeoutMs) {
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(P0, P1);
        }

        @Override
        public void pause(TopicPartition... partitions) {
            paused.addAll(List.of(partitions));
        }

        @Override
        public void resume(TopicPartition... partitions) {
            List.of(partitions).forEach(paused::remove);
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return null;
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
