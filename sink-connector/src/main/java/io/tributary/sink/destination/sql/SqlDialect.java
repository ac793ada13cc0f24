package io.tributary.sink.destination.sql;

import io.tributary.common.TransientErrors;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What differs between SQL warehouses, kept small: type names, temporary tables, the loader and how
 * to connect. The MERGE and DDL statements themselves are shared ({@link MergeSql}, {@link TableDdl}).
 */
public interface SqlDialect extends SqlText {

    /** Opens a connection with the driver shipped in the plugin (not DriverManager, which cannot see plugin jars). */
    Connection connect(String url, Properties properties) throws SQLException;

    /** The warehouse type of a column. */
    String typeName(Column column);

    /** The type of a column in the temporary staging table; the final table's by default. */
    default String stageTypeName(Column column) {
        return typeName(column);
    }

    /** What the warehouse's columns cannot hold (its documented ranges), checked before a record joins a batch. */
    ValueGuard valueGuard();

    /**
     * The name under which the warehouse's catalog (information_schema) lists a column the sink
     * created as {@code quote(identifier)}: the identifier itself, unless the warehouse folds case.
     */
    default String catalogName(String identifier) {
        return identifier;
    }

    /** The type of the columns the merge sets to the current time ({@link MetadataColumns#mergeTimes}). */
    default String timestampTzType() {
        return "TIMESTAMP WITH TIME ZONE";
    }

    /** The most bytes a table or schema name may have; longer names are shortened ({@link Identifiers}). */
    default int maxIdentifierBytes() {
        return Integer.MAX_VALUE;
    }

    /** How many batches may be written at once (1 where the warehouse allows one writer per database file). */
    default int maxConcurrentWrites() {
        return Integer.MAX_VALUE;
    }

    /** Whether merge-mode tables get a PRIMARY KEY on the key columns. */
    boolean primaryKeys();

    /**
     * Adds one column ({@code definition}: quoted name and type) to an existing table. Standard SQL
     * with IF NOT EXISTS where the warehouse has it; a warehouse without it fails with duplicate
     * column (SQLSTATE 42701) when another writer added it first, which {@link #isTransient} calls
     * transient: the next attempt finds the column and skips it.
     */
    default String addColumn(TableId table, String definition) {
        return "ALTER TABLE " + table(table) + " ADD COLUMN IF NOT EXISTS " + definition;
    }

    /** A temporary table for the staged rows, dropped with the connection at the latest. */
    default String createTempTable(String name, String columnsSql) {
        return "CREATE TEMPORARY TABLE " + quote(name) + " (" + columnsSql + ")";
    }

    /**
     * A statement, run in a batch's transaction once its rows are staged and before the table's DDL
     * and the merge, that makes any other writer of the same table wait until this transaction ends.
     * Without it, under READ COMMITTED, a writer that checked the tombstones before another committed
     * a delete could still insert an older version of the deleted row. It must not block readers or
     * maintenance. Null where the warehouse keeps such writers apart itself (one writer per file, or
     * SERIALIZABLE isolation, under which the conflicting transaction fails and is retried) or where we
     * have none yet (known gaps, docs/sink.md); each dialect says which applies.
     */
    default String lockForApply(TableId table) {
        return null;
    }

    /**
     * Whether a failure is worth another attempt for reasons of this warehouse, beyond the shared
     * rules ({@link TransientErrors}). By default: another writer created the same table, schema or
     * column first (unique violation 23505 in the catalog, duplicate table 42P07, duplicate object
     * 42710, duplicate column 42701, see {@link #addColumn}); the next attempt finds it and goes on.
     */
    default boolean isTransient(Throwable error) {
        return TransientErrors.hasSqlState(error, "23505", "42P07", "42710", "42701");
    }

    /** Loads a batch's staged file into a (temporary) table. */
    StagingLoader loader();
    /**
     * The neutral type of a column this warehouse lists (or the sink writes) as {@code sqlType}, in the
     * warehouse's own units (its synonyms folded, its lengths as it counts them), for the types the sink
     * widens; null for others ({@link SqlTypes}).
     */
    default ColumnType storedType(String sqlType) {
        return SqlTypes.parse(sqlType);
    }

    /**
     * Widens a column in place from {@code from} to {@code to} ({@code toSql}: the type name to write),
     * or null where the warehouse cannot: then the batch fails with {@link io.tributary.sink.destination.WideningRefusedException}
     * naming {@link #wideningLimits}. Standard SQL {@code ALTER COLUMN ... TYPE} by default.
     */
    default String widenColumn(TableId table, String column, ColumnType from, ColumnType to, String toSql) {
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + quote(column) + " TYPE " + toSql;
    }

    /** What the warehouse can widen in place, for the message of a widening it cannot do. */
    default String wideningLimits() {
        return "the warehouse cannot change this column's type in place";
    }

    /** Relaxes a NOT NULL column (one the records no longer carry), or null where the warehouse cannot. */
    default String dropNotNull(TableId table, String column) {
        return "ALTER TABLE " + table(table) + " ALTER COLUMN " + quote(column) + " DROP NOT NULL";
    }

    /**
     * Whether a failed statement can be undone alone (SAVEPOINT) in a transaction that goes on; then a
     * schema change another writer made first is found by reading the catalog again
     * ({@link SchemaEvolution}). Elsewhere the failure fails the attempt, and the next one finds it.
     */
    default boolean savepoints() {
        return false;
    }
}
