package io.tributary.source.plan;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.LogSettings;
import io.tributary.source.dialect.LogSupport;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans a table's snapshot inside the database: first the incremental watermark (the cursor's
 * maximum, for time cursors never later than the database's now minus the lag: {@link StartPoint}),
 * then the chunk boundaries as every {@code chunkRows}-th key in key order, numbered by
 * {@code ROW_NUMBER()}, so chunks hold equal row counts however gappy or skewed the key is. No key
 * is pulled into Java but the boundaries themselves.
 */
public final class TablePlanner {

    private static final Logger LOG = LoggerFactory.getLogger(TablePlanner.class);

    private final SourceDialect dialect;
    private final long chunkRows;
    private final long lagMs;
    private final ZoneId zone;
    private final LogPlanning log;

    /** Log mode's part in planning: fixing each table's log start. */
    public record LogPlanning(LogSupport support, LogSettings settings) {
    }

    /**
     * @param lagMs incremental.lag.ms: the start point is never later than the database's now minus it
     * @param zone cursor.time.zone: the zone in which cursors without one are written
     */
    public TablePlanner(SourceDialect dialect, long chunkRows, long lagMs, ZoneId zone) {
        this(dialect, chunkRows, lagMs, zone, null);
    }

    /** The planner the connector's settings ask for (log mode or cursor mode). */
    public static TablePlanner of(ChunkedJdbcSourceConfig config, SourceDialect dialect, String connectorName) {
        LogPlanning log = null;
        if (config.logMode()) {
            LogSupport support = dialect.log().orElseThrow(() -> new IllegalArgumentException(
                    "incremental.method=log is not available for " + dialect.name()));
            log = new LogPlanning(support, config.log(connectorName));
        }
        return new TablePlanner(dialect, config.snapshotChunkRows(), config.incrementalLagMs(), config.cursorTimeZone(), log);
    }

    /** Log mode's checks of a table that needs nothing to be changed (e.g. its replica identity); none in cursor mode. */
    public void checkCapture(Connection connection, TableDescription table, PlanColumns columns) throws SQLException {
        if (log != null) {
            log.support().checkTable(connection, table, columns.keys());
        }
    }

    /**
     * @param log log mode: each plan fixes the table's log start (before its boundaries are read) instead
     *        of a cursor start point; null in cursor mode
     */
    public TablePlanner(SourceDialect dialect, long chunkRows, long lagMs, ZoneId zone, LogPlanning log) {
        this.dialect = dialect;
        this.chunkRows = chunkRows;
        this.lagMs = lagMs;
        this.zone = zone;
        this.log = log;
    }

    public TablePlan plan(Connection connection, TableDescription table, PlanColumns columns) throws SQLException {
        return plan(connection, table, columns, 0L, false);
    }

    /**
     * @param previousGeneration the table's newest generation so far (0: none); the plan's is greater
     * @param keysOnly a keys-only refresh: the chunks read only the key columns (refused without a key: then full)
     */
    public TablePlan plan(Connection connection, TableDescription table, PlanColumns columns, long previousGeneration,
            boolean keysOnly) throws SQLException {
        long started = System.nanoTime();
        String name = table.id().qualified();
        check(table, columns);
        List<String> keyColumns = columns.keys();
        List<String> cursorColumns = log != null ? List.of() : columns.cursors();
        LogStart logStart = log != null ? log.support().prepareTable(connection, table, keyColumns, log.settings()) : null;
        Object watermark = cursorColumns.isEmpty() ? null : StartPoint.read(connection, dialect, table, cursorColumns.get(0), lagMs, zone);
        long estimate = dialect.estimateRows(connection, table.id());
        List<List<Object>> boundaries = keyColumns.isEmpty() ? List.of() : boundaries(connection, table, keyColumns);
        Instant now = Instant.now();
        Long start = logStart != null ? Long.valueOf(logStart.position())
                : watermark == null ? null : dialect.mapping(table.column(cursorColumns.get(0))).position(watermark);
        boolean keys = keysOnly && !keyColumns.isEmpty();
        if (keysOnly && !keys) {
            LOG.info("Table {} has no key: its refresh reads whole rows", name);
        }
        TablePlan plan = new TablePlan(name, UUID.randomUUID().toString(), keyColumns, boundaries, cursorColumns,
                watermark, estimate, now.toString(), logStart, nextGeneration(now.toEpochMilli(), previousGeneration), start, keys);
        LOG.info("Planned {}: generation {} ({}), {} chunk(s) of {} rows by ({}), {}, ~{} rows, in {} ms", name, plan.generation(),
                keys ? "keys only" : "full", plan.chunkCount(), chunkRows, String.join(", ", keyColumns),
                logStart != null ? "log start " + logStart.position() : "watermark " + watermark,
                estimate, (System.nanoTime() - started) / 1_000_000);
        return plan;
    }

