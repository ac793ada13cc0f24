package io.tributary.source.table;

import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Describes a task's tables from the database's catalog, when the task starts and again while it
 * reads them (every {@code intervalMs}, and after a read failed because the columns changed): each
 * description is checked against the plan (its key, cursor and soft-delete columns must still exist)
 * and becomes the converter of the table's records.
 */
public final class TableShapes {

    /** A table's columns and the converter of its rows into records. */
    public record Shape(TableDescription description, RowConverter converter) {
    }

    private final SourceDialect dialect;
    private final String topicPrefix;
    private final boolean sourceTypes;
    private final long intervalMs;

    /**
     * @param intervalMs how often a table is described again while it is read (table.monitor.interval.ms)
     */
    public TableShapes(SourceDialect dialect, String topicPrefix, boolean sourceTypes, long intervalMs) {
        this.dialect = dialect;
        this.topicPrefix = topicPrefix;
        this.sourceTypes = sourceTypes;
        this.intervalMs = intervalMs;
    }

    public long intervalMs() {
        return intervalMs;
    }

    /**
     * The table's current shape.
     *
     * @param softDelete the soft-delete column, or null
     * @throws PlanColumnMissingException if a key, cursor or soft-delete column of the plan is gone
     */
    public Shape describe(Connection connection, TablePlan plan, String softDelete) throws SQLException {
        TableDescription description = dialect.describe(connection, TableId.parse(plan.table()));
        check(description, plan.keyColumns(), "key");
        check(description, plan.cursorColumns(), "cursor");
        if (softDelete != null) {
            check(description, List.of(softDelete), "soft-delete");
        }
        return new Shape(description, new RowConverter(description, plan.keyColumns(), topicPrefix, dialect::mapping, sourceTypes));
    }

    private static void check(TableDescription description, List<String> columns, String role) {
        for (String column : columns) {
            if (description.columns().stream().noneMatch(c -> c.name().equals(column))) {
                throw new PlanColumnMissingException("Table " + description.id().qualified() + " has no column " + column
                        + " any more, its " + role + " column (dropped or renamed?): the table is not read on. Restore the"
                        + " column, or re-snapshot the table with other " + role + " columns (docs/source.md, Schema changes)");
            }
        }
    }

    /** What changed between two descriptions, for the log: added, dropped and retyped columns. */
    static String changes(TableDescription before, TableDescription after) {
        Map<String, ColumnInfo> old = before.columns().stream().collect(Collectors.toMap(ColumnInfo::name, Function.identity()));
        Map<String, ColumnInfo> now = after.columns().stream().collect(Collectors.toMap(ColumnInfo::name, Function.identity()));
        List<String> parts = new ArrayList<>();
        List<String> added = after.columns().stream().map(ColumnInfo::name).filter(n -> !old.containsKey(n)).toList();
        List<String> dropped = before.columns().stream().map(ColumnInfo::name).filter(n -> !now.containsKey(n)).toList();
        List<String> retyped = new ArrayList<>();
        for (ColumnInfo column : after.columns()) {
            ColumnInfo was = old.get(column.name());
            if (was != null && !type(was).equals(type(column))) {
                retyped.add(column.name() + " " + type(was) + " -> " + type(column));
            }
        }
        if (!added.isEmpty()) {
            parts.add("added " + added);
        }
        if (!dropped.isEmpty()) {
            parts.add("dropped " + dropped);
        }
        if (!retyped.isEmpty()) {
            parts.add("retyped " + retyped);
        }
        return parts.isEmpty() ? "column attributes changed" : String.join(", ", parts);
    }

    private static String type(ColumnInfo column) {
        return column.typeName() + "(" + column.precision() + (column.scale() == null ? "" : "," + column.scale()) + ")"
                + (column.nullable() ? "" : " not null");
    }
}
