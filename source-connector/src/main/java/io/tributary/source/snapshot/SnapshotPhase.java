package io.tributary.source.snapshot;

import io.tributary.source.LedgerRecords;
import io.tributary.source.PlanAnnouncer;
import io.tributary.source.TableSource;
import io.tributary.source.offsets.ChunkOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's snapshot work: its chunks, read one after the other. Before the first chunk of a table it
 * emits the table's plan to the ledger (so the plan is durable no later than any chunk checkpoint);
 * after the last row of a chunk it emits the chunk's "done" mark.
 */
public final class SnapshotPhase {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPhase.class);

    /** A chunk to read and the checkpoint to resume from (null: from its start). */
    public record ChunkJob(TableSource table, int chunk, ChunkOffset resumeFrom) {
    }

    private final Deque<ChunkJob> queue;
    private final String ledgerTopic;
    private final int taskId;
    private final PlanAnnouncer plans;
    private ChunkReader current;
    private long currentStarted;
    private String currentStartedAt;

    public SnapshotPhase(List<ChunkJob> jobs, String ledgerTopic, PlanAnnouncer plans, int taskId) {
        this.plans = plans;
        this.queue = new ArrayDeque<>(jobs);
        this.ledgerTopic = ledgerTopic;
        this.taskId = taskId;
    }

    public boolean finished() {
        return current == null && queue.isEmpty();
    }

    public int remainingChunks() {
        return queue.size() + (current == null ? 0 : 1);
    }

    /**
     * The reader to read from next, starting the next chunk if needed; {@code records} receives the
     * plan record when a table is first touched. Null when all chunks are read.
     */
    public ChunkReader current(List<SourceRecord> records) {
        if (current == null && !queue.isEmpty()) {
            ChunkJob job = queue.poll();
            plans.announce(job.table().plan(), records);
            current = new ChunkReader(job.table(), job.chunk(), job.resumeFrom());
            currentStarted = System.nanoTime();
            currentStartedAt = java.time.Instant.now().toString();
        }
        return current;
    }

    /** Closes the current chunk after its last row: the done mark goes into {@code records}. */
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

    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