    /** A generation's number: the planning time in epoch milliseconds, or one above the previous one if the clock is behind it. */
    static long nextGeneration(long nowMillis, long previousGeneration) {
        return Math.max(nowMillis, previousGeneration + 1);
    }

    /**
     * Whether the table can be planned on these columns, without reading its rows: fails, naming the
     * column, its type and the reason, when a key or cursor column is missing or has no exact, ordered
     * offset value (arrays, json, timetz), or when a tie-breaker may be NULL: polling pages by
     * (cursor, tie-breakers, key) comparisons, which NULL makes unknown, so rows with a NULL tie-breaker
     * could be skipped at a page boundary.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public void check(TableDescription table, PlanColumns columns) {
        checkOrderable(table, columns.keys(), "key", "key.columns");
        if (log != null) {
            if (columns.keys().isEmpty()) {
                throw new IllegalArgumentException("no primary key: log mode needs a key to apply updates and deletes; name one with"
                        + " key.columns (and a replica identity that covers it)");
            }
            return; // in log mode cursor.columns are not used
        }
        checkOrderable(table, columns.cursors(), "cursor", "cursor.columns");
        for (String tieBreaker : columns.cursors().subList(Math.min(1, columns.cursors().size()), columns.cursors().size())) {
            if (table.column(tieBreaker).nullable()) {
                throw new IllegalArgumentException("tie-breaker column " + tieBreaker + " is nullable: rows with a NULL tie-breaker"
                        + " could be skipped where a polled page ends; make it NOT NULL or name other cursor.columns");
            }
        }
    }

    private void checkOrderable(TableDescription table, List<String> columns, String role, String setting) {
        for (String column : columns) {
            if (table.columns().stream().noneMatch(c -> c.name().equals(column))) {
                throw new IllegalArgumentException("no " + role + " column '" + column + "' in the table; check " + setting);
            }
            ColumnInfo info = table.column(column);
            String problem = dialect.mapping(info).keyProblem();
            if (problem != null) {
                throw new IllegalArgumentException(role + " column " + column + " (" + info.typeName() + ") cannot be a " + role
                        + ": " + problem + "; choose other " + setting);
            }
        }
    }

    private List<List<Object>> boundaries(Connection connection, TableDescription table, List<String> keyColumns)
            throws SQLException {
        List<ColumnMapping> mappings = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (String key : keyColumns) {
            mappings.add(dialect.mapping(table.column(key)));
            order.add(dialect.keyExpression(table.column(key)));
        }
        String keys = keyColumns.stream().map(dialect::quote).collect(Collectors.joining(", "));
        String sql = "SELECT " + keys + " FROM (SELECT " + keys + ", ROW_NUMBER() OVER (ORDER BY " + String.join(", ", order)
                + ") AS tributary_rn, COUNT(*) OVER () AS tributary_total FROM " + dialect.qualified(table.id()) + ") numbered"
                // no boundary at the very last row: the last chunk would be empty
                + " WHERE MOD(tributary_rn, ?) = 0 AND tributary_rn < tributary_total ORDER BY tributary_rn";
        List<List<Object>> boundaries = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, chunkRows);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> boundary = new ArrayList<>(keyColumns.size());
                    for (int i = 0; i < keyColumns.size(); i++) {
                        boundary.add(mappings.get(i).offsetValue(mappings.get(i).read(rs, i + 1)));
                    }
                    boundaries.add(boundary);
                }
            }
        }
        return boundaries;
    }
}
