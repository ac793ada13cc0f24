package io.tributary.sink.destination.bigquery;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.buffer.AvroSchemas;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.destination.ValueRanges;
import io.tributary.sink.destination.sql.ApplyPlan;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.destination.sql.SqlText;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * GoogleSQL of the BigQuery destination: table DDL with partitioning and clustering, and the merge
 * script. The merge itself is the standard one ({@link MergeSql}): BigQuery's MERGE takes several
 * conditional WHEN MATCHED clauses. It runs as one multi-statement transaction over temporary tables.
 */
public final class BigQuerySql implements SqlText {

    /**
     * BigQuery's documented ranges (data-types): DATE, DATETIME and TIMESTAMP 0001-01-01 to
     * 9999-12-31 23:59:59.999999, TIME 00:00:00 to 23:59:59.999999; no infinity.
     */
    public static final ValueGuard VALUES = new ValueRanges("BigQuery", LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
            ValueRanges.DAY_MICROS - 1, false, true);

    private final String project;

    public BigQuerySql(String project) {
        this.project = project;
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("\\", "\\\\").replace("`", "\\`") + "`";
    }

    @Override
    public String table(TableId id) {
        return quote(project) + "." + quote(id.schema()) + "." + quote(id.table());
    }

    /** GoogleSQL has no POSITION: STRPOS. */
    @Override
    public String contains(String text, String literal) {
        return "STRPOS(" + text + ", " + literal + ") > 0";
    }

    @Override
    public String createTempTableAs(String name, String select) {
        return "CREATE TEMP TABLE " + quote(name) + " AS " + select;
    }

    /** The GoogleSQL type of a column. */
    public static String typeName(Column column) {
        ColumnType type = column.type();
        return switch (column.kind()) {
            case BOOLEAN -> "BOOL";
            case INT16, INT32, INT64 -> "INT64";
            case FLOAT32, FLOAT64 -> "FLOAT64";
            case DECIMAL -> decimal(type.precision(), type.scale());
            case VARIABLE_DECIMAL, STRING, UUID -> "STRING";
            case JSON -> "JSON";
            case BYTES -> "BYTES";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case DURATION -> "INTERVAL";
            case TIMESTAMP -> "DATETIME";
            case TIMESTAMPTZ -> "TIMESTAMP";
            case ARRAY -> "ARRAY<" + typeName(column.element()) + ">";
        };
    }

    /**
     * The neutral type of a GoogleSQL type for the types the sink widens (INT64, FLOAT64, NUMERIC and
     * BIGNUMERIC, STRING, DATE, DATETIME, TIMESTAMP); null for others or null.
     */
    static ColumnType neutralType(String type) {
        if (type == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Z0-9]+)(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?").matcher(type.trim());
        if (!m.matches()) {
            return null;
        }
        int first = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        int second = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return switch (m.group(1)) {
            case "INT64" -> ColumnType.of(ColumnType.Kind.INT64);
            case "FLOAT64" -> ColumnType.of(ColumnType.Kind.FLOAT64);
            case "NUMERIC" -> first < 0 ? ColumnType.decimal(38, 9) : ColumnType.decimal(first, second);
            case "BIGNUMERIC" -> first < 0 ? ColumnType.decimal(0, 0) : ColumnType.decimal(first, second);
            case "STRING" -> ColumnType.string(Math.max(first, 0));
            case "DATE" -> ColumnType.of(ColumnType.Kind.DATE);
            case "DATETIME" -> ColumnType.of(ColumnType.Kind.TIMESTAMP);
            case "TIMESTAMP" -> ColumnType.of(ColumnType.Kind.TIMESTAMPTZ);
            default -> null;
        };
    }

    /** NUMERIC holds 29 integer and 9 fraction digits, BIGNUMERIC 38 and 38; wider is exact only as text. */
    static String decimal(int precision, int scale) {
        if (precision <= 0) {
            return scale <= 38 ? "BIGNUMERIC" : "STRING";
        }
        if (scale <= 9 && precision - scale <= 29) {
            return "NUMERIC(" + precision + ", " + scale + ")";
        }
        if (scale <= 38 && precision - scale <= 38) {
            return "BIGNUMERIC(" + precision + ", " + scale + ")";
        }
        return "STRING";
    }

    /** Table options for the tables the sink creates. */
    public record TableOptions(String partitionField, String partitionType, List<String> clusterFields) {
    }

    /** The final table: data columns, metadata, synced-at (and deleted-at), partitioned and clustered as configured. */
    public String createTable(TableId table, List<Column> columns, MetadataColumns meta, boolean softDelete, TableOptions options) {
        List<String> definitions = new ArrayList<>();
        for (Column column : columns) {
            definitions.add(quote(column.name()) + " " + typeName(column));
        }
        for (Column column : meta.staged()) {
            definitions.add(quote(column.name()) + " " + typeName(column));
        }
        for (String name : meta.mergeTimes(softDelete)) {
            definitions.add(quote(name) + " TIMESTAMP");
        }
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(table(table)).append(" (")
                .append(String.join(", ", definitions)).append(")");
        if (options.partitionField() != null && !options.partitionField().isBlank()) {
            sql.append(" PARTITION BY ").append(partitionExpression(options.partitionField(), options.partitionType(), columns, meta));
        }
        if (!options.clusterFields().isEmpty()) {
            sql.append(" CLUSTER BY ").append(options.clusterFields().stream().limit(4).map(this::quote).collect(Collectors.joining(", ")));
        }
        return sql.toString();
    }

