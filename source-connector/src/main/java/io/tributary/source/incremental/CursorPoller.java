package io.tributary.source.incremental;

import io.tributary.common.RecordHeaders;
import io.tributary.source.engine.Incremental;
import io.tributary.source.offsets.IncrementalOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.KeysetSql;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.table.PlanColumnMissingException;
import io.tributary.source.table.SourceRecords;
import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one table for new and changed rows by its cursor: {@code (cursor, tie-breaker...) >
 * (last...)} in that order, below the database's now minus the lag, a page at a time. The first poll
 * starts AT the plan's watermark (inclusive), so nothing written while the snapshot ran is missed; in a
 * re-snapshot, from the previous plan's checkpoint when that is older (polling goes on during the chunks).
 * Rows whose cursor is NULL are never read; {@link NullCursorCheck} counts them when caught up.
 *
 * <p>Schema changes: before a poll the table is described again once table.monitor.interval.ms has
 * passed, and after a poll failed because the columns changed (then the poll runs again). When the
 * shape changed, polling goes back to where it was at the previous description: rows read since then
 * were read without a column added meanwhile, and are read again with it (duplicates are allowed).
 * When a key or cursor column is gone, the table is {@link TableSource#fail failed} and polled no more.
 */
public final class CursorPoller implements Incremental.Poller {

    private static final Logger LOG = LoggerFactory.getLogger(CursorPoller.class);

    /** Reads of one poll that may fail on changed columns, each followed by a new description. */
    private static final int MAX_RESHAPES = 3;

    private final TableSource table;
    private final List<String> orderColumns;
    private final Map<String, Object> partition;
    private final long lagMs;
    private final ZoneId zone;
    private final NullCursorCheck nullCursors;
    private IncrementalOffset position;
    private IncrementalOffset describedAt;

    /**
     * @param resumeFrom the stored checkpoint; ignored when it belongs to another plan
     * @param zone cursor.time.zone: the zone of cursors without one, for the upper bound
     */
    public CursorPoller(TableSource table, IncrementalOffset resumeFrom, long lagMs, ZoneId zone) {
        this.table = table;
        this.lagMs = lagMs;
        this.zone = zone;
        this.partition = SourcePartitions.incremental(table.name());
        List<String> cursors = table.plan().cursorColumns();
        // cursor, then the user's tie-breakers, then the key: the order must be total, or a page
        // boundary inside a run of equal values would skip rows
        List<String> columns = new ArrayList<>();
        columns.add(cursors.get(0));
        for (String column : cursors.subList(1, cursors.size())) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        for (String column : table.plan().keyColumns()) {
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        this.orderColumns = List.copyOf(columns);
        this.nullCursors = new NullCursorCheck(table, cursors.get(0));
        this.position = startFrom(resumeFrom);
        this.describedAt = position;
    }

    /**
     * Where polling starts: the checkpoint of this plan; else at the plan's watermark (inclusive), or, when
     * the checkpoint of an earlier plan is older than that and on the same order columns (a re-snapshot
     * of a table that was polled), from that checkpoint: polling goes on where it was and skips nothing.
     */
    private IncrementalOffset startFrom(IncrementalOffset resumeFrom) {
        TablePlan plan = table.plan();
        if (resumeFrom != null && resumeFrom.planId().equals(plan.planId())) {
            return resumeFrom;
        }
        IncrementalOffset watermark = new IncrementalOffset(plan.planId(), plan.watermark(), null, true, orderColumns);
        if (resumeFrom == null || resumeFrom.cursor() == null || plan.watermark() == null || !orderColumns.equals(resumeFrom.columns())) {
            return watermark;
        }
        ColumnMapping cursor = table.mapping(orderColumns.get(0));
        Long checkpoint = cursor.position(resumeFrom.cursor());
        Long start = cursor.position(plan.watermark());
        if (checkpoint == null || start == null || checkpoint >= start) {
            return watermark;
        }
        LOG.info("Table {}: polling under plan {} goes on from the previous plan's checkpoint ({}), older than its start point ({})",
                table.name(), plan.planId(), resumeFrom.cursor(), plan.watermark());
        return new IncrementalOffset(plan.planId(), resumeFrom.cursor(), resumeFrom.tieBreaker(), resumeFrom.inclusive(), orderColumns);
    }

    public TableSource table() {
        return table;
    }

    /** Where the next poll starts (after the last row emitted, or at the start point). */
    IncrementalOffset position() {
        return position;
    }

    @Override
    public void measured(int rows) {
        table.metrics().incrementalRead(rows);
    }

    /** Whether the table is polled no more (a column of its plan is gone). */
    public boolean failed() {
        return table.failed();
    }

    /** The next page of at most {@code max} changed rows, oldest first; empty when caught up (or failed). */
    @Override
    public List<SourceRecord> poll(Connection connection, int max) throws SQLException {
        if (table.failed()) {
            return List.of();
        }
        try {
            int descriptions = table.descriptions();
            boolean changed = table.describeIfDue(connection);
            if (table.descriptions() != descriptions) {
                described(changed);
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    return pollPage(connection, max);
                } catch (SQLException | DataException e) {
                    if (attempt > MAX_RESHAPES || !table.reshapedAfter(connection, e)) {
                        throw e;
                    }
                    described(true);
                }
            }
        } catch (PlanColumnMissingException e) {
            table.fail(e.getMessage());
            return List.of();
        }
    }

    /** After a description: a changed shape reads again from where polling was at the one before. */
    private void described(boolean changed) {
        if (changed) {
            position = describedAt;
        }
        describedAt = position;
    }

    private List<SourceRecord> pollPage(Connection connection, int max) throws SQLException {
        List<String> expressions = new ArrayList<>();
        expressions.add(table.dialect().quote(orderColumns.get(0)));
        expressions.addAll(table.expressions(orderColumns.subList(1, orderColumns.size())));

        List<String> where = new ArrayList<>();
        List<Object[]> binds = new ArrayList<>();
        where.add(expressions.get(0) + " IS NOT NULL");
        if (position.cursor() != null) {
            if (position.inclusive() || position.tieBreaker() == null) {
                where.add(expressions.get(0) + " >= ?");
                binds.add(new Object[] {orderColumns.get(0), position.cursor()});
            } else {
                KeysetSql.Condition gt = KeysetSql.greaterThan(expressions);
                where.add(gt.sql());
                List<Object> values = new ArrayList<>();
                values.add(position.cursor());
                values.addAll(position.tieBreaker());
                gt.bindOrder().forEach(i -> binds.add(new Object[] {orderColumns.get(i), values.get(i)}));
            }
        }
        String upper = table.dialect().cursorUpperBound(table.description().column(orderColumns.get(0)), lagMs, zone);
        if (upper != null) {
            where.add(expressions.get(0) + " < " + upper);
        }
        String sql = table.dialect().limit(table.selectFrom() + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + String.join(", ", expressions), max);

        List<SourceRecord> records = new ArrayList<>();
        IncrementalOffset next = position;
        // One Execute per poll (autocommit, no fetch size), so the dialect's upper bound is one value for
        // the page; a fetch size here would re-execute per fetch and let the bound move between fetches.
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < binds.size(); i++) {
                table.mapping((String) binds.get(i)[0]).bind(ps, i + 1, binds.get(i)[1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object[] row = table.converter().read(rs);
                    next = offsetOf(row);
                    records.add(SourceRecords.row(table, row, partition, next.toMap(), RecordHeaders.OP_UPSERT));
                }
            }
        }
        if (records.size() < max) {
            nullCursors.caughtUp(connection); // before the position moves: a failure here repeats the poll
        }
        if (records.size() >= max && table.plan().keyColumns().isEmpty() && next.cursor() != null) {
            // No key: the order columns (cursor, tie-breakers) need not be unique together, so a full
            // page may end inside a run of rows equal on all of them, and the next page starts after
            // that run. Read the whole run now (some rows twice: allowed).
            records.addAll(restOfRun(connection, expressions, next));
        }
        position = next;
        return records;
    }

    /** Every row equal to {@code last} on all order columns. */
    private List<SourceRecord> restOfRun(Connection connection, List<String> expressions, IncrementalOffset last)
            throws SQLException {
        List<SourceRecord> records = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        values.add(last.cursor());
        values.addAll(last.tieBreaker());
        List<String> equal = new ArrayList<>();
        for (int i = 0; i < orderColumns.size(); i++) {
            equal.add(values.get(i) == null ? expressions.get(i) + " IS NULL" : expressions.get(i) + " = ?");
        }
        String sql = table.selectFrom() + " WHERE " + String.join(" AND ", equal);
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (int i = 0; i < orderColumns.size(); i++) {
                if (values.get(i) != null) {
                    table.mapping(orderColumns.get(i)).bind(ps, parameter++, values.get(i));
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    records.add(SourceRecords.row(table, table.converter().read(rs), partition, last.toMap(), RecordHeaders.OP_UPSERT));
                }
            }
        }
        return records;
    }

    private IncrementalOffset offsetOf(Object[] row) {
        Object cursor = table.converter().offsetValue(row, orderColumns.get(0));
        List<Object> tieBreaker = new ArrayList<>();
        for (String column : orderColumns.subList(1, orderColumns.size())) {
            tieBreaker.add(table.converter().offsetValue(row, column));
        }
        return new IncrementalOffset(table.plan().planId(), cursor, tieBreaker, false, orderColumns);
    }
}
