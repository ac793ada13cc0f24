package io.tributary.source.dialect;

import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.DatabaseKind;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;

/**
 * What differs between source databases: catalog queries, identifier quoting, binary ordering of
 * text keys and the incremental upper bound. Implementations are found by {@link java.util.ServiceLoader}
 * (see {@link SourceDialects}); everything else is shared SQL.
 */
public interface SourceDialect {

    DatabaseKind kind();

    /** Whether this dialect serves the JDBC URL. */
    boolean handles(String jdbcUrl);

    /** The identifier quoted, inner quotes doubled. */
    String quote(String identifier);

    default String qualified(TableId table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    /** Base tables (no views) the connected user can read, in a stable order. */
    List<TableId> listTables(Connection connection) throws SQLException;

    /** The catalog's row estimate; only for progress and logs, never for chunk boundaries. */
    long estimateRows(Connection connection, TableId table) throws SQLException;

    /**
     * The expression that orders and compares a key column: text keys compare byte-wise (binary
     * collation) so every chunk query and every resume agrees on one order.
     */
    String keyExpression(ColumnInfo column);

    /**
     * SQL for "now minus {@code lagMs} milliseconds", comparable with the timestamp cursor column,
     * evaluated by the database (its clock, not ours). Null for numeric cursors: no upper bound.
     * Cursors without a time zone (PostgreSQL {@code timestamp}, MariaDB {@code DATETIME}) and date
     * cursors compare with the database's now as a wall clock in {@code zone} (cursor.time.zone);
     * instants ({@code timestamptz}, MariaDB {@code TIMESTAMP}) with the instant itself.
     * <p>It must be ONE value for the whole statement (the statement's start), never a clock read per
     * row: with a bound that moves while the table is scanned, a row scanned early can fail it while
     * a newer row scanned later passes, and the poll's checkpoint then moves past the early row for
     * good.
     */
    String cursorUpperBound(ColumnInfo cursor, long lagMs, ZoneId zone);

    /**
     * SQL for the database's clock at the statement's start as a wall-clock timestamp in {@code zone},
     * whatever the session's time zone. It is NULL (MariaDB) or fails (PostgreSQL) when the database
     * does not know the zone.
     */
    String wallClockNow(ZoneId zone);

    /** Prepares a connection for a long, streamed, read-only read (snapshot chunk). */
    void beginStreamingRead(Connection connection) throws SQLException;
}
