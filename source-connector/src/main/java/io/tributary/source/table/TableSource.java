package io.tributary.source.table;

import io.tributary.common.LogicalTypes;
import io.tributary.common.RecordHeaders;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.jdbc.Retries;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a task knows about one table it reads: plan, columns, converter, topic and SQL pieces.
 * With {@link TableShapes} it follows the table's schema changes: it is described again every
 * table.monitor.interval.ms and after a read failed because the columns changed, and the records read
 * after that carry the new columns. A table whose plan's columns are gone is {@link #fail failed}.
 */
public final class TableSource {

    private static final Logger LOG = LoggerFactory.getLogger(TableSource.class);

    private final TablePlan plan;
    private volatile TableShapes.Shape shape;
    private TableShapes shapes;
    private long describedAtNanos;
    private int descriptions;
    private volatile String failure;
    private final SourceDialect dialect;
    private final String topic;
    private final String softDeleteColumn;
    private final SourceTableMetrics metrics;

    /**
     * @param softDeleteColumn a column whose value, when set (not null, not false, not zero), marks the row deleted; or null
     */
    public TableSource(TablePlan plan, TableDescription description, RowConverter converter, SourceDialect dialect,
            String topic, String softDeleteColumn, SourceTableMetrics metrics) {
        this.plan = plan;
        this.shape = new TableShapes.Shape(description, converter);
        this.dialect = dialect;
        this.topic = topic;
        this.softDeleteColumn = softDeleteColumn;
        this.metrics = metrics;
    }

    public SourceTableMetrics metrics() {
        return metrics;
    }

    /** Lets the table follow schema changes, described again by {@code shapes}; its current shape was described just now. */
    public TableSource describedBy(TableShapes shapes) {
        this.shapes = shapes;
        this.describedAtNanos = System.nanoTime();
        return this;
    }

    /**
     * Describes the table again if table.monitor.interval.ms has passed since it last was.
     *
     * @return whether its shape changed
     * @throws PlanColumnMissingException if a column of its plan is gone
     */
    public boolean describeIfDue(Connection connection) throws SQLException {
        if (shapes == null || System.nanoTime() - describedAtNanos < shapes.intervalMs() * 1_000_000L) {
            return false;
        }
        return describeAgain(connection);
    }

    /**
     * After a read of the table failed: if the failure may come from a change of its columns (the
     * dialect's undefined column, or a value that does not fit the type it was described with), rolls
     * back the connection's transaction (a failed statement may have aborted it) and describes the
     * table again.
     *
     * @return whether its shape changed, so that the read is worth trying again
     * @throws PlanColumnMissingException if a column of its plan is gone
     */
    public boolean reshapedAfter(Connection connection, Exception failed) throws SQLException {
        if (shapes == null) {
            return false;
        }
        boolean columns = failed instanceof SQLException sql
                ? !Retries.isRetriable(sql) && (dialect.isUndefinedColumn(sql) || String.valueOf(sql.getSQLState()).startsWith("22"))
                : failed instanceof DataException;
        if (!columns) {
            return false;
        }
        if (!connection.getAutoCommit()) {
            connection.rollback();
        }
        return describeAgain(connection);
    }

    private boolean describeAgain(Connection connection) throws SQLException {
        TableShapes.Shape next = shapes.describe(connection, plan, softDeleteColumn);
        describedAtNanos = System.nanoTime();
        descriptions++;
        TableShapes.Shape before = shape;
        if (next.description().equals(before.description())) {
            return false;
        }
        shape = next;
        LOG.info("Table {} changed shape ({}); its records carry the columns {} from now on", name(),
                TableShapes.changes(before.description(), next.description()), next.converter().selectColumns());
        return true;
    }

    /** How often the table was described again so far. */
    public int descriptions() {
        return descriptions;
    }

