package io.tributary.source.work;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.ResnapshotSettings;
import io.tributary.source.config.SourceMode;
import io.tributary.source.config.TableFilter;
import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.jdbc.Retries;
import io.tributary.source.metrics.SourceConnectorMetrics;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's view of the work, refreshed on a background thread: which tables match, their
 * plans (read from the offsets; a table without one is handed to a task to plan, and its plan is
 * used once it is durable there), which chunks are done (from the chunk offsets) and so which tables
 * are in snapshot and which in incremental phase. When that picture changes it asks Connect to
 * reconfigure the tasks. A table that cannot be planned (a key or cursor of a type that cannot be
 * ordered, a missing column) is left out, reported and checked again on the next pass; when no
 * matching table can be, the connector fails.
 */
public final class TableMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableMonitor.class);

    /**
     * A table's plan and progress as last seen; {@code plan} is null while the table waits for a task
     * to plan it (the connector hands out chunks only of plans that are durable in the offsets).
     *
     * @param replan a periodic refresh is due: a task plans the table again while its stored plan goes on
     * @param polledBefore the table was polled before (under an earlier plan): it is polled on while its chunks are read
     * @param markersPending every chunk of the plan's generation is done and its end-of-snapshot markers are not sent yet
     */
    public record TableState(String table, TablePlan plan, Set<Integer> doneChunks, boolean snapshot, boolean incremental,
            boolean replan, boolean polledBefore, boolean markersPending) {

        public TableState(String table, TablePlan plan, Set<Integer> doneChunks, boolean snapshot, boolean incremental) {
            this(table, plan, doneChunks, snapshot, incremental, false, false, false);
        }

        public static TableState unplanned(String table) {
            return new TableState(table, null, Set.of(), false, false);
        }

        public boolean needsPlan() {
            return plan == null || replan;
        }

        public List<Integer> pendingChunks() {
            List<Integer> pending = new ArrayList<>();
            if (snapshot && plan != null) {
                for (int i = 0; i < plan.chunkCount(); i++) {
                    if (!doneChunks.contains(i)) {
                        pending.add(i);
                    }
                }
            }
            return pending;
        }

        /** Log mode: the table's plan has its log start, and its changes are followed after the snapshot. */
        public boolean streams() {
            return incremental && plan != null && plan.logMode();
        }

        /** Polled by cursor: once its snapshot is done, or all along when it was polled before (a re-snapshot). */
        public boolean pollsIncrementally() {
            return incremental && plan != null && plan.hasCursor() && (pendingChunks().isEmpty() || polledBefore);
        }

        String phase() {
            return needsPlan() ? "plan" : !pendingChunks().isEmpty() ? "snapshot" : pollsIncrementally() ? "incremental"
                    : streams() ? "log" : "done";
        }
    }

    private final ChunkedJdbcSourceConfig config;
    private final SourceDialect dialect;
    private final JdbcConnections connections;
    private final OffsetStorageReader offsets;
    private final Runnable reconfigure;
    private final SourceConnectorMetrics failures;
    private final Consumer<Exception> fail;
    private final TableFilter filter;
    private final TableRules keyRules;
    private final TableRules cursorRules;
    private final Map<String, TablePlan> plans = new HashMap<>();
    private final TableProgress progress;
    private final ResnapshotSettings resnapshot;
    private final String connectorName;
    private volatile Map<String, TableState> states;
    private volatile String signature = "";
    private String assignedSignature = "";
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param failures where tables that cannot be planned are recorded (and shown over JMX)
     * @param fail called once, and the monitor stops, when no matching table can be captured
     */
    public TableMonitor(ChunkedJdbcSourceConfig config, String connectorName, SourceDialect dialect, JdbcConnections connections,
            OffsetStorageReader offsets, Runnable reconfigure, SourceConnectorMetrics failures, Consumer<Exception> fail) {
        this.config = config;
        this.connectorName = connectorName;
        this.dialect = dialect;
        this.connections = connections;
        this.offsets = offsets;
        this.reconfigure = reconfigure;
        this.failures = failures;
        this.fail = fail;
        this.filter = new TableFilter(config.tableIncludeList(), config.tableExcludeList());
        this.keyRules = TableRules.parse(ChunkedJdbcSourceConfig.KEY_COLUMNS, config.keyColumns());
        this.cursorRules = TableRules.parse(ChunkedJdbcSourceConfig.CURSOR_COLUMNS, config.cursorColumns());
        this.progress = new TableProgress(offsets);
        this.resnapshot = config.resnapshot();
        this.thread = new Thread(this::run, "tributary-table-monitor");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * The picture to hand out as task assignments, waiting up to {@code millis} for the first
     * refresh; null if there is none yet. Remembers what was handed out, so the same picture does not
     * trigger a second reconfiguration.
     */
    public synchronized Map<String, TableState> statesToAssign(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (states == null && System.currentTimeMillis() < deadline && running) {
            wait(50);
        }
        assignedSignature = signature;
        return states;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            try {
                refresh();
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warn("Could not refresh the tables of {}; trying again in {} ms: {}", connections.describe(),
                        config.tableMonitorIntervalMs(), e.toString());
            }
            try {
                Thread.sleep(config.tableMonitorIntervalMs());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void refresh() throws Exception {
        Map<String, TableState> next = new LinkedHashMap<>();
        List<String> matching = new ArrayList<>();
        try (Connection connection = connections.open()) {
            TablePlanner planner = TablePlanner.of(config, dialect, connectorName);
            for (TableId id : dialect.listTables(connection)) {
                String name = id.qualified();
                if (!running || !filter.matches(name)) {
                    continue;
                }
                matching.add(name);
                // One table that cannot be planned never stops the others; a lost connection stops the pass.
                try {
                    next.put(name, state(connection, planner, id));
                    if (failures.tablePlanned(name)) {
                        LOG.info("Table {} can be captured now", name);
                    }
                } catch (SQLException | RuntimeException e) {
                    if (e instanceof SQLException sql && Retries.isRetriable(sql)) {
                        throw e;
                    }
                    String reason = e instanceof SQLException sql ? sql.getMessage() + " (SQLState " + sql.getSQLState() + ")"
                            : e.getMessage() == null ? e.toString() : e.getMessage();
                    if (failures.tableFailed(name, reason)) {
                        LOG.warn("Table {} cannot be captured and is left out (tried again every {} ms): {}", name,
                                config.tableMonitorIntervalMs(), reason);
                    }
                }
            }
        }
        failures.retainTables(matching);
        if (!matching.isEmpty() && next.isEmpty() && running) {
            running = false;
            StringBuilder reasons = new StringBuilder();
            failures.failures().forEach((table, reason) -> reasons.append("; ").append(table).append(": ").append(reason));
            fail.accept(new ConnectException("None of the " + matching.size() + " matching table(s) can be captured" + reasons));
            return;
        }
        String nextSignature = signature(next);
        logFinishedSnapshots(states, next);
        boolean changed;
        synchronized (this) {
            states = next;
            changed = !nextSignature.equals(signature);
            signature = nextSignature;
            changed = changed && !nextSignature.equals(assignedSignature);
        }
        if (changed) {
            LOG.info("Tables and phases: {}", nextSignature);
            reconfigure.run();
        }
    }

    /** The table's state, from its plan (remembered, or stored in the offsets), or waiting for one if it can be planned. */
    private TableState state(Connection connection, TablePlanner planner, TableId id) throws SQLException {
        String name = id.qualified();
        TablePlan plan = plans.get(name);
        if (plan == null) {
            plan = TablePlan.fromMap(offsets.offset(SourcePartitions.plan(name)));
            if (plan == null) {
                TableDescription description = dialect.describe(connection, id);
                PlanColumns columns = PlanColumns.resolve(description, keyRules, cursorRules);
                planner.check(description, columns);
                planner.checkCapture(connection, description, columns);
                return TableState.unplanned(name);
            }
            if (plan.logMode() != config.logMode()) {
                throw new IllegalArgumentException("its stored plan follows changes by " + (plan.logMode() ? "log" : "cursor")
                        + ", not by incremental.method=" + config.incrementalMethod().configValue() + ": positions of the two"
                        + " methods do not compare. Re-snapshot it into a new destination table (docs/operations.md)");
            }
            LOG.info("Using the stored plan of {}: {} chunk(s), plan {}", name, plan.chunkCount(), plan.planId());
            plans.put(name, plan);
        }
        boolean snapshots = config.mode() != SourceMode.INCREMENTAL;
        Set<Integer> done = progress.doneChunks(plan);
        boolean snapshotDone = done.size() == plan.chunkCount();
        boolean replan = snapshots && snapshotDone && refreshDue(plan);
        if (replan) {
            TablePlan stored = TablePlan.fromMap(offsets.offset(SourcePartitions.plan(name)));
            if (stored != null && !stored.planId().equals(plan.planId())) {
                LOG.info("Table {} was refreshed: plan {} (generation {}) replaces {}", name, stored.planId(), stored.generation(),
                        plan.planId());
                plans.put(name, stored);
                return state(connection, planner, id);
            }
        }
        boolean polledBefore = !snapshotDone && progress.polledBefore(name);
        boolean markers = resnapshot.endMarkers() && snapshots && snapshotDone && plan.hasGeneration() && !progress.markersSent(plan);
        return new TableState(name, plan, done, snapshots, config.mode() != SourceMode.SNAPSHOT, replan, polledBefore, markers);
    }

    /** Whether the table is refreshed periodically and snapshot.refresh.interval.ms has passed since its plan was made. */
    private boolean refreshDue(TablePlan plan) {
        if (!resnapshot.refreshes(plan.table())) {
            return false;
        }
        long plannedAt = TableProgress.plannedAtMillis(plan);
        return plannedAt >= 0 && System.currentTimeMillis() - plannedAt >= resnapshot.refreshIntervalMs();
    }

    /** What, when it changes, calls for new task assignments: tables, plans and phases - not chunk progress. */
    /** One INFO line per table whose snapshot finished since the last pass (seen in the committed offsets). */
    private static void logFinishedSnapshots(Map<String, TableState> before, Map<String, TableState> after) {
        if (before == null) {
            return;
        }
        after.forEach((name, state) -> {
            TableState old = before.get(name);
            if (old != null && "snapshot".equals(old.phase()) && !"snapshot".equals(state.phase()) && !state.needsPlan()) {
                LOG.info("Snapshot of {} finished: {} chunk(s) done; now {}", name, state.plan().chunkCount(), state.phase());
            }
        });
    }

    private static String signature(Map<String, TableState> states) {
        StringBuilder out = new StringBuilder();
        states.forEach((name, state) -> out.append(name).append('=').append(state.phase())
                .append('/').append(state.needsPlan() ? "-" : state.plan().planId()).append(' '));
        return out.toString().trim();
    }
}
