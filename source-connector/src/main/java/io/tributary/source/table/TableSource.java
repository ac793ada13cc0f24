package io.tributary.source.table;

import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.common.LogicalTypes;
import io.tributary.common.RecordHeaders;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;

/** Everything a task knows about one table it reads: plan, columns, converter, topic and SQL pieces. */
public final class TableSource {

    private final TablePlan plan;
    private final TableDescription description;
    private final RowConverter converter;
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
        this.description = description;
        this.converter = converter;
        this.dialect = dialect;
        this.topic = topic;
        this.softDeleteColumn = softDeleteColumn;
        this.metrics = metrics;
    }

    public SourceTableMetrics metrics() {
        return metrics;
    }

    /** {@code op}, or the delete operation when the soft-delete column of a row (from {@link RowConverter#read}) is set. */
    public String operation(Object[] row, String op) {
        if (softDeleteColumn == null) {
            return op;
        }
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
        return description;
    }

    public RowConverter converter() {
        return converter;
    }

    public SourceDialect dialect() {
        return dialect;
    }

    public String topic() {
        return topic;
    }

    /** {@code SELECT <all columns> FROM <table>}. */
    public String selectFrom() {
        return "SELECT " + converter.selectColumns().stream().map(dialect::quote).collect(Collectors.joining(", "))
                + " FROM " + dialect.qualified(description.id());
    }

    /** 1-based index of {@code column} in {@link #selectFrom()}. */
    public int columnIndex(String column) {
        int index = converter.selectColumns().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("table " + name() + " has no column " + column);
        }
        return index + 1;
    }

    /** Ordering/comparison expressions of {@code columns} (binary collation for text). */
    public List<String> expressions(List<String> columns) {
        return columns.stream().map(c -> dialect.keyExpression(description.column(c))).toList();
    }

    public ColumnMapping mapping(String column) {
        return converter.mapping(column);
    }
}
