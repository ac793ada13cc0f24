package io.tributary.sink.engine;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.TruncateMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.WriteMode;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.BatchFiles;
import io.tributary.sink.buffer.TableBuffer;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.metrics.SinkMetrics;
import io.tributary.sink.record.ChangeEvent;
import io.tributary.sink.record.RecordNormalizer;
import io.tributary.sink.record.UnconvertibleRecordException;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The sink's work for one task, on the task's thread: normalizes records, streams them into one open
 * batch per table (per table and partition where the destination needs it), hands finished batches
 * (by count, size or age) to the background {@link FlushPipeline}, and knows which offsets are safe to
 * commit: only those of records whose batch is merged, or that needed no write ({@link OffsetTracker}).
 * While too many batches wait for the pipeline, it pauses the consumer instead of blocking, so poll()
 * stays within max.poll.interval.ms however slow the warehouse. A failure anywhere stops the engine:
 * every later put() throws it, and nothing past the lost batch is ever committed.
 */
public final class SinkEngine implements AutoCloseable {

    private record BufferKey(TableId table, int partition) {
    }

    /** A table's open batch and the ticket its records wait on. */
    private record OpenBatch(TableBuffer buffer, BatchTicket ticket) {
    }

    /** What the engine knows about one partition it has. */
    private static final class PartitionState {
        long nextOffset = -1;
        boolean readBack;
        long writtenThrough = -1;
    }

    private final WarehouseSinkConfig config;
    private final RecordNormalizer normalizer;
    private final TableRouter router;
    private final MetadataColumns metadata;
    private final FlushPipeline pipeline;
    private final DestinationWriter destination;
    private final Retrier retrier;
    private final DeadLetters deadLetters;
    private final SinkMetrics metrics;
    private final ConsumerControl consumer;
    private final Clock clock;
    private final CodecFactory codec;
    private final BatchFiles files;
    private final Backpressure backpressure;
    private final Map<BufferKey, OpenBatch> open = new LinkedHashMap<>();
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final OffsetTracker offsets = new OffsetTracker();
    private ConnectException failure;

    public SinkEngine(WarehouseSinkConfig config, FlushPipeline pipeline, DestinationWriter destination, Retrier retrier,
            ErrantRecordReporter reporter, SinkMetrics metrics, ConsumerControl consumer, Clock clock, BatchFiles files) {
        this.config = config;
        this.normalizer = new RecordNormalizer(config.keyFields(), config.writeMode() == WriteMode.MERGE, config.unavailableValuePlaceholder(),
                config.truncateMode() == TruncateMode.APPLY);
        this.router = new TableRouter(config.warehouseSchema(), config.tableNameFormat());
        this.metadata = MetadataColumns.withPrefix(config.metadataColumnPrefix(), config.softDeleteColumn());
        this.pipeline = pipeline;
        this.destination = destination;
        this.retrier = retrier;
        this.deadLetters = new DeadLetters(reporter);
        this.metrics = metrics;
        this.consumer = consumer;
        this.clock = clock;
        this.files = files;
        this.codec = "deflate".equals(config.stagingAvroCodec()) ? CodecFactory.deflateCodec(6) : CodecFactory.nullCodec();
        this.backpressure = new Backpressure(consumer, config.flushMaxInFlight());
    }

    public void put(Collection<SinkRecord> records) {
        throwIfFailed();
        try {
            for (SinkRecord record : records) {
                accept(record);
            }
            sealDue();
            pipeline.mergeDeferred(false);
        } catch (RuntimeException e) {
            failure = failure != null ? failure : e instanceof ConnectException c ? c : new ConnectException(e.getMessage(), e);
            throw failure;
        }
        throwIfFailed();
        backpressure.update(pipeline.pending());
    }