    /** Stops reading the table for good (until the task restarts): logged at ERROR, shown by its metrics. */
    public void fail(String reason) {
        if (failure == null) {
            failure = reason;
            LOG.error("Table {} is not read any more: {}", name(), reason);
            if (metrics != null) {
                metrics.failed(reason);
            }
        }
    }

    /** Whether the table was {@link #fail failed}. */
    public boolean failed() {
        return failure != null;
    }

    /** {@code op}, or the delete operation when the soft-delete column of a row (from {@link RowConverter#read}) is set. */
    public String operation(Object[] row, String op) {
        if (softDeleteColumn == null) {
            return op;
        }
        RowConverter converter = shape.converter();
        return isSet(converter.mapping(softDeleteColumn).schema(true), converter.get(row, softDeleteColumn))
                ? RecordHeaders.OP_DELETE : op;
    }

    /** A marker's Connect value is set unless null, false or (for a number) exactly zero; times and text are set when present. */
    private static boolean isSet(Schema schema, Object marker) {
        if (marker == null) {
            return false;
        }
        if (LogicalTypes.VARIABLE_DECIMAL.equals(schema.name())) {
            try {
                return new BigDecimal(marker.toString()).signum() != 0;
            } catch (NumberFormatException e) {
                return true; // NaN, Infinity
            }
        }
        boolean number = Decimal.LOGICAL_NAME.equals(schema.name()) || (schema.name() == null && schema.type().isPrimitive()
                && schema.type() != Schema.Type.STRING && schema.type() != Schema.Type.BYTES);
        return !number || isSet(marker);
    }

    /**
     * Whether a soft-delete marker says "deleted": anything but null, false and exactly zero (of any
     * numeric type: 0.5 and 2^32 are set, 0.000 and -0.0 are not).
     */
    private static boolean isSet(Object marker) {
        if (marker == null || Boolean.FALSE.equals(marker)) {
            return false;
        }
        if (marker instanceof Double || marker instanceof Float) {
            return ((Number) marker).doubleValue() != 0.0; // NaN is set
        }
        if (marker instanceof BigDecimal d) {
            return d.signum() != 0;
        }
        if (marker instanceof BigInteger i) {
            return i.signum() != 0;
        }
        if (marker instanceof Long || marker instanceof Integer || marker instanceof Short || marker instanceof Byte) {
            return ((Number) marker).longValue() != 0;
        }
        if (marker instanceof Number n) {
            try {
                return new BigDecimal(n.toString()).signum() != 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return true;
    }

    public String name() {
        return plan.table();
    }

    public TablePlan plan() {
        return plan;
    }

    public TableDescription description() {
        return shape.description();
    }

    public RowConverter converter() {
        return shape.converter();
    }

    public SourceDialect dialect() {
        return dialect;
    }

    public String topic() {
        return topic;
    }

    /** {@code SELECT <all columns> FROM <table>}. */
    public String selectFrom() {
        TableShapes.Shape current = shape;
        return "SELECT " + current.converter().selectColumns().stream().map(dialect::quote).collect(Collectors.joining(", "))
                + " FROM " + dialect.qualified(current.description().id());
    }

    /** {@code SELECT <key columns> FROM <table>}: what a keys-only refresh reads (an index-only scan where the database can). */
    public String selectKeysFrom() {
        TableShapes.Shape current = shape;
        return "SELECT " + current.converter().keyColumns().stream().map(dialect::quote).collect(Collectors.joining(", "))
                + " FROM " + dialect.qualified(current.description().id());
    }

    /** 1-based index of {@code column} in {@link #selectFrom()}. */
    public int columnIndex(String column) {
        int index = shape.converter().selectColumns().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("table " + name() + " has no column " + column);
        }
        return index + 1;
    }

    /** Ordering/comparison expressions of {@code columns} (binary collation for text). */
    public List<String> expressions(List<String> columns) {
        TableDescription description = shape.description();
        return columns.stream().map(c -> dialect.keyExpression(description.column(c))).toList();
    }

    public ColumnMapping mapping(String column) {
        return shape.converter().mapping(column);
    }
}
