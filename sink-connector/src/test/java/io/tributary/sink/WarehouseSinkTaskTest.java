package io.tributary.sink;

import static io.tributary.sink.TestRecords.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.engine.FlushHooks;
import io.tributary.sink.engine.Retrier;
import io.tributary.sink.engine.SinkComponents;
import io.tributary.sink.stage.Stager;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.Test;

/** The task with fake staging and destination: flush triggers, offsets, errors. No servers. */
class WarehouseSinkTaskTest {

    private static final String TOPIC = "shop.public.items";
    private static final TopicPartition TP = new TopicPartition(TOPIC, 0);

    private final List<Batch> staged = new ArrayList<>();
    private final List<Batch> written = new ArrayList<>();
    private final TaskDriver.MovableClock clock = new TaskDriver.MovableClock();
    private int failuresBeforeSuccess;
    private boolean keepsGenerations;
    private volatile boolean diskFull;
    private final List<SinkRecord> reported = new ArrayList<>();

    private WarehouseSinkTask task(Map<String, String> extra, boolean withReporter) {
        Map<String, String> props = new HashMap<>(Map.of("topics", TOPIC, "destination", "postgres",
                "flush.max.records", "3", "flush.interval.ms", "10000", "retry.max.attempts", "3"));
        if (withReporter) {
            props.put("errors.tolerance", "all");
        }
        props.putAll(extra);
        WarehouseSinkTask task = new WarehouseSinkTask(new SinkComponents() {
            @Override
            public Stager stager(WarehouseSinkConfig config) {
                return new Stager() {
                    @Override
                    public String stage(Batch batch) throws IOException {
                        if (failuresBeforeSuccess > 0) {
                            failuresBeforeSuccess--;
                            throw new IOException("S3 is down");
                        }
                        staged.add(batch);
                        return "s3://b/k";
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public DestinationWriter destination(WarehouseSinkConfig config) {
                return new DestinationWriter() {
                    @Override
                    public Outcome write(StagedBatch batch) {
                        written.add(batch.batch());
                        return Outcome.MERGED;
                    }

                    @Override
                    public boolean keepsGenerations() {
                        return keepsGenerations;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public Retrier.Sleeper sleeper() {
                return d -> { };
            }

            @Override
            public FlushHooks hooks() {
                return FlushHooks.NONE;
            }

            @Override
            public boolean upload(WarehouseSinkConfig config) {
                return true;
            }

            @Override
            public io.tributary.sink.buffer.BatchFiles batchFiles() {
                return file -> new java.io.FilterOutputStream(java.nio.file.Files.newOutputStream(file)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        if (diskFull) {
                            throw new IOException("No space left on device");
                        }
                        out.write(b, off, len);
                    }
                };
            }

            @Override
            public java.util.concurrent.ExecutorService flushExecutor(int threads, String name) {
                return new InlineExecutor();
            }
        });
        task.initialize(new FakeContext(withReporter ? reported : null));
        task.start(props);
        task.open(List.of(TP));
        return task;
    }

    private Map<TopicPartition, OffsetAndMetadata> commit(WarehouseSinkTask task) {
        return task.preCommit(Map.of(TP, new OffsetAndMetadata(0)));
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheMergeAndMetricsCountRecords() throws Exception {
        WarehouseSinkTask task = task(Map.of(), false);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "b", 1, "r")));
        assertEquals(Map.of(), commit(task), "nothing merged yet");
        task.put(List.of(ours(TOPIC, 0, 2, 3, "c", 1, "r"), ours(TOPIC, 0, 3, 4, "d", 1, "r")));
        assertEquals(1, written.size(), "flush.max.records=3 flushed one batch");
        assertEquals(3, written.get(0).records());
        assertEquals(3L, commit(task).get(TP).offset());
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        java.util.Set<javax.management.ObjectName> names = jmx.queryNames(
                new javax.management.ObjectName("io.tributary.sink:type=table-metrics,*"), null);
        assertEquals(1, names.size(), names.toString());
        javax.management.ObjectName name = names.iterator().next();
        assertEquals(3L, jmx.getAttribute(name, "RecordsMerged"));
        assertEquals(3L, jmx.getAttribute(name, "RecordsFlushed"));
        assertEquals(1L, jmx.getAttribute(name, "RecordsBuffered"));
        task.stop();
        assertTrue(jmx.queryNames(new javax.management.ObjectName("io.tributary.sink:type=table-metrics,*"), null).isEmpty());
    }

    /**
     * Two connectors' tasks in one JVM (two workers of an embedded cluster, or tasks that restart):
     * each task's MBeans carry its connector and REST task id, so none collides and none drifts.
     */
    @Test
    void metricsAreNamedByConnectorAndRestTaskId() throws Exception {
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        List<WarehouseSinkTask> tasks = new ArrayList<>();
        for (String connector : List.of("jmx-a", "jmx-b")) {
            for (String id : List.of("0", "1")) {
                WarehouseSinkTask task = task(Map.of("name", connector, "task.id", id), false);
                task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r")));
                tasks.add(task);
            }
        }
        tasks.get(0).stop(); // a restart of jmx-a task 0 keeps its name
        WarehouseSinkTask restarted = task(Map.of("name", "jmx-a", "task.id", "0"), false);
        restarted.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r")));
        java.util.Set<String> names = new java.util.TreeSet<>();
        jmx.queryNames(new javax.management.ObjectName("io.tributary.sink:type=table-metrics,*"), null)
                .forEach(n -> names.add(n.getKeyProperty("connector") + "/" + n.getKeyProperty("task")));
        assertEquals(new java.util.TreeSet<>(List.of("\"jmx-a\"/0", "\"jmx-a\"/1", "\"jmx-b\"/0", "\"jmx-b\"/1")), names);
        tasks.subList(1, tasks.size()).forEach(WarehouseSinkTask::stop);
        restarted.stop();
    }

    @Test
    void twoTopicsForOneTableFailTheTask() {
        WarehouseSinkTask task = task(Map.of("table.name.format", "${table}", "topics", TOPIC + ",shop.archive.items"), false);
        try {
            task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r")));
            ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(ours("shop.archive.items", 0, 0, 1, "b", 1, "r"))));
            assertTrue(e.getMessage().contains("shop.archive.items") && e.getMessage().contains(TOPIC), e.getMessage());
        } finally {
            task.stop();
        }
    }

    @Test
    void aQuietPartitionIsFlushedByTheWallClock() {
        WarehouseSinkTask task = task(Map.of(), false);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r")));
        task.put(List.of());
        assertEquals(0, written.size());
        clock.advance(10_001);
        task.put(List.of());
        assertEquals(1, written.size());
        assertEquals(1L, commit(task).get(TP).offset());
        task.stop();
    }

    /** Key marks and ends of generations reach only a destination that keeps generations; elsewhere they are skipped, and committed. */
    @Test
    void keyMarksAndEndsOfGenerationsGoOnlyToADestinationThatKeepsThem() {
        List<SinkRecord> records = List.of(GenerationRecords.row(TOPIC, 0, 0, 1, "a", 1, "r", 7), GenerationRecords.keyMark(TOPIC, 0, 1, 2, 7),
                GenerationRecords.end(TOPIC, 0, 2, 7, 1L, 1, "full"));
        WarehouseSinkTask skipping = task(Map.of(), false);
        skipping.put(records);
        clock.advance(10_001);
        skipping.put(List.of());
        assertEquals(1, written.size());
        assertEquals(1, written.get(0).records(), "the row only");
        assertEquals(List.of(), written.get(0).generationEnds());
        assertEquals(3L, commit(skipping).get(TP).offset(), "the skipped records are committed too");
        skipping.stop();

        written.clear();
        keepsGenerations = true;
        WarehouseSinkTask keeping = task(Map.of(), false);
        keeping.put(records);
        clock.advance(10_001);
        keeping.put(List.of());
        assertEquals(1, written.size());
        assertEquals(2, written.get(0).records(), "the row and the key mark");
        assertEquals(List.of(new io.tributary.sink.buffer.GenerationEnd(7, 1L, 1, "full", TOPIC, 0, 2)), written.get(0).generationEnds());
        // an end alone makes a batch of its own, without rows
        keeping.put(List.of(GenerationRecords.end(TOPIC, 0, 3, 8, null, 1, "keys")));
        clock.advance(10_001);
        keeping.put(List.of());
        assertEquals(2, written.size());
        assertEquals(0, written.get(1).records());
        assertEquals(1, written.get(1).generationEnds().size());
        assertEquals(4L, commit(keeping).get(TP).offset());
        keeping.stop();
    }

    @Test
    void aSchemaChangeClosesTheBatch() {
        WarehouseSinkTask task = task(Map.of(), false);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), TestRecords.withEmail(TOPIC, 0, 1, 2, "b", "e", 2)));
        assertEquals(1, written.size());
        assertEquals(0L, written.get(0).firstRange().last());
        task.stop();
    }

    @Test
    void aBadRecordStopsTheTaskNamingItsCoordinatesWithoutADeadLetterQueue() {
        WarehouseSinkTask task = task(Map.of(), false);
        SinkRecord bad = new SinkRecord(TOPIC, 0, TestRecords.KEY, TestRecords.key(1), Schema.STRING_SCHEMA, "not a row", 7);
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(bad)));
        assertTrue(e.getMessage().contains(TOPIC + "-0@7"), e.getMessage());
        assertTrue(e.getMessage().contains("not a struct"), e.getMessage());
        task.stop();
    }

    @Test
    void aBadRecordGoesToTheReporterAndGoodOnesAreWritten() {
        WarehouseSinkTask task = task(Map.of(), true);
        SinkRecord noKey = new SinkRecord(TOPIC, 0, null, null, TestRecords.VALUE, TestRecords.row(9, "x"), 1,
                0L, TimestampType.CREATE_TIME);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), noKey, ours(TOPIC, 0, 2, 2, "b", 1, "r")));
        assertEquals(List.of(noKey), reported);
        clock.advance(10_001);
        assertEquals(3L, commit(task).get(TP).offset());
        assertEquals(1, written.size());
        assertEquals(2, written.get(0).records());
        assertEquals(3L, commit(task).get(TP).offset());
        task.stop();
    }

    @Test
    void stagingIsRetriedWithBoundedAttempts() {
        failuresBeforeSuccess = 2;
        WarehouseSinkTask task = task(Map.of(), false);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "a", 1, "r"), ours(TOPIC, 0, 2, 3, "a", 1, "r")));
        assertEquals(1, written.size());
        task.stop();

        failuresBeforeSuccess = 5;
        WarehouseSinkTask failing = task(Map.of(), false);
        ConnectException e = assertThrows(ConnectException.class, () -> failing.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"),
                ours(TOPIC, 0, 1, 2, "a", 1, "r"), ours(TOPIC, 0, 2, 3, "a", 1, "r"))));
        assertTrue(e.getMessage().contains("attempt 3 of 3"), e.getMessage());
        assertEquals(Map.of(), commit(failing));
        failing.stop();
    }

    @Test
    void redeliveredRecordsAreNotBufferedTwice() {
        WarehouseSinkTask task = task(Map.of(), false);
        SinkRecord a = ours(TOPIC, 0, 0, 1, "a", 1, "r");
        SinkRecord b = ours(TOPIC, 0, 1, 2, "b", 1, "r");
        task.put(List.of(a, b));
        task.put(List.of(a, b, ours(TOPIC, 0, 2, 3, "c", 1, "r")));
        assertEquals(3, written.get(0).records());
        task.stop();
    }

    @Test
    void aBatchLostToAFailedWriteFailsTheTaskAndNoOffsetPassesIt() {
        WarehouseSinkTask task = task(Map.of("flush.max.records", "100"), false);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "b", 1, "r")));
        clock.advance(20_000);
        assertEquals(2L, commit(task).get(TP).offset());
        task.put(List.of(ours(TOPIC, 0, 2, 3, "c", 1, "r"), ours(TOPIC, 0, 3, 4, "d", 1, "r")));
        failuresBeforeSuccess = 5; // S3 stays down longer than the retries
        clock.advance(20_000);
        assertEquals(2L, commit(task).get(TP).offset(), "the failed batch holds its offsets back");

        // Connect calls put again (whether or not it rewound): the task fails with the reason, for good
        ConnectException e = assertThrows(ConnectException.class, () -> task.put(List.of(ours(TOPIC, 0, 2, 3, "c", 1, "r"),
                ours(TOPIC, 0, 3, 4, "d", 1, "r"), ours(TOPIC, 0, 4, 5, "e", 1, "r"))));
        assertTrue(e.getMessage().contains("attempt 3 of 3"), e.getMessage());
        assertThrows(ConnectException.class, () -> task.put(List.of()));
        clock.advance(20_000);
        assertEquals(2L, commit(task).get(TP).offset(), "nothing past the lost batch, however often Connect asks");
        task.stop();
    }

    @Test
    void aBatchThatCannotBeClosedFailsTheTaskAndNoOffsetPassesIt() {
        WarehouseSinkTask task = task(Map.of("flush.max.records", "100"), false);
        task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "b", 1, "r")));
        diskFull = true; // the buffer's file cannot take the rest of the batch when it is closed
        clock.advance(20_000);
        assertEquals(Map.of(), commit(task), "the batch that could not be closed is not committed");
        assertThrows(ConnectException.class, () -> task.put(List.of(ours(TOPIC, 0, 0, 1, "a", 1, "r"), ours(TOPIC, 0, 1, 2, "b", 1, "r"),
                ours(TOPIC, 0, 2, 3, "c", 1, "r"))), "Connect rewound and redelivers: the task fails instead of skipping them");
        clock.advance(20_000);
        assertEquals(Map.of(), commit(task));
        assertEquals(0, written.size());
        task.stop();
    }

    /** Just enough of a worker's context: the errant record reporter, if any. */
    private static final class FakeContext implements SinkTaskContext {
        private final List<SinkRecord> reported;

        /** @param reported where reported records go; null: no dead-letter queue */
        FakeContext(List<SinkRecord> reported) {
            this.reported = reported;
        }

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            if (reported == null) {
                return null;
            }
            return (record, error) -> {
                reported.add(record);
                Future<Void> done = CompletableFuture.completedFuture(null);
                return done;
            };
        }

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
        public java.util.Set<TopicPartition> assignment() {
            return java.util.Set.of(TP);
        }

        @Override
        public void pause(TopicPartition... partitions) {
        }

        @Override
        public void resume(TopicPartition... partitions) {
        }

        @Override
        public void requestCommit() {
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            return null;
        }
    }
}