    private String partitionExpression(String field, String unit, List<Column> columns, MetadataColumns meta) {
        String kind = field.equals(meta.syncedAt()) ? "TIMESTAMP"
                : columns.stream().filter(c -> c.name().equals(field)).findFirst().map(BigQuerySql::typeName).orElseThrow(
                        () -> new IllegalArgumentException("bigquery.partition.field " + field + " is not a column of the table"));
        String u = unit.toUpperCase(Locale.ROOT);
        return switch (kind) {
            case "DATE" -> u.equals("DAY") ? quote(field) : "DATE_TRUNC(" + quote(field) + ", " + u + ")";
            case "TIMESTAMP" -> "TIMESTAMP_TRUNC(" + quote(field) + ", " + u + ")";
            case "DATETIME" -> "DATETIME_TRUNC(" + quote(field) + ", " + u + ")";
            default -> throw new IllegalArgumentException("bigquery.partition.field " + field + " is " + kind
                    + ", not DATE, DATETIME or TIMESTAMP");
        };
    }

    /** The tombstone table: key columns and the deleting version. */
    public String createTombstones(TableId tombstones, List<Column> keys, MetadataColumns meta) {
        List<String> definitions = new ArrayList<>();
        for (Column key : keys) {
            definitions.add(quote(key.name()) + " " + typeName(key));
        }
        for (Column column : meta.tombstone()) {
            definitions.add(quote(column.name()) + " " + typeName(column));
        }
        return "CREATE TABLE IF NOT EXISTS " + table(tombstones) + " (" + String.join(", ", definitions) + ")";
    }

    /** Lets a (staging) table expire, so one a crashed writer left behind goes away by itself. */
    public String expireAfter(TableId table, Duration lifetime) {
        return "ALTER TABLE " + table(table) + " SET OPTIONS (expiration_timestamp = TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL "
                + lifetime.toSeconds() + " SECOND))";
    }

    /** New columns, added as NULLABLE in one statement. */
    public String addColumns(TableId table, List<Column> columns) {
        return "ALTER TABLE " + table(table) + " " + columns.stream()
                .map(c -> "ADD COLUMN IF NOT EXISTS " + quote(c.name()) + " " + typeName(c)).collect(Collectors.joining(", "));
    }

    /**
     * The merge script: copy the staging table into the temporary {@value MergeSql#STAGE} (JSON text
     * parsed, Avro field names back to column names), then the standard merge statements, in one
     * transaction. Append mode inserts every staged version instead.
     */
    public String mergeScript(MergeSql sql, TableId stageTable, TableId target, List<Column> stagedColumns, DeleteMode deleteMode,
            boolean merge) {
        Schema avro = AvroSchemas.of(target, stagedColumns);
        List<String> select = new ArrayList<>();
        for (int i = 0; i < stagedColumns.size(); i++) {
            Column column = stagedColumns.get(i);
            String field = quote(avro.getFields().get(i).name());
            String expression = switch (column.kind()) {
                case JSON -> "PARSE_JSON(" + field + ")";
                // staged as [-]H:MM:SS[.f]: the time part of BigQuery's canonical interval text, [-]Y-M [-]D [-]H:M:S[.F]
                case DURATION -> "CAST(CONCAT('0-0 0 ', " + field + ") AS INTERVAL)";
                default -> field;
            };
            select.add(expression + " AS " + quote(column.name()));
        }
        // a batch loaded twice (a load retried after it had in fact succeeded) is taken once
        List<String> names = stagedColumns.stream().map(Column::name).toList();
        String coordinates = sql.meta().coordinates().stream()
                .map(name -> quote(avro.getFields().get(names.indexOf(name)).name())).collect(Collectors.joining(", "));
        String once = "(SELECT * FROM (SELECT s.*, ROW_NUMBER() OVER (PARTITION BY " + coordinates + ") AS tributary_copy FROM "
                + table(stageTable) + " s) WHERE tributary_copy = 1)";
        List<String> statements = new ArrayList<>();
        statements.add("BEGIN TRANSACTION");
        statements.add(createTempTableAs(MergeSql.STAGE, "SELECT " + String.join(", ", select) + " FROM " + once));
        if (merge) {
            statements.addAll(ApplyPlan.STANDARD_MERGE.statements(sql, deleteMode));
        } else {
            statements.add(sql.appendInsert());
        }
        statements.add("DROP TABLE " + quote(MergeSql.STAGE));
        statements.add("COMMIT TRANSACTION");
        return String.join(";\n", statements) + ";";
    }
}
