package io.tributary.sink.destination.redshift;

import com.amazon.redshift.Driver;
import io.tributary.common.TransientErrors;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.destination.ValueRanges;
import io.tributary.sink.destination.sql.JdbcConnector;
import io.tributary.sink.destination.sql.SqlDialect;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Properties;

/**
 * Amazon Redshift types and identifiers. Redshift folds identifiers to lower case, quoted or not
 * (unless {@code enable_case_sensitive_identifier} is on), so every identifier is lower-cased here:
 * the catalog then reports the names the sink asks for, and column evolution compares like with like.
 * There is no lock for the apply ({@link #lockForApply}): under SERIALIZABLE isolation Redshift fails
 * one of two conflicting writers of a table, which is retried ({@link #isTransient}); under SNAPSHOT
 * isolation the race stays (a known gap, docs/sink.md).
 */
public final class RedshiftDialect implements SqlDialect {

    /** Redshift's widest VARCHAR, in bytes. */
    public static final int MAX_VARCHAR_BYTES = 65535;
    /** Redshift's widest DECIMAL. */
    public static final int MAX_DECIMAL_PRECISION = 38;

    /**
     * Redshift's documented ranges (r_Datetime_types): DATE, TIMESTAMP and TIMESTAMPTZ 4713 BC to
     * 294276 AD, TIME 00:00:00 to 24:00:00; no infinity.
     */
    static final ValueGuard VALUES = new ValueRanges("Redshift", LocalDate.of(-4712, 1, 1), LocalDate.of(294276, 12, 31),
            LocalDateTime.of(-4712, 1, 1, 0, 0), LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000),
            ValueRanges.DAY_MICROS, false, true);

    private final JdbcConnector connector;
    private final StagingLoader loader;

    public RedshiftDialect(JdbcConnector connector, StagingLoader loader) {
        this.connector = connector;
        this.loader = loader;
    }

    /** Connects with the Amazon Redshift JDBC driver shipped in the plugin. */
    public static Connection driverConnect(String url, Properties properties) throws SQLException {
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a Redshift JDBC URL (jdbc:redshift://endpoint:5439/database)", "08001");
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
            case FLOAT32 -> "REAL";
            case FLOAT64 -> "DOUBLE PRECISION";
            case DECIMAL -> type.precision() > 0 && type.precision() <= MAX_DECIMAL_PRECISION
                    ? "DECIMAL(" + type.precision() + "," + type.scale() + ")"
                    : "DECIMAL(" + MAX_DECIMAL_PRECISION + "," + Math.min(type.scale(), 37) + ")";
            // any precision and scale: only text keeps it exact
            case VARIABLE_DECIMAL -> "VARCHAR(1024)";
            case STRING -> "VARCHAR(" + varcharBytes(type.length()) + ")";
            case JSON, ARRAY -> "SUPER";
            case UUID -> "CHAR(36)";
            case BYTES -> "VARBYTE(1024000)";
            case DATE -> "DATE";
            case TIME -> "TIME";
            // exact text of a duration (MySQL TIME): Redshift's INTERVAL is not a column type
            case DURATION -> "VARCHAR(32)";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMPTZ -> "TIMESTAMPTZ";
        };
    }

    /**
     * Redshift's VARCHAR(n) counts bytes, the source's length counts characters: a UTF-8 character
     * takes up to 4 bytes. Unknown lengths get the widest VARCHAR.
     */
    static int varcharBytes(int sourceLength) {
        if (sourceLength <= 0) {
            return MAX_VARCHAR_BYTES;
        }
        return (int) Math.min((long) sourceLength * 4, MAX_VARCHAR_BYTES);
    }

    @Override
    public String timestampTzType() {
        return "TIMESTAMPTZ";
    }

    /** Redshift rejects longer names. */
    @Override
    public int maxIdentifierBytes() {
        return 127;
    }

    /** Redshift does not enforce keys; the merge keeps keys unique itself. */
    @Override
    public boolean primaryKeys() {
        return false;
    }

    /**
     * Redshift's grammar is {@code ADD [ COLUMN ] column_name column_type ...}, one column per
     * statement and no IF NOT EXISTS; a column another writer added first fails with 42701 and the
     * batch is retried (see {@link SqlDialect#addColumn}).
     */
    @Override
    public String addColumn(TableId table, String definition) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN " + definition;
    }

    /** Redshift changes a type in place only to make a VARCHAR longer. */
    @Override
    public String widenColumn(TableId table, String column, ColumnType from, ColumnType to, String toSql) {
        if (from.kind() != ColumnType.Kind.STRING || to.kind() != ColumnType.Kind.STRING) {
            return null;
        }
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + quote(column) + " TYPE " + toSql;
    }

    @Override
    public String wideningLimits() {
        return "Redshift changes a column in place only to make a VARCHAR longer (ALTER COLUMN ... TYPE), and cannot drop a NOT NULL";
    }

    @Override
    public String dropNotNull(TableId table, String column) {
        return null;
    }

    @Override
    public String createTempTable(String name, String columnsSql) {
        return "CREATE TEMP TABLE " + quote(name) + " (" + columnsSql + ")";
    }

    /**
     * Under SERIALIZABLE isolation Redshift fails one of two conflicting transactions with
     * "serializable isolation violation" (error 1023), whatever its SQLState.
     */
    @Override
    public boolean isTransient(Throwable error) {
        return SqlDialect.super.isTransient(error) || TransientErrors.hasSqlMessage(error, "serializable isolation violation");
    }

    @Override
    public ValueGuard valueGuard() {
        return VALUES;
    }

    @Override
    public StagingLoader loader() {
        return loader;
    }

    @Override
    public String catalogName(String identifier) {
        return identifier.toLowerCase(Locale.ROOT);
    }

    @Override
    public String quote(String identifier) {
        return SqlDialect.super.quote(catalogName(identifier));
    }
}
