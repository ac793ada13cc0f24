package io.tributary.sink.destination.postgres;

import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.destination.ValueRanges;
import io.tributary.sink.destination.sql.SqlDialect;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Properties;
import org.postgresql.Driver;

/** PostgreSQL types; staged rows are loaded with COPY FROM STDIN. */
public final class PostgresDialect implements SqlDialect {

    /** The first key of Tributary's advisory locks ("TRIB"), apart from other applications' keys. */
    static final int ADVISORY_LOCK_CLASS = 0x54524942;

    /**
     * PostgreSQL's documented ranges (datatype-datetime): date 4713 BC to 5874897 AD, timestamp 4713 BC
     * to 294276 AD (and +/-infinity), time 00:00:00 to 24:00:00; text, varchar and jsonb cannot hold
     * the character with code zero (nor jsonb its escape {@code \u0000}).
     */
    static final ValueGuard VALUES = new ValueRanges("PostgreSQL", LocalDate.of(-4712, 1, 1), LocalDate.of(5874897, 12, 31),
            LocalDateTime.of(-4712, 1, 1, 0, 0), LocalDateTime.of(294276, 12, 31, 23, 59, 59, 999_999_000),
            ValueRanges.DAY_MICROS, true, false);

    private final StagingLoader loader = new PostgresCopyLoader();

    @Override
    public Connection connect(String url, Properties properties) throws SQLException {
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)", "08001");
        }
        // the driver sets the session's time zone to the JVM's; timestamps (wall-clock times read as UTC) cast to
        // timestamptz (a widened column) must be read as UTC whatever zone the worker runs in
        try (java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A timestamp (wall-clock time read as UTC) or a date becomes a timestamptz as that time in UTC, whatever the session's time zone. */
    @Override
    public String widenColumn(TableId table, String column, ColumnType from, ColumnType to, String toSql) {
        String alter = SqlDialect.super.widenColumn(table, column, from, to, toSql);
        if (to.kind() == ColumnType.Kind.TIMESTAMPTZ && from.kind() != ColumnType.Kind.TIMESTAMPTZ) {
            return alter + " USING " + quote(column) + "::timestamp AT TIME ZONE 'UTC'";
        }
        return alter;
    }

    @Override
    public boolean savepoints() {
        return true;
    }

    @Override
    public String typeName(Column column) {
        return switch (column.kind()) {
            case BOOLEAN -> "boolean";
            case INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case DECIMAL -> column.type().precision() > 0
                    ? "numeric(" + column.type().precision() + "," + column.type().scale() + ")" : "numeric";
            case VARIABLE_DECIMAL -> "numeric";
            case STRING -> column.type().length() > 0 ? "varchar(" + column.type().length() + ")" : "text";
            case JSON -> "jsonb";
            case UUID -> "uuid";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIME -> "time";
            case DURATION -> "interval";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case ARRAY -> typeName(column.element()) + "[]";
        };
    }

    @Override
    public String timestampTzType() {
        return "timestamptz";
    }

    /** PostgreSQL truncates longer names (NAMEDATALEN - 1). */
    @Override
    public int maxIdentifierBytes() {
        return 63;
    }

    @Override
    public boolean primaryKeys() {
        return true;
    }

    /**
     * A transaction-scoped advisory lock keyed by the table's quoted name (String.hashCode is the same in
     * every JVM): unlike a self-conflicting table lock it does not stop autovacuum, ANALYZE or CREATE
     * INDEX CONCURRENTLY, and it needs no privilege. Two tables sharing a hash merely take turns.
     */
    @Override
    public String lockForApply(TableId table) {
        return "SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_CLASS + ", " + table(table).hashCode() + ")";
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
