package io.tributary.sink.engine;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.WriteMode;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.TableBuffer;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.metrics.SinkMetrics;
import io.tributary.sink.metrics.TableMetrics;
import io.tributary.sink.record.ChangeEvent;
import io.tributary.sink.record.RecordNormalizer;
import io.tributary.sink.record.UnconvertibleRecordException;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.file.CodecFactory;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The sink's work for one task: normalizes records, streams them into one batch per topic
 * partition (for its table), flushes batches by count, size or age through the
 * {@link FlushPipeline}, and knows which offsets are safe to commit: only those of records whose
 * batch was merged, or that were skipped or reported to the dead-letter queue.
 */
public final class SinkEngine implements AutoCloseable {

    private final WarehouseSinkConfig config;
    private final RecordNormalizer normalizer;
    private final TableRouter router;
    private final MetadataColumns metadata;
    private final FlushPipeline pipeline;
    private final ErrantRecordReporter reporter;
    private final SinkMetrics metrics;
    private final Clock clock;
    private final Path bufferDir;
    private final CodecFactory codec;
    private final ValueGuard guard;
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private final List<Future<Void>> pendingReports = new ArrayList<>();
    private ConnectException deadLetterFailure;

    /** What the engine knows about one assigned partition. */
    private static final class PartitionState {
        TableBuffer buffer;
        long lastSeen = -1;
        long committable = -1;
    }

    /** @param guard the destination's {@link ValueGuard}: a value it refuses fails only its record */
    public SinkEngine(WarehouseSinkConfig config, FlushPipeline pipeline, ErrantRecordReporter reporter,
            SinkMetrics metrics, Clock clock, ValueGuard guard) {
        this.config = config;
        this.guard = guard;
        this.normalizer = new RecordNormalizer(config.keyFields(), config.writeMode() == WriteMode.MERGE);
        this.router = new TableRouter(config.warehouseSchema(), config.tableNameFormat());
        this.metadata = MetadataColumns.withPrefix(config.metadataColumnPrefix(), config.softDeleteColumn());
        this.pipeline = pipeline;
        this.reporter = reporter;
        this.metrics = metrics;
        this.clock = clock;
        this.bufferDir = config.bufferDir();
        this.codec = "deflate".equals(config.stagingAvroCodec()) ? CodecFactory.deflateCodec(6) : CodecFactory.nullCodec();
    }

    public void put(Collection<SinkRecord> records) {
        if (deadLetterFailure != null) {
            throw deadLetterFailure; // records were neither written nor reported: stop rather than skip them
        }
        for (SinkRecord record : records) {
            accept(record);
        }
        flushDue();
    }

    /** Flushes every batch that reached its record count, size or age. */
    public void flushDue() {
        long now = clock.millis();
        for (PartitionState state : partitions.values()) {
            TableBuffer buffer = state.buffer;
            if (buffer != null && !buffer.isEmpty() && (buffer.records() >= config.flushMaxRecords()
                    || buffer.bytes() >= config.flushMaxBytes() || buffer.ageMs(now) >= config.flushIntervalMs())) {
                flush(state);
            }
        }
    }

    /**
     * The offsets to commit: for each assigned partition, the offset after the last record that is
     * merged, skipped or reported. Waits for the dead-letter queue to acknowledge reported records.
     */
    public Map<TopicPartition, OffsetAndMetadata> committableOffsets(Set<TopicPartition> assigned) {
        awaitReports();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach((tp, state) -> {
            if (state.committable >= 0 && assigned.contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(state.committable));
            }
        });
        return offsets;
    }

    /** Partitions taken away: their open batches are dropped (not merged, so not committed; the new owner replays them). */
    public void close(Collection<TopicPartition> revoked) {
        for (TopicPartition tp : revoked) {
            PartitionState state = partitions.remove(tp);
            if (state != null && state.buffer != null) {
                discard(state);
            }
        }
    }

    @Override
    public void close() {
        close(new ArrayList<>(partitions.keySet()));
    }

    private void accept(SinkRecord record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.kafkaPartition());
        PartitionState state = partitions.computeIfAbsent(tp, k -> new PartitionState());
        if (record.kafkaOffset() <= state.lastSeen) {
            return; // redelivered after a retriable error: already in the open batch
        }
        state.lastSeen = record.kafkaOffset();
        ChangeEvent event;
        try {
            event = normalizer.normalize(record);
        } catch (UnconvertibleRecordException e) {
            reject(state, record, e);
            return;
        }
        if (event == null || (event.delete() && config.deleteMode() == DeleteMode.NONE)) {
            skip(state, record);
            return;
        }
        TableId table = router.table(record.topic());
        if (state.buffer != null && !state.buffer.accepts(event)) {
            flush(state);
        }
        try {
            if (state.buffer == null) {
                state.buffer = new TableBuffer(table, tp, event.schema(), metadata, config.writeMode() == WriteMode.MERGE,
                        bufferDir, codec, clock.millis(), guard);
            }
            state.buffer.add(event);
            metrics.table(table).buffered(1);
        } catch (UnconvertibleRecordException e) {
            reject(state, record, e);
            return;
        }
        if (state.buffer.records() >= config.flushMaxRecords() || state.buffer.bytes() >= config.flushMaxBytes()) {
            flush(state);
        }
    }

    private void reject(PartitionState state, SinkRecord record, UnconvertibleRecordException e) {
        String reason = "Cannot write " + ChangeEvent.coordinates(record) + ": " + e.getMessage();
        if (reporter == null) {
            throw new ConnectException(reason + " (set errors.tolerance=all and errors.deadletterqueue.topic.name to send such records to a dead-letter queue)", e);
        }
        pendingReports.add(reporter.report(record, new UnconvertibleRecordException(reason, e)));
        skip(state, record);
    }

    private void skip(PartitionState state, SinkRecord record) {
        if (state.buffer != null) {
            state.buffer.cover(record.kafkaOffset(), record.timestamp());
        } else {
            state.committable = record.kafkaOffset() + 1;
        }
    }

    private void flush(PartitionState state) {
        TableBuffer buffer = state.buffer;
        state.buffer = null;
        Batch batch = buffer.finish();
        TableMetrics tableMetrics = metrics.table(batch.table());
        try {
            if (batch.records() > 0) {
                tableMetrics.buffered(-batch.records());
                pipeline.flush(batch, tableMetrics);
            }
            state.committable = batch.lastOffset() + 1;
        } catch (RuntimeException e) {
            // The batch is gone: the records Kafka sends again (after a rewind or a retried put) must
            // be taken again, not skipped as "already buffered".
            state.lastSeen = state.committable - 1;
            throw e;
        } finally {
            deleteQuietly(batch.file());
        }
    }

    private void discard(PartitionState state) {
        metrics.table(state.buffer.batchTable()).buffered(-state.buffer.records());
        state.buffer.discard();
        state.buffer = null;
    }

    private void awaitReports() {
        for (Future<Void> report : pendingReports) {
            try {
                report.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while waiting for the dead-letter queue", e);
            } catch (ExecutionException e) {
                pendingReports.clear();
                deadLetterFailure = new ConnectException("Could not send a record to the dead-letter queue: "
                        + e.getCause().getMessage(), e.getCause());
                throw deadLetterFailure;
            }
        }
        pendingReports.clear();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temp file is harmless
        }
    }
}
