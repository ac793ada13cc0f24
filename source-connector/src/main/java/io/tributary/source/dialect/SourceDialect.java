package io.tributary.source.dialect;

import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Everything that differs between source databases: connecting (the driver and the session's
 * settings), the catalog (tables, columns, row estimates), the type mappings, identifier quoting,
 * the binary ordering of text keys, paging, and the incremental upper bound. Implementations are
 * found by {@link java.util.ServiceLoader} ({@link SourceDialects}), one package per database; the
 * rest of the connector is shared.
 */
public interface SourceDialect {

    /** The databases this dialect serves, as users name them, for messages and documentation. */
    String name();

    /** Whether this dialect serves the JDBC URL. */
    boolean handles(String jdbcUrl);

    /** An example URL, for documentation and messages. */
    String exampleUrl();

    /**
     * A new connection with the settings the mappings rely on (e.g. the session's time zone), opened
     * with the driver shipped in the plugin (Connect's plugin class loader hides it from DriverManager).
     */
    Connection connect(String jdbcUrl, Properties properties) throws SQLException;

    /** The session settings the mappings rely on; {@link #connect} applies them to every connection it opens. */
    void prepareSession(Connection connection) throws SQLException;

    /**
     * What {@link #connect} does with the dialect's driver: opens the connection and prepares its
     * session, closing it when that fails.
     */
    default Connection connectWith(java.sql.Driver driver, String jdbcUrl, Properties properties) throws SQLException {
        Connection connection = driver.connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("not a " + name() + " JDBC URL: " + exampleUrl(), "08001");
        }
        try {
            prepareSession(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The identifier quoted, inner quotes doubled. */
    String quote(String identifier);

    default String qualified(TableId table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    /** Base tables (no views) the connected user can read, in a stable order. */
    List<TableId> listTables(Connection connection) throws SQLException;

    /** A table's columns, in table order, and its primary key. */
    TableDescription describe(Connection connection, TableId table) throws SQLException;

    /** The catalog's row estimate; only for progress and logs, never for chunk boundaries. */
    long estimateRows(Connection connection, TableId table) throws SQLException;

    /** How a column of this database becomes a Connect field and an offset value. */
    ColumnMapping mapping(ColumnInfo column);

    /**
     * The expression that orders and compares a key column: text keys compare byte-wise (binary
     * collation) so every chunk query and every resume agrees on one order.
     */
    String keyExpression(ColumnInfo column);

    /** {@code select} limited to its first {@code rows} rows. */
    default String limit(String select, int rows) {
        return select + " LIMIT " + rows;
    }

    /**
     * SQL for "now minus {@code lagMs} milliseconds", comparable with the timestamp cursor column,
     * evaluated by the database (its clock, not ours). Null for numeric cursors: no upper bound.
     * Cursors without a time zone and date cursors compare with the database's now as a wall clock in
     * {@code zone} (cursor.time.zone); instants with the instant itself.
     * <p>It must be ONE value for the whole statement (the statement's start), never a clock read per
     * row: with a bound that moves while the table is scanned, a row scanned early can fail it while
     * a newer row scanned later passes, and the poll's checkpoint then moves past the early row for
     * good.
     */
    String cursorUpperBound(ColumnInfo cursor, long lagMs, ZoneId zone);

    /**
     * SQL for the database's clock at the statement's start as a wall-clock timestamp in {@code zone},
     * whatever the session's time zone. It is NULL or fails when the database does not know the zone.
     */
    String wallClockNow(ZoneId zone);

    /** What the user can do when the database does not know a cursor.time.zone, for the error message. */
    default String unknownZoneHint() {
        return "use a region the database knows, or an offset such as +05:30";
    }

    /**
     * Whether a statement failed because the table's columns are no longer those it was written for:
     * it names a column that was dropped or renamed meanwhile, or (where the database caches plans)
     * its cached plan's result columns changed type. The task then describes the table again.
     */
    boolean isUndefinedColumn(SQLException e);

    /** Prepares a connection for a long, streamed, read-only read (snapshot chunk). */
    void beginStreamingRead(Connection connection) throws SQLException;

    /** Log mode (incremental.method=log), where the database has it. */
    default Optional<LogSupport> log() {
        return Optional.empty();
    }
}
