package io.tributary.source.dialect.postgres;

import io.tributary.source.dialect.LogSupport;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.TableDescriber;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.postgresql.Driver;

/** PostgreSQL. */
public final class PostgresDialect implements SourceDialect {

    /** String types whose own comparison takes a collation: ordered and compared as {@code k COLLATE "C"}. */
    private static final Set<String> COLLATABLE_TEXT = Set.of("text", "varchar", "bpchar", "name");
    /**
     * Other types read and bound as text whose own operators do not compare byte-wise under
     * {@code COLLATE "C"}: citext sorts case-insensitively whatever the collation (while
     * {@code citext > varchar} compares as text, case-sensitively), and the one-byte {@code "char"}
     * takes no collation at all. They are ordered and compared as {@code CAST(k AS text) COLLATE "C"}.
     */
    private static final Set<String> CAST_TO_TEXT = Set.of("citext", "char");

    private final PostgresTypes types = new PostgresTypes();
    private final PostgresLog log = new PostgresLog();

    @Override
    public Optional<LogSupport> log() {
        return Optional.of(log);
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public String exampleUrl() {
        return "jdbc:postgresql://db:5432/shop";
    }

    /** pgjdbc, with the session in UTC so that no value read or bound depends on the worker JVM's time zone. */
    @Override
    public Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        return connectWith(new Driver(), jdbcUrl, properties);
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
    }

    @Override
    public TableDescription describe(Connection connection, TableId table) throws SQLException {
        return TableDescriber.describe(connection, table, types);
    }

    @Override
    public ColumnMapping mapping(ColumnInfo column) {
        return PostgresTypes.mapping(column);
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:");
    }

    @Override
    public String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public List<TableId> listTables(Connection connection) throws SQLException {
        String sql = "SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition"
                + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'"
                + " AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1, 2";
        List<TableId> tables = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(new TableId(rs.getString(1), rs.getString(2)));
            }
        }
        return tables;
    }

    @Override
    public long estimateRows(Connection connection, TableId table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT greatest(c.reltuples, 0)::bigint FROM pg_class c WHERE c.oid = ?::regclass")) {
            ps.setString(1, qualified(table));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    @Override
    public String keyExpression(ColumnInfo column) {
        String quoted = quote(column.name());
        String type = column.typeName().toLowerCase(Locale.ROOT);
        if (COLLATABLE_TEXT.contains(type)) {
            return quoted + " COLLATE \"C\"";
        }
        return CAST_TO_TEXT.contains(type) ? "CAST(" + quoted + " AS text) COLLATE \"C\"" : quoted;
    }

    @Override
    public String cursorUpperBound(ColumnInfo cursor, long lagMs, ZoneId zone) {
        String type = cursor.typeName().toLowerCase(Locale.ROOT);
        String lag = " - interval '" + lagMs + " milliseconds'";
        if (type.equals("timestamptz")) {
            return "statement_timestamp()" + lag;
        }
        if (type.equals("timestamp")) {
            return "CAST(" + wallClockNow(zone) + " AS timestamp)" + lag;
        }
        if (type.equals("date") || cursor.jdbcType() == Types.DATE) {
            return "CAST(" + wallClockNow(zone) + " AS date)";
        }
        return null;
    }

    /**
     * {@code statement_timestamp()}: the statement's start, one value for every row it scans
     * ({@code clock_timestamp()} is read again per row); also current in a long transaction, where
     * {@code now()} and {@code localtimestamp} stay put. A fixed offset is given as an interval: as
     * text, {@code '+05:30'} would be read as a POSIX zone, west of Greenwich.
     */
    @Override
    public String wallClockNow(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        String zoneSql;
        if (normalized instanceof ZoneOffset offset) {
            zoneSql = offset.getTotalSeconds() == 0 ? "'UTC'" : "INTERVAL '" + offset.getTotalSeconds() + " seconds'";
        } else {
            zoneSql = "'" + zone.getId().replace("'", "''") + "'";
        }
        return "(statement_timestamp() AT TIME ZONE " + zoneSql + ")";
    }

    /**
     * {@code 42703} undefined_column; and {@code 0A000} "cached plan must not change result type", which
     * a server-side prepared statement gets once after a column of its result changed type (pgjdbc
     * prepares it again on the next execution).
     */
    @Override
    public boolean isUndefinedColumn(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("42703".equals(sql.getSQLState()) || ("0A000".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("cached plan must not change result type")))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beginStreamingRead(Connection connection) throws SQLException {
        // pgjdbc streams with a server-side cursor only outside autocommit.
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
    }
}
