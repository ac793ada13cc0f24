package io.tributary.sink.destination.duckdb;

import io.tributary.common.TransientErrors;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.destination.ValueRanges;
import io.tributary.sink.destination.sql.SqlDialect;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * DuckDB types; staged rows are loaded with the Appender. Decimals wider than DuckDB's 38 digits and
 * decimals of unknown scale are kept exactly as text (VARCHAR).
 */
public final class DuckDbDialect implements SqlDialect {

    static final int MAX_DECIMAL_PRECISION = 38;
    /**
     * DuckDB's documented ranges (sql/data_types/date, timestamp, time): dates 5877642-06-25 (BC) to
     * 5881580-07-10, timestamps 290309-12-22 (BC) 00:00:00 to 294247-01-10 04:00:54.775806 and
     * +/-infinity, times 00:00:00 to 24:00:00. VARCHAR holds any character, U+0000 too.
     */
    static final ValueGuard VALUES = new ValueRanges("DuckDB", LocalDate.of(-5877641, 6, 25), LocalDate.of(5881580, 7, 10),
            LocalDateTime.of(-290308, 12, 22, 0, 0), LocalDateTime.of(294247, 1, 10, 4, 0, 54, 775_806_000),
            ValueRanges.DAY_MICROS, true, true);
    private final StagingLoader loader = new DuckDbAppenderLoader();

    @Override
    public Connection connect(String url, Properties properties) throws SQLException {
        Properties withSettings = new Properties();
        withSettings.putAll(properties);
        withSettings.remove("user");
        withSettings.remove("password");
        // fail fast instead of downloading extensions
        withSettings.setProperty("autoinstall_known_extensions", "false");
        withSettings.setProperty("autoload_known_extensions", "false");
        Connection connection = new DuckDBDriver().connect(url, withSettings);
        if (connection == null) {
            throw new SQLException("not a DuckDB JDBC URL (jdbc:duckdb:/path/to/file.duckdb)");
        }
        return connection;
    }

    /** DuckDB's catalog lists REAL as FLOAT, its 4-byte float (elsewhere FLOAT is the 8-byte one). */
    @Override
    public ColumnType storedType(String sqlType) {
        if (sqlType != null && sqlType.trim().equalsIgnoreCase("float")) {
            return ColumnType.of(ColumnType.Kind.FLOAT32);
        }
        return SqlDialect.super.storedType(sqlType);
    }

    @Override
    public String typeName(Column column) {
        return switch (column.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case INT16 -> "SMALLINT";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE";
            case DECIMAL -> exactDecimal(column) ? "DECIMAL(" + precision(column) + "," + column.type().scale() + ")" : "VARCHAR";
            case VARIABLE_DECIMAL, STRING, JSON -> "VARCHAR";
            case UUID -> "UUID";
            case BYTES -> "BLOB";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case DURATION -> "INTERVAL";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
            case ARRAY -> typeName(column.element()) + "[]";
        };
    }

    static boolean exactDecimal(Column column) {
        return precision(column) <= MAX_DECIMAL_PRECISION && column.type().scale() <= MAX_DECIMAL_PRECISION;
    }

    private static int precision(Column column) {
        return column.type().precision() > 0 ? column.type().precision() : MAX_DECIMAL_PRECISION;
    }

    @Override
    public String timestampTzType() {
        return "TIMESTAMPTZ";
    }

    /**
     * One writer per database file: batches of different tables take turns too. That also keeps two
     * writers of one table apart, so there is no lock for the apply ({@link #lockForApply}).
     */
    @Override
    public int maxConcurrentWrites() {
        return 1;
    }

    @Override
    public boolean primaryKeys() {
        return false;
    }

    /** The Appender cannot write INTERVAL: durations are staged as text and cast by the loader. */
    @Override
    public String stageTypeName(Column column) {
        return column.kind() == ColumnType.Kind.DURATION ? "VARCHAR" : typeName(column);
    }

    /** Another process holds the database file's lock, or two transactions wrote the same rows (a write-write conflict). */
    @Override
    public boolean isTransient(Throwable error) {
        return SqlDialect.super.isTransient(error) || TransientErrors.hasSqlMessage(error, "could not set lock", "conflict");
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
