package io.tributary.source.log;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.LogSettings;
import io.tributary.source.config.TableFilter;
import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.LogSupport;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.engine.SqlSession;
import io.tributary.source.engine.Streaming;
import io.tributary.source.metrics.LogStreamMetrics;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.LogStart;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.table.LedgerRecords;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log stream of log mode, run by one task: Debezium's reader of the database's log runs inside
 * it, with no snapshot of its own, and each change of a captured table becomes our record
 * ({@link LogRecordConverter}). Offsets: the reader's own, under our log partition; it resumes from what
 * Connect committed and confirms to the database (its replication slot, where it has one) only that, on {@link #commit}.
 * When only heartbeats and uncaptured changes were read for a while, a ledger record carries the offset
 * so it still commits. The ledger also gets the stream's status (position, lag, retained WAL) now and then.
 */
public final class LogStream implements Streaming {

    private static final Logger LOG = LoggerFactory.getLogger(LogStream.class);

    private final LogSupport log;
    private final LogSettings settings;
    private final SqlSession session;
    private final String ledgerTopic;
    private final Map<String, Object> partition;
    private final LogStreamMetrics metrics;
    private final SourceTask inner;
    private final LogRecordConverter converter;
    private Map<String, ?> lastOffset;
    private boolean offsetPending;
    private long lastEmitMs = System.currentTimeMillis();
    private long lastStatusMs;

    private LogStream(LogSupport log, LogSettings settings, SqlSession session, String ledgerTopic, Map<String, Object> partition,
            LogStreamMetrics metrics, SourceTask inner, LogRecordConverter converter) {
        this.log = log;
        this.settings = settings;
        this.session = session;
        this.ledgerTopic = ledgerTopic;
        this.partition = partition;
        this.metrics = metrics;
        this.inner = inner;
        this.converter = converter;
    }

    /**
     * Starts Debezium's reader where the stream must start: from the committed offset, else (first start)
     * from the database's replication slot (where it has one) or the smallest log start of {@code tables}' plans.
     *
     * @param tables the tables with a stored plan in log mode
     * @param alsoReadsChunks whether the task reads snapshot chunks between log polls (shorter log polls)
     */
    public static LogStream start(ChunkedJdbcSourceConfig config, SourceDialect dialect, SqlSession session,
            SourceTaskContext context, String connectorName, List<String> tables, boolean alsoReadsChunks) throws InterruptedException {
        LogSupport log = dialect.log().orElseThrow(() -> new ConnectException(dialect.name() + " has no log mode"));
        LogSettings settings = config.log(connectorName);
        String server = config.topicPrefix();
        Map<String, Object> partition = SourcePartitions.log(server);
        boolean fresh = context.offsetStorageReader().offset(partition) == null;
        List<LogStart> starts = new ArrayList<>();
        for (String table : tables) {
            TablePlan plan = TablePlan.fromMap(context.offsetStorageReader().offset(SourcePartitions.plan(table)));
            if (plan != null && plan.logMode()) {
                starts.add(plan.logStart());
            }
        }
        session.call((connection, reconnected) -> {
            log.checkStart(connection, settings, fresh, starts);
            return null;
        });
        session.endTransaction();
        Map<String, Object> initial = fresh ? log.initialOffset(starts) : null;
        UnchangedValues unchanged = new UnchangedValues();
        Map<String, String> props = properties(config, log, settings, connectorName, fresh, unchanged, alsoReadsChunks);
        SourceTask inner = log.newTask();
        inner.initialize(new InnerTaskContext(props, new LogOffsetReader(context.offsetStorageReader(), server, initial),
                context.pluginMetrics()));
        inner.start(props);
        LogTables logTables = new LogTables(dialect, session, context.offsetStorageReader(),
                TableRules.parse(ChunkedJdbcSourceConfig.KEY_COLUMNS, config.keyColumns()), config.topicPrefix(),
                config.schemaSourceTypes());
        LogRecordConverter converter = new LogRecordConverter(log, logTables,
                new TableFilter(config.tableIncludeList(), config.tableExcludeList()), unchanged, partition,
                new LogGenerations(context.offsetStorageReader(), config.tableMonitorIntervalMs(), System::currentTimeMillis));
        LOG.info("Log stream of {} started ({}; {}; {} planned table(s))", connectorName, dialect.name(),
                fresh ? "first start: from " + (initial == null ? "the slot " + settings.slotName() : "the earliest log start "
                        + initial) : "from the committed offset", starts.size());
        return new LogStream(log, settings, session, config.ledgerTopic(), partition, new LogStreamMetrics(connectorName), inner,
                converter);
    }

    private static Map<String, String> properties(ChunkedJdbcSourceConfig config, LogSupport log, LogSettings settings,
            String connectorName, boolean fresh, UnchangedValues unchanged, boolean alsoReadsChunks) {
        Map<String, String> connection = new LinkedHashMap<>();
        connection.put("url", config.connectionUrl());
        connection.put("user", config.connectionUser());
        connection.put("password", config.connectionPassword() == null ? "" : config.connectionPassword().value());
        Map<String, String> props = new LinkedHashMap<>();
        props.put("name", connectorName + "-log");
        props.put("topic.prefix", config.topicPrefix());
        props.put("tasks.max", "1");
        props.put("tombstones.on.delete", "false");
        props.put("skipped.operations", "none");
        props.put("provide.transaction.metadata", "false");
        props.put("binary.handling.mode", "bytes");
        props.put("decimal.handling.mode", "string"); // plain text as stored: precise strips a numeric's trailing zeros
        props.put("time.precision.mode", "adaptive_time_microseconds");
        props.put("event.processing.failure.handling.mode", "fail");
        props.put("unavailable.value.placeholder", unchanged.placeholder());
        props.put("heartbeat.interval.ms", Long.toString(settings.heartbeatIntervalMs()));
        props.put("max.batch.size", Integer.toString(config.batchMaxRows()));
        props.put("max.queue.size", Integer.toString(Math.max(8_192, 4 * config.batchMaxRows())));
        props.put("poll.interval.ms", alsoReadsChunks ? "100" : "500");
        if (!config.tableIncludeList().isEmpty()) {
            props.put("table.include.list", String.join(",", config.tableIncludeList()));
        }
        if (!config.tableExcludeList().isEmpty()) {
            props.put("table.exclude.list", String.join(",", config.tableExcludeList()));
        }
        props.putAll(log.taskProperties(connection, settings, config.topicPrefix(), fresh));
        return props;
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> events;
        try {
            events = inner.poll();
        } catch (RetriableException e) {
            LOG.warn("Log stream: the reader stopped and restarts itself: {}", e.getMessage());
            return List.of();
        }
        List<SourceRecord> out = new ArrayList<>();
        long now = System.currentTimeMillis();
        if (events == null || events.isEmpty()) {
            metrics.caughtUp();
        } else {
            for (SourceRecord event : events) {
                LogRecordConverter.Converted converted = converter.convert(event);
                lastOffset = event.sourceOffset();
                if (converted == null) {
                    offsetPending = true;
                    continue;
                }
                out.addAll(converted.records());
                offsetPending = false;
                metrics.changed(converted.position(), converted.commitMillis(), now);
            }
        }
        boolean statusDue = now - lastStatusMs >= settings.walCheckIntervalMs();
        boolean heartbeatDue = offsetPending && now - lastEmitMs >= settings.heartbeatIntervalMs();
        if ((statusDue || heartbeatDue) && lastOffset != null) {
            out.add(LedgerRecords.logStatus(ledgerTopic, partition, lastOffset, status(statusDue)));
            offsetPending = false;
            if (statusDue) {
                lastStatusMs = now;
            }
        }
        if (!out.isEmpty()) {
            lastEmitMs = now;
        }
        return out;
    }

    private Map<String, Object> status(boolean measureWal) throws InterruptedException {
        if (measureWal) {
            OptionalLong retained = session.call((connection, fresh) -> log.retainedBytes(connection, settings));
            session.endTransaction();
            if (retained.isPresent()) {
                metrics.retainedWal(retained.getAsLong());
                if (retained.getAsLong() > settings.walWarnBytes()) {
                    LOG.warn("Replication slot {} keeps {} bytes of WAL (log.wal.warn.bytes={}): the stream is behind, or stopped;"
                            + " a slot no connector reads fills the disk (docs/operations.md)", settings.slotName(),
                            retained.getAsLong(), settings.walWarnBytes());
                }
            }
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("position", metrics.getLastPosition());
        status.put("behind_ms", metrics.getMilliSecondsBehindSource());
        status.put("retained_wal_bytes", metrics.getRetainedWalBytes());
        status.put("changes", metrics.getChangesEmitted());
        return status;
    }

    @Override
    public void commit() throws InterruptedException {
        inner.commit(); // Debezium confirms the committed offset to the database on its next poll
    }

    @Override
    public void close() {
        try {
            inner.stop();
        } finally {
            metrics.close();
        }
    }
}
