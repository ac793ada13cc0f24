package io.tributary.source.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * A source task's work, one {@link #poll} at a time: first the tables it must plan, then the
 * end-of-snapshot markers it was handed, then its snapshot chunks (a chunk is a streamed query, opened
 * again on a fresh connection after a lost one and resumed after its last row), then its incremental
 * tables, each polled when due; a table polled while chunks are read (a re-snapshot) is polled in turn
 * with the chunks. With
 * connector-defined transactions (exactly-once), a plan, a chunk or an incremental page is one
 * transaction, unless a chunk takes so long that the producer's transaction timeout is near.
 */
public final class SourceEngine implements AutoCloseable {

    /** Half the producer's default transaction.timeout.ms (60 s). */
    static final long MAX_TRANSACTION_NANOS = 30_000_000_000L;
    private static final long IDLE_SLEEP_MS = 1_000L;

    /** How the engine reads time and waits; tests pass their own. */
    public interface Clock {
        Clock SYSTEM = new Clock() {
        };

        default long millis() {
            return System.currentTimeMillis();
        }

        default long nanos() {
            return System.nanoTime();
        }

        default void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    }

    /** The task's limits: rows per fetch and per poll, and the snapshot's rate. */
    public record Limits(int fetchSize, int batchMaxRows, Throttle throttle) {
    }

    /** Keeps a reader at or below a rate of rows per second, by sleeping between batches. */
    @FunctionalInterface
    public interface Throttle {
        Throttle NONE = rows -> { };

        void acquire(int rows) throws InterruptedException;
    }

    private final Planning planning;
    private final Snapshot snapshot;
    private final Incremental incremental;
    private final SqlSession snapshotSession;
    private final SqlSession incrementalSession;
    private final Limits limits;
    private final TransactionContext transactions;
    private final Clock clock;
    private final Markers markers;
    private Streaming streaming;
    private boolean streamTurn;
    private boolean pollTurn;
    private Snapshot.Chunk openChunk;
    private long transactionStarted;

    /**
     * @param transactions the worker's transaction context (exactly-once source), or null
     */
    public SourceEngine(Planning planning, Snapshot snapshot, Incremental incremental, SqlSession snapshotSession,
            SqlSession incrementalSession, Limits limits, TransactionContext transactions, Clock clock) {
        this(planning, Markers.NONE, snapshot, incremental, snapshotSession, incrementalSession, limits, transactions, clock);
    }

    /**
     * @param markers the end-of-snapshot markers to send
     * @param transactions the worker's transaction context (exactly-once source), or null
     */
    public SourceEngine(Planning planning, Markers markers, Snapshot snapshot, Incremental incremental, SqlSession snapshotSession,
            SqlSession incrementalSession, Limits limits, TransactionContext transactions, Clock clock) {
        this.planning = planning;
        this.markers = markers;
        this.snapshot = snapshot;
        this.incremental = incremental;
        this.snapshotSession = snapshotSession;
        this.incrementalSession = incrementalSession;
        this.limits = limits;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Gives the engine the log stream (log mode, in the task that runs it); polled in turn with the other work. */
    public void stream(Streaming log) {
        this.streaming = log;
    }

    /** Connect committed the offsets of the records polled so far. */
    public void commit() throws InterruptedException {
        if (streaming != null) {
            streaming.commit();
        }
    }

    /** The next records, or null after waiting a while when there is nothing to do now. */
    public List<SourceRecord> poll() throws InterruptedException {
        if (streaming != null) {
            boolean otherWork = planning.due(clock.millis()) || markers.due(clock.millis()) || !snapshot.finished()
                    || !incremental.isEmpty();
            if (streamTurn || !otherWork) {
                streamTurn = false;
                List<SourceRecord> changes = streaming.poll();
                if (!changes.isEmpty()) {
                    commitTransactionAt(changes.get(changes.size() - 1));
                    return changes;
                }
                if (!otherWork) {
                    return null; // the stream's poll waited already
                }
            }
            streamTurn = true;
        }
        long now = clock.millis();
        if (planning.due(now)) {
            List<SourceRecord> records = snapshotSession.call((connection, fresh) -> planning.planNext(connection, now));
            snapshotSession.endTransaction();
            if (!records.isEmpty()) {
                commitTransactionAt(records.get(records.size() - 1));
                return records;
            }
            return null;
        }
        if (markers.due(now)) {
            List<SourceRecord> records = markers.next(now);
            if (!records.isEmpty()) {
                commitTransactionAt(records.get(records.size() - 1));
                return records;
            }
            return null;
        }
        if (!snapshot.finished()) {
            if (pollTurn && !incremental.isEmpty()) {
                pollTurn = false;
                List<SourceRecord> rows = pollDueTable();
                if (rows != null) {
                    return rows;
                }
            }
            pollTurn = true;
            return pollSnapshot();
        }
        if (!incremental.isEmpty()) {
            return pollIncremental();
        }
        clock.sleep(IDLE_SLEEP_MS); // nothing (left) to do until the connector hands out new work
        return null;
    }

    private List<SourceRecord> pollSnapshot() throws InterruptedException {
        Snapshot.Chunk chunk = snapshot.current();
        long started = clock.nanos();
        List<SourceRecord> records = new ArrayList<>(snapshotSession.call((connection, fresh) -> {
            if (fresh || openChunk != chunk) {
                chunk.open(connection, limits.fetchSize());
                openChunk = chunk;
            }
            return chunk.read(limits.batchMaxRows());
        }));
        if (chunk.abandoned()) {
            snapshot.abandonCurrent();
            snapshotSession.endTransaction();
            openChunk = null;
            return null;
        }
        chunk.measured(records.size(), clock.nanos() - started);
        limits.throttle().acquire(records.size());
        if (chunk.exhausted()) {
            snapshot.finishCurrent(records);
            snapshotSession.endTransaction();
            openChunk = null;
            commitTransactionAt(records.get(records.size() - 1));
        } else if (transactions != null && !records.isEmpty()) {
            // every row's offset is a resume point: a chunk that reads for long commits where it is
            if (transactionStarted == 0) {
                transactionStarted = clock.nanos();
            } else if (clock.nanos() - transactionStarted > MAX_TRANSACTION_NANOS) {
                commitTransactionAt(records.get(records.size() - 1));
            }
        }
        return records;
    }

    private List<SourceRecord> pollIncremental() throws InterruptedException {
        List<SourceRecord> rows = pollDueTable();
        if (rows != null) {
            return rows;
        }
        clock.sleep(Math.min(incremental.millisUntilDue(clock.millis()), IDLE_SLEEP_MS));
        return null;
    }

    /** A page of the next table due for polling; null when none is due or it had no changes. */
    private List<SourceRecord> pollDueTable() throws InterruptedException {
        Incremental.Poller poller = incremental.nextDue(clock.millis());
        if (poller == null) {
            return null;
        }
        List<SourceRecord> rows = incrementalSession.call((connection, fresh) -> poller.poll(connection, limits.batchMaxRows()));
        poller.measured(rows.size());
        incremental.polled(poller, rows.size(), limits.batchMaxRows(), clock.millis());
        if (rows.isEmpty()) {
            return null;
        }
        commitTransactionAt(rows.get(rows.size() - 1));
        return rows;
    }

    private void commitTransactionAt(SourceRecord record) {
        if (transactions != null) {
            transactions.commitTransaction(record);
            transactionStarted = 0;
        }
    }

    @Override
    public void close() {
        if (streaming != null) {
            streaming.close();
        }
        snapshot.close();
        snapshotSession.close();
        incrementalSession.close();
    }
}
