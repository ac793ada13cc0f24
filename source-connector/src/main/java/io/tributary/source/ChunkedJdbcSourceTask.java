package io.tributary.source;

import io.tributary.common.Version;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.incremental.CursorPoller;
import io.tributary.source.incremental.IncrementalPhase;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.snapshot.ChunkReader;
import io.tributary.source.snapshot.SnapshotPhase;
import io.tributary.source.snapshot.Throttle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * Lifecycle adapter for one source task: it reads its snapshot chunks first, then polls its
 * incremental tables. The work itself lives in {@link SnapshotPhase}/{@link ChunkReader} and
 * {@link IncrementalPhase}/{@link CursorPoller}; the connection that survives outages in
 * {@link RetryingConnection}.
 */
public class ChunkedJdbcSourceTask extends SourceTask {

    /** Half the producer's default transaction.timeout.ms (60 s). */
    private static final long MAX_TRANSACTION_NANOS = 30_000_000_000L;

    private ChunkedJdbcSourceConfig config;
    private RetryingConnection snapshotConnection;
    private RetryingConnection incrementalConnection;
    private SnapshotPhase snapshot;
    private IncrementalPhase incremental;
    private PlanAnnouncer plans;
    private ChunkReader openReader;
    private TransactionContext transactions;
    private Throttle throttle;
    private long transactionStarted;
    private List<SourceTableMetrics> metrics = List.of();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ChunkedJdbcSourceConfig(props);
        int taskId = Integer.parseInt(props.getOrDefault(ChunkedJdbcSourceConnector.TASK_ID, "0"));
        TaskAssignment assignment = TaskAssignment.fromJson(props.get(TaskAssignment.CONFIG_KEY));
        SourceDialect dialect = SourceDialects.forUrl(config.connectionUrl());
        JdbcConnections connections = new JdbcConnections(config);
        snapshotConnection = new RetryingConnection(connections, config.retryAttempts(), config.retryBackoffMs(),
                "Snapshot of task " + taskId);
        incrementalConnection = new RetryingConnection(connections, config.retryAttempts(), config.retryBackoffMs(),
                "Incremental polling of task " + taskId);
        transactions = context.transactionContext();
        throttle = new Throttle(config.snapshotMaxRowsPerSecond());
        try {
            TaskWorkLoader loader = new TaskWorkLoader(config, dialect, context.offsetStorageReader(), taskId,
                    props.getOrDefault("name", "tributary-source"));
            TaskWorkLoader.Work work = snapshotConnection.call((connection, fresh) -> loader.load(connection, assignment));
            snapshot = work.snapshot();
            incremental = work.incremental();
            plans = work.plans();
            metrics = work.metrics();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("interrupted while starting task " + taskId, e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (!snapshot.finished()) {
            return pollSnapshot();
        }
        if (!incremental.isEmpty()) {
            long now = System.currentTimeMillis();
            CursorPoller poller = incremental.nextDue(now);
            if (poller != null) {
                // In mode=incremental no chunk writes the plan (its watermark): the first poll does.
                List<SourceRecord> records = new ArrayList<>();
                plans.announce(poller.table().plan(), records);
                List<SourceRecord> rows = incrementalConnection.call((connection, fresh) -> poller.poll(connection, config.batchMaxRows()));
                poller.table().metrics().incrementalRead(rows.size());
                incremental.polled(poller, rows.size(), config.batchMaxRows(), System.currentTimeMillis());
                records.addAll(rows);
                if (!records.isEmpty()) {
                    commitTransactionAt(records.get(records.size() - 1));
                    return records;
                }
            }
            Thread.sleep(Math.min(incremental.millisUntilDue(System.currentTimeMillis()), 1_000L));
            return null;
        }
        // Nothing (left) to do until the connector hands out new work.
        Thread.sleep(1_000L);
        return null;
    }

    private List<SourceRecord> pollSnapshot() throws InterruptedException {
        List<SourceRecord> records = new ArrayList<>();
        ChunkReader reader = snapshot.current(records);
        long started = System.nanoTime();
        List<SourceRecord> rows = snapshotConnection.call((connection, fresh) -> {
            if (fresh || openReader != reader) {
                reader.open(connection, config.fetchSize());
                openReader = reader;
            }
            return reader.read(config.batchMaxRows());
        });
        records.addAll(rows);
        reader.table().metrics().snapshotRead(rows.size(), System.nanoTime() - started);
        throttle.acquire(rows.size());
        if (reader.exhausted()) {
            snapshot.finishCurrent(records);
            snapshotConnection.endTransaction();
            openReader = null;
            commitTransactionAt(records.get(records.size() - 1));
        } else if (transactions != null && !records.isEmpty()) {
            // A chunk is one transaction, unless reading it takes long enough to risk the producer's
            // transaction.timeout.ms: then commit where we are (every row's offset is a resume point).
            if (transactionStarted == 0) {
                transactionStarted = System.nanoTime();
            } else if (System.nanoTime() - transactionStarted > MAX_TRANSACTION_NANOS) {
                commitTransactionAt(records.get(records.size() - 1));
            }
        }
        return records;
    }

    /** With connector-defined transactions (exactly-once), a chunk or an incremental page is one transaction. */
    private void commitTransactionAt(SourceRecord record) {
        if (transactions != null) {
            transactions.commitTransaction(record);
            transactionStarted = 0;
        }
    }

    @Override
    public void stop() {
        metrics.forEach(SourceTableMetrics::close);
        if (snapshot != null) {
            snapshot.close();
        }
        if (snapshotConnection != null) {
            snapshotConnection.close();
        }
        if (incrementalConnection != null) {
            incrementalConnection.close();
        }
    }
}
