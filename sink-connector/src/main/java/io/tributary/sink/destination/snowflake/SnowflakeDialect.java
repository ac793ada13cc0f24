package io.tributary.sink.destination.snowflake;

import io.tributary.common.TransientErrors;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.destination.ValueRanges;
import io.tributary.sink.destination.sql.JdbcConnector;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.destination.sql.SqlDialect;
import io.tributary.sink.destination.sql.SqlTypes;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.TableId;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;

/**
 * Snowflake types. Identifiers are always quoted, so they keep their case (a column {@code id} is
 * {@code "id"}, not {@code ID}); the standard MERGE of {@link MergeSql} runs as it is (Snowflake
 * allows several conditional WHEN MATCHED clauses). There is no lock for the apply
 * ({@link #lockForApply}) yet: two writers of one table keep the race (a known gap, docs/sink.md).
 */
public final class SnowflakeDialect implements SqlDialect {

    static final String DRIVER = "net.snowflake.client.jdbc.SnowflakeDriver";
    /** Snowflake's widest VARCHAR, in characters. */
    static final int MAX_VARCHAR = 16_777_216;

    /**
     * Snowflake's documented ranges (data-types-datetime): TIME 00:00:00 to 23:59:59.999999999; for
     * DATE and TIMESTAMP it recommends years up to 9999 and accepts only some outside, so years 1 to
     * 9999; no infinity.
     */
    static final ValueGuard VALUES = new ValueRanges("Snowflake", LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31),
            LocalDateTime.of(1, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
            ValueRanges.DAY_MICROS - 1, false, true);

    private final JdbcConnector connector;
    private final StagingLoader loader;

    public SnowflakeDialect(JdbcConnector connector, StagingLoader loader) {
        this.connector = connector;
        this.loader = loader;
    }

    /**
     * Connects with the Snowflake JDBC driver, loaded by name from the plugin's class loader: the
     * driver is an 82 MB jar the plugin does not ship (docs/warehouses.md: copy it into lib/).
     */
    public static Connection driverConnect(String url, Properties properties) throws SQLException {
        Driver driver;
        try {
            driver = Class.forName(DRIVER, true, SnowflakeDialect.class.getClassLoader()).asSubclass(Driver.class).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SQLException("the Snowflake JDBC driver (net.snowflake:snowflake-jdbc) is not in the plugin's lib/ folder;"
                    + " copy snowflake-jdbc-<version>.jar there (docs/warehouses.md)", "08001", e);
        }
        Connection connection = driver.connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a Snowflake JDBC URL (jdbc:snowflake://<account>.snowflakecomputing.com/?db=...&warehouse=...)", "08001");
        }
        return connection;
    }

    @Override
    public Connection connect(String url, Properties properties) throws SQLException {
        return connector.connect(url, properties);
    }

    @Override
    public String typeName(Column column) {
        ColumnType type = column.type();
        return switch (column.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32, FLOAT64 -> "FLOAT";
            case DECIMAL -> type.precision() > 0 && type.precision() <= 38
                    ? "NUMBER(" + type.precision() + "," + type.scale() + ")"
                    : type.scale() <= 37 ? "NUMBER(38," + type.scale() + ")" : "VARCHAR";
            case VARIABLE_DECIMAL -> "VARCHAR";
            case STRING -> type.length() > 0 && type.length() <= MAX_VARCHAR ? "VARCHAR(" + type.length() + ")" : "VARCHAR";
            case JSON -> "VARIANT";
            case ARRAY -> "ARRAY";
            case UUID -> "VARCHAR(36)";
            case BYTES -> "BINARY";
            case DATE -> "DATE";
            case TIME -> "TIME(6)";
            case DURATION -> "VARCHAR(32)";
            case TIMESTAMP -> "TIMESTAMP_NTZ(6)";
            case TIMESTAMPTZ -> "TIMESTAMP_TZ(6)";
        };
    }

    /**
     * Snowflake's catalog lists every integer as NUMBER(38,0), every float as FLOAT and an unbounded
     * VARCHAR with its largest length: those fold together here.
     */
    @Override
    public ColumnType storedType(String sqlType) {
        ColumnType type = SqlTypes.parse(sqlType);
        if (type == null) {
            return null;
        }
        return switch (type.kind()) {
            case INT16, INT32, INT64 -> ColumnType.decimal(38, 0);
            case FLOAT32 -> ColumnType.of(ColumnType.Kind.FLOAT64);
            case STRING -> type.length() >= MAX_VARCHAR ? ColumnType.string(0) : type;
            default -> type;
        };
    }

    /** Snowflake widens in place only a VARCHAR's length and a NUMBER's precision at the same scale. */
    @Override
    public String widenColumn(TableId table, String column, ColumnType from, ColumnType to, String toSql) {
        boolean varchar = from.kind() == ColumnType.Kind.STRING && to.kind() == ColumnType.Kind.STRING;
        boolean number = from.kind() == ColumnType.Kind.DECIMAL && to.kind() == ColumnType.Kind.DECIMAL && from.scale() == to.scale()
                && to.precision() > 0 && to.precision() <= 38;
        if (!varchar && !number) {
            return null;
        }
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + quote(column) + " SET DATA TYPE " + toSql;
    }

    @Override
    public String wideningLimits() {
        return "Snowflake widens a column in place only to make a VARCHAR longer or a NUMBER's precision larger at the same scale";
    }

    @Override
    public String timestampTzType() {
        return "TIMESTAMP_TZ";
    }

    /** Snowflake identifiers hold at most 255 characters. */
    @Override
    public int maxIdentifierBytes() {
        return 255;
    }

    /** Snowflake does not enforce keys; the merge keeps keys unique itself. */
    @Override
    public boolean primaryKeys() {
        return false;
    }

    /** Too many transactions wait for one table's lock: "number of waiters for this lock exceeds ...". */
    @Override
    public boolean isTransient(Throwable error) {
        return SqlDialect.super.isTransient(error) || TransientErrors.hasSqlMessage(error, "number of waiters for this lock");
    }

    @Override
    public ValueGuard valueGuard() {
        return VALUES;
    }

    @Override
    public StagingLoader loader() {
        return loader;
    }
}
