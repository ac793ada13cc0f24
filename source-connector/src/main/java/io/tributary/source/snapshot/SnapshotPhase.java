package io.tributary.source.snapshot;

import io.tributary.source.engine.Snapshot;
import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.table.LedgerRecords;
import io.tributary.source.table.TableSource;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's snapshot work: its chunks, read one after the other. After the last row of a chunk it
 * emits the chunk's "done" mark to the ledger (the tables' plans are durable before any chunk is
 * assigned: the connector hands out chunks only of plans it read from the offsets).
 */
public final class SnapshotPhase implements Snapshot {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPhase.class);

    /** A chunk to read and the checkpoint to resume from (null: from its start). */
    public record ChunkJob(TableSource table, int chunk, ChunkOffset resumeFrom) {
    }

    private final Deque<ChunkJob> queue;
    private final String ledgerTopic;
    private final int taskId;
    private ChunkReader current;
    private long currentStarted;
    private String currentStartedAt;

    public SnapshotPhase(List<ChunkJob> jobs, String ledgerTopic, int taskId) {
        this.queue = new ArrayDeque<>(jobs);
        this.ledgerTopic = ledgerTopic;
        this.taskId = taskId;
    }

    @Override
    public boolean finished() {
        queue.removeIf(job -> job.table().failed());
        return current == null && queue.isEmpty();
    }

    @Override
    public ChunkReader current() {
        while (!queue.isEmpty() && queue.peek().table().failed()) {
            queue.poll(); // its table is not read any more
        }
        if (current == null && !queue.isEmpty()) {
            ChunkJob job = queue.poll();
            current = new ChunkReader(job.table(), job.chunk(), job.resumeFrom());
            currentStarted = System.nanoTime();
            currentStartedAt = Instant.now().toString();
        }
        return current;
    }

    @Override
    public void finishCurrent(List<SourceRecord> records) {
        ChunkReader reader = current;
        long millis = (System.nanoTime() - currentStarted) / 1_000_000;
        records.add(LedgerRecords.chunkDone(ledgerTopic, reader.table().plan(), reader.chunk(), reader.doneOffset(),
                millis, taskId, currentStartedAt));
        LOG.info("Snapshot chunk done: table={} chunk={}/{} rows={} ms={} task={}", reader.table().name(), reader.chunk() + 1,
                reader.table().plan().chunkCount(), reader.rows(), millis, taskId);
        reader.table().metrics().chunkDone();
        if (queue.stream().noneMatch(job -> job.table() == reader.table())) {
            reader.table().metrics().phase("done");
        }
        reader.close();
        current = null;
    }

    @Override
    public void abandonCurrent() {
        ChunkReader reader = current;
        LOG.warn("Snapshot chunk abandoned: table={} chunk={}/{} task={} (the table is not read any more)", reader.table().name(),
                reader.chunk() + 1, reader.table().plan().chunkCount(), taskId);
        reader.close();
        current = null;
        queue.removeIf(job -> job.table().failed());
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
