package io.tributary.source.task;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.SourceMode;
import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.generation.AdminTopicLayouts;
import io.tributary.source.generation.EndMarkers;
import io.tributary.source.incremental.CursorPoller;
import io.tributary.source.incremental.IncrementalPhase;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.offsets.ChunkOffset;
import io.tributary.source.offsets.IncrementalOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.TableId;
import io.tributary.source.snapshot.SnapshotPhase;
import io.tributary.source.table.PlanColumnMissingException;
import io.tributary.source.table.TableShapes;
import io.tributary.source.table.TableSource;
import io.tributary.source.work.TaskAssignment;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a task's assignment into work: the tables to plan; for the others, their plans read from the
 * offsets (where they are durable before the connector hands out any of their work), each table
 * described and checked against its plan's columns (in cursor mode a table whose key, cursor or
 * soft-delete column is gone is left out, at ERROR), and the checkpoints read so that finished chunks are skipped and
 * half-read ones resume after their last key.
 */
public final class TaskWorkLoader {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWorkLoader.class);

    /** What a task does, phase by phase, and the metrics of its tables. */
    public record Work(PlanningPhase planning, EndMarkers markers, SnapshotPhase snapshot, IncrementalPhase incremental,
            List<SourceTableMetrics> metrics) {
    }

    private final ChunkedJdbcSourceConfig config;
    private final SourceDialect dialect;
    private final OffsetStorageReader offsets;
    private final int taskId;
    private final TableRules softDeleteRules;
    private final String connectorName;
    private final TableShapes shapes;
    private final List<SourceTableMetrics> failedMetrics = new ArrayList<>();

    public TaskWorkLoader(ChunkedJdbcSourceConfig config, SourceDialect dialect, OffsetStorageReader offsets, int taskId,
            String connectorName) {
        this.connectorName = connectorName;
        this.config = config;
        this.dialect = dialect;
        this.offsets = offsets;
        this.taskId = taskId;
        this.shapes = new TableShapes(dialect, config.topicPrefix(), config.schemaSourceTypes(), config.tableMonitorIntervalMs());
        this.softDeleteRules = TableRules.parse(ChunkedJdbcSourceConfig.SOFT_DELETE_COLUMNS, config.softDeleteColumns());
    }

    public Work load(Connection connection, TaskAssignment assignment) throws SQLException {
        List<PlanningPhase.Target> toPlan = new ArrayList<>();
        List<EndMarkers.Job> markers = new ArrayList<>();
        List<SnapshotPhase.ChunkJob> jobs = new ArrayList<>();
        List<CursorPoller> pollers = new ArrayList<>();
        List<SourceTableMetrics> metrics = new ArrayList<>();
        int skipped = 0;
        failedMetrics.clear(); // a load run again on a fresh connection starts over
        for (TaskAssignment.TableWork work : assignment.tables()) {
            if (work.plan()) {
                toPlan.add(new PlanningPhase.Target(work.table(), work.planId()));
                if (work.planId() == null) {
                    continue;
                }
            }
            TablePlan plan = TablePlan.fromMap(offsets.offset(SourcePartitions.plan(work.table())));
            if (plan == null || !plan.planId().equals(work.planId())) {
                LOG.warn("Task {}: the stored plan of {} is {}, not the assigned {} (reset meanwhile?); its work waits for the"
                        + " connector's next assignment", taskId, work.table(), plan == null ? "gone" : plan.planId(), work.planId());
                continue;
            }
            if (work.markers()) {
                markers.add(new EndMarkers.Job(plan, topic(plan.table())));
            }
            if (work.chunks().isEmpty() && !work.incremental()) {
                continue;
            }
            TableSource table = describe(connection, plan, work.chunks().isEmpty() ? "incremental" : "snapshot");
            if (table == null) {
                continue;
            }
            metrics.add(table.metrics());
            List<Map<String, Object>> partitions = new ArrayList<>();
            work.chunks().forEach(chunk -> partitions.add(SourcePartitions.chunk(table.name(), chunk)));
            Map<Map<String, Object>, Map<String, Object>> stored = partitions.isEmpty() ? Map.of() : offsets.offsets(partitions);
            for (int i = 0; i < partitions.size(); i++) {
                ChunkOffset checkpoint = ChunkOffset.fromMap(stored.get(partitions.get(i)));
                boolean samePlan = checkpoint != null && checkpoint.planId().equals(plan.planId());
                if (samePlan && checkpoint.done()) {
                    skipped++;
                    continue;
                }
                jobs.add(new SnapshotPhase.ChunkJob(table, work.chunks().get(i), samePlan ? checkpoint : null));
            }
            if (work.incremental()) {
                IncrementalOffset checkpoint = IncrementalOffset.fromMap(offsets.offset(SourcePartitions.incremental(table.name())));
                pollers.add(new CursorPoller(table, checkpoint, config.incrementalLagMs(), config.cursorTimeZone()));
            }
        }
        metrics.addAll(failedMetrics);
        failedMetrics.clear();
        LOG.info("Task {}: {} table(s) to plan, {} chunk(s) to read ({} already done), {} table(s) to poll incrementally, {} snapshot"
                + " end(s) to mark", taskId, toPlan.size(), jobs.size(), skipped, pollers.size(), markers.size());
        TablePlanner planner = TablePlanner.of(config, dialect, connectorName);
        PlanningPhase planning = new PlanningPhase(toPlan, dialect, planner,
                TableRules.parse(ChunkedJdbcSourceConfig.KEY_COLUMNS, config.keyColumns()),
                TableRules.parse(ChunkedJdbcSourceConfig.CURSOR_COLUMNS, config.logMode() ? "" : config.cursorColumns()), offsets,
                config.ledgerTopic(), config.mode() != SourceMode.SNAPSHOT && !config.logMode(), config.tableMonitorIntervalMs(),
                config.resnapshot().keysOnlyRefresh());
        EndMarkers ends = new EndMarkers(markers, new AdminTopicLayouts(config.resnapshot().adminProperties()), offsets,
                config.ledgerTopic(), config.tableMonitorIntervalMs());
        return new Work(planning, ends, new SnapshotPhase(jobs, config.ledgerTopic(), taskId),
                new IncrementalPhase(pollers, config.pollIntervalMs()), metrics);
    }

    private String topic(String table) {
        TableId id = TableId.parse(table);
        return config.topicPrefix() + "." + id.schema() + "." + id.table();
    }

    /**
     * The table as it is now; in cursor mode null, logged at ERROR and shown by its metrics, when a
     * column of its plan is gone: the task's other tables go on.
     */
    private TableSource describe(Connection connection, TablePlan plan, String phase) throws SQLException {
        String softDelete = plan.logMode() ? null : softDeleteRules.columnsFor(plan.table()).map(c -> c.get(0)).orElse(null);
        SourceTableMetrics metrics = new SourceTableMetrics(connectorName, taskId, plan.table(), plan.chunkCount(), phase);
        TableShapes.Shape shape;
        try {
            shape = shapes.describe(connection, plan, softDelete);
        } catch (PlanColumnMissingException e) {
            if (plan.logMode()) {
                throw e; // log mode as before: the task fails naming the table and column
            }
            LOG.error("Task {}: table {} is not read: {}", taskId, plan.table(), e.getMessage());
            metrics.failed(e.getMessage());
            failedMetrics.add(metrics);
            return null;
        }
        TableSource table = new TableSource(plan, shape.description(), shape.converter(), dialect, topic(plan.table()), softDelete,
                metrics);
        // log mode follows schema changes from the log (log.LogTables); its chunks keep the shape read here
        return plan.logMode() ? table : table.describedBy(shapes);
    }
}