    /**
     * The offsets to commit: for each assigned partition, the offset after the last record that is
     * merged, skipped or acknowledged by the dead-letter queue, with every record before it. Also hands
     * batches that reached their age to the pipeline. Never throws for a failed write: the next put() does.
     */
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Set<TopicPartition> assigned) {
        if (failure == null && pipeline.failure() == null) {
            try {
                deadLetters.awaitAcknowledged();
                sealDue();
                pipeline.mergeDeferred(false);
                backpressure.update(pipeline.pending());
            } catch (RuntimeException e) {
                failure = failure != null ? failure : e instanceof ConnectException c ? c : new ConnectException(e.getMessage(), e);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        offsets.committable(assigned).forEach((tp, offset) -> out.put(tp, new OffsetAndMetadata(offset)));
        return out;
    }

    /**
     * Partitions taken away. Open batches holding any of their records are dropped (never merged, so
     * never committed: the new owner replays them); the other partitions of those batches are rewound
     * so their records come again. Batches already in the pipeline finish (writes are idempotent).
     */
    public void close(Collection<TopicPartition> revoked) {
        Set<TopicPartition> gone = new HashSet<>(revoked);
        Map<TopicPartition, Long> rewind = new HashMap<>();
        for (BufferKey key : new ArrayList<>(open.keySet())) {
            TableBuffer buffer = open.get(key).buffer();
            String topic = buffer.topic();
            boolean hit = buffer.ranges().keySet().stream().anyMatch(p -> gone.contains(new TopicPartition(topic, p)));
            if (!hit) {
                continue;
            }
            buffer.ranges().forEach((partition, range) -> {
                TopicPartition tp = new TopicPartition(topic, partition);
                if (!gone.contains(tp)) {
                    rewind.merge(tp, range.first(), Math::min);
                }
            });
            discard(key);
        }
        rewind.forEach((tp, offset) -> {
            offsets.truncate(tp, offset);
            PartitionState state = partitions.get(tp);
            if (state != null) {
                state.nextOffset = offset;
            }
        });
        for (TopicPartition tp : gone) {
            partitions.remove(tp);
            offsets.forget(tp);
        }
        if (!rewind.isEmpty()) {
            consumer.rewind(rewind);
        }
    }

    /** Drops every open batch and stops the pipeline (running writes may finish; nothing more is committed). */
    @Override
    public void close() {
        for (BufferKey key : new ArrayList<>(open.keySet())) {
            discard(key);
        }
        pipeline.shutdown(config.retryBackoff().toMillis() + 10_000L);
    }

    private void accept(SinkRecord record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        PartitionState state = partitions.computeIfAbsent(tp, k -> newPartitionState());
        long offset = record.kafkaOffset();
        if (offset < state.nextOffset) {
            return; // delivered again (a retried put): already taken
        }
        state.nextOffset = offset + 1;
        if (offset <= state.writtenThrough) {
            offsets.cover(tp, offset, BatchTicket.DONE); // in an object an earlier run staged
            return;
        }
        ChangeEvent event;
        try {
            event = normalizer.normalize(record);
        } catch (UnconvertibleRecordException e) {
            reject(tp, record, e);
            return;
        }
        if (event == null || (event.delete() && config.deleteMode() == DeleteMode.NONE) || skipsGenerations(event)) {
            offsets.cover(tp, offset, BatchTicket.DONE);
            return;
        }
        TableId table = router.table(record.topic());
        BufferKey key = new BufferKey(table, destination.batchPerPartition() ? tp.partition() : -1);
        OpenBatch batch = open.get(key);
        if (batch != null && !batch.buffer().accepts(event)) {
            seal(key);
            batch = null;
        }
        if (batch == null) {
            if (state.readBack && writtenBefore(state, table, record)) {
                offsets.cover(tp, offset, BatchTicket.DONE);
                return;
            }
            try {
                boolean merge = config.writeMode() == WriteMode.MERGE;
                TableBuffer buffer = event.isTableEvent()
                        ? TableBuffer.forTruncates(table, record.topic(), metadata, merge, config.bufferDir(), files, codec, clock.millis(),
                                destination.valueGuard())
                        : new TableBuffer(table, record.topic(), event.schema(), metadata, merge, config.bufferDir(), files, codec,
                                clock.millis(), destination.valueGuard());
                batch = new OpenBatch(buffer, new BatchTicket());
            } catch (UnconvertibleRecordException e) {
                reject(tp, record, e);
                return;
            }
            open.put(key, batch);
        }
        try {
            batch.buffer().add(event);
        } catch (UnconvertibleRecordException e) {
            reject(tp, record, e);
            return;
        }
        offsets.cover(tp, offset, batch.ticket());
        if (!event.isTableEvent()) {
            metrics.table(table).buffered(1);
        }
        if (full(batch.buffer())) {
            seal(key);
        }
    }

    /**
     * Key marks and ends of generations (re-snapshots, docs/sink.md) mean something only to a merge into
     * a warehouse that keeps generations; elsewhere (append mode, objects as output, ...) they are skipped.
     */
    private boolean skipsGenerations(ChangeEvent event) {
        return (event.isKeyMark() || event.isSnapshotEnd()) && !(config.writeMode() == WriteMode.MERGE && destination.keepsGenerations());
    }

    /** Whether an earlier run already staged the batch that this record starts (objects as output: replays skip them). */
    private boolean writtenBefore(PartitionState state, TableId table, SinkRecord record) {
        long timestamp = record.timestamp() == null ? -1 : record.timestamp();
        OptionalLong last = retrier.call("look for objects staged before for " + ChangeEvent.coordinates(record),
                () -> destination.alreadyWritten(table, record.topic(), record.kafkaPartition(), record.kafkaOffset(), timestamp));
        if (last.isEmpty()) {
            state.readBack = false; // past what earlier runs wrote: from here on, batches are new
            return false;
        }
        state.writtenThrough = last.getAsLong();
        return true;
    }

    private PartitionState newPartitionState() {
        PartitionState state = new PartitionState();
        state.readBack = destination.batchPerPartition();
        return state;
    }

    private void reject(TopicPartition tp, SinkRecord record, UnconvertibleRecordException e) {
        deadLetters.reject(record, e);
        offsets.cover(tp, record.kafkaOffset(), BatchTicket.DONE);
    }

    private boolean full(TableBuffer buffer) {
        return buffer.records() >= config.flushMaxRecords() || buffer.bytes() >= config.flushMaxBytes();
    }

    private void sealDue() {
        long now = clock.millis();
        for (BufferKey key : new ArrayList<>(open.keySet())) {
            TableBuffer buffer = open.get(key).buffer();
            if (full(buffer) || buffer.ageMs(now) >= config.flushIntervalMs()) {
                seal(key);
            }
        }
    }

    /** Closes a batch and hands it to the pipeline. A failure here (disk full) stops the engine. */
    private void seal(BufferKey key) {
        OpenBatch batch = open.remove(key);
        metrics.table(key.table()).buffered(-batch.buffer().records());
        Batch finished = batch.buffer().finish();
        if (finished.empty()) {
            batch.ticket().complete();
            finished.deleteFile();
            return;
        }
        pipeline.submit(finished, batch.ticket());
    }

    private void discard(BufferKey key) {
        OpenBatch batch = open.remove(key);
        metrics.table(key.table()).buffered(-batch.buffer().records());
        batch.buffer().discard();
    }

    private void throwIfFailed() {
        if (failure == null && pipeline.failure() != null) {
            failure = pipeline.failure();
        }
        if (failure != null) {
            throw failure;
        }
    }
}
