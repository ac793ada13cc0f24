package io.tributary.source;

import io.tributary.common.Version;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.engine.SourceEngine;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.jdbc.RetryingConnection;
import io.tributary.source.log.LogStream;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.snapshot.Throttle;
import io.tributary.source.task.TaskWorkLoader;
import io.tributary.source.work.TaskAssignment;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Lifecycle adapter for one source task: it turns its assignment into work ({@link TaskWorkLoader})
 * and hands every poll to the {@link SourceEngine}.
 */
public class ChunkedJdbcSourceTask extends SourceTask {

    private SourceEngine engine;
    private List<SourceTableMetrics> metrics = List.of();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ChunkedJdbcSourceConfig config = new ChunkedJdbcSourceConfig(props);
        int taskId = Integer.parseInt(props.getOrDefault(ChunkedJdbcSourceConnector.TASK_ID, "0"));
        TaskAssignment assignment = TaskAssignment.fromJson(props.get(TaskAssignment.CONFIG_KEY));
        SourceDialect dialect = SourceDialects.forUrl(config.connectionUrl());
        JdbcConnections connections = new JdbcConnections(config);
        RetryingConnection snapshotSession = new RetryingConnection(connections, config.retryAttempts(), config.retryBackoffMs(),
                "Snapshot of task " + taskId);
        RetryingConnection incrementalSession = new RetryingConnection(connections, config.retryAttempts(), config.retryBackoffMs(),
                "Incremental polling of task " + taskId);
        String connectorName = props.getOrDefault("name", "tributary-source");
        TaskWorkLoader loader = new TaskWorkLoader(config, dialect, context.offsetStorageReader(), taskId, connectorName);
        try {
            TaskWorkLoader.Work work = snapshotSession.call((connection, fresh) -> loader.load(connection, assignment));
            snapshotSession.endTransaction();
            metrics = work.metrics();
            engine = new SourceEngine(work.planning(), work.markers(), work.snapshot(), work.incremental(), snapshotSession,
                    incrementalSession,
                    new SourceEngine.Limits(config.fetchSize(), config.batchMaxRows(), new Throttle(config.snapshotMaxRowsPerSecond())),
                    context.transactionContext(), SourceEngine.Clock.SYSTEM);
            if (assignment.streamsLog()) {
                // in log mode nothing is polled by cursor: the log stream uses that session
                engine.stream(LogStream.start(config, dialect, incrementalSession, context, connectorName, assignment.logTables(),
                        !assignment.tables().isEmpty()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            snapshotSession.close();
            incrementalSession.close();
            throw new ConnectException("interrupted while starting task " + taskId, e);
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        return engine.poll();
    }

    /** Connect committed the offsets of the records polled so far: the log may be confirmed up to them. */
    @Override
    public void commit() throws InterruptedException {
        if (engine != null) {
            engine.commit();
        }
    }

    @Override
    public void stop() {
        metrics.forEach(SourceTableMetrics::close);
        if (engine != null) {
            engine.close();
        }
    }
}
