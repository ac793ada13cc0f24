package io.tributary.source.dialect.mysql;

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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.mariadb.jdbc.Driver;

/** MariaDB and MySQL; a "schema" is a database. */
public final class MySqlDialect implements SourceDialect {

    private static final Set<String> TEXT_TYPES = Set.of("char", "varchar", "text", "tinytext", "mediumtext", "longtext",
            "enum", "set");

    private final MySqlTypes types = new MySqlTypes();
    private final MariaDbLog log = new MariaDbLog();

    @Override
    public Optional<LogSupport> log() {
        return Optional.of(log);
    }

    @Override
    public String name() {
        return "MySQL/MariaDB";
    }

    @Override
    public String exampleUrl() {
        return "jdbc:mariadb://db:3306/shop";
    }

    /**
     * The MariaDB driver (for jdbc:mysql: URLs too), with {@code time_zone = '+00:00'}: a TIMESTAMP is
     * stored in UTC but shown in the session's zone; read in UTC its wall clock IS the instant, with no
     * DST gaps or repeated hours.
     */
    @Override
    public Connection connect(String jdbcUrl, Properties properties) throws SQLException {
        String url = jdbcUrl.startsWith("jdbc:mysql:") ? "jdbc:mariadb:" + jdbcUrl.substring("jdbc:mysql:".length()) : jdbcUrl;
        return connectWith(new Driver(), url, properties);
    }

    @Override
    public void prepareSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        }
    }

    @Override
    public TableDescription describe(Connection connection, TableId table) throws SQLException {
        return TableDescriber.describe(connection, table, types);
    }

    @Override
    public ColumnMapping mapping(ColumnInfo column) {
        return MySqlTypes.mapping(column);
    }

    @Override
    public String unknownZoneHint() {
        return "MySQL/MariaDB know named zones only when the server's time zone tables are loaded (mariadb-tzinfo-to-sql);"
                + " offsets such as +05:30 always work";
    }

    @Override
    public boolean handles(String jdbcUrl) {
        return jdbcUrl != null && (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:"));
    }

    @Override
    public String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }

    @Override
    public List<TableId> listTables(Connection connection) throws SQLException {
        String sql = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " AND TABLE_SCHEMA NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys') ORDER BY 1, 2";
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
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            ps.setString(1, table.schema());
            ps.setString(2, table.table());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    @Override
    public String keyExpression(ColumnInfo column) {
        String quoted = quote(column.name());
        return TEXT_TYPES.contains(column.typeName().toLowerCase(Locale.ROOT)) ? "BINARY " + quoted : quoted;
    }

    @Override
    public String cursorUpperBound(ColumnInfo cursor, long lagMs, ZoneId zone) {
        String type = cursor.typeName().toLowerCase(Locale.ROOT);
        String lag = " - INTERVAL " + (lagMs * 1000) + " MICROSECOND)";
        if (type.startsWith("timestamp")) {
            // an instant, shown in the session's time zone, +00:00 like NOW(6) (connect())
            return "(NOW(6)" + lag;
        }
        if (type.startsWith("datetime")) {
            return "(" + wallClockNow(zone) + lag;
        }
        if (type.equals("date")) {
            return "DATE(" + wallClockNow(zone) + ")";
        }
        return null;
    }

    /**
     * NOW(6) is the statement's start, the same for every row (SYSDATE(6) would be read per row), in
     * the session's time zone, +00:00 (connect()). CONVERT_TZ knows offsets such as +05:30
     * always, named zones only when the server's time zone tables are loaded (else: NULL).
     */
    @Override
    public String wallClockNow(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (normalized.equals(ZoneOffset.UTC)) {
            return "NOW(6)";
        }
        String name = normalized instanceof ZoneOffset offset ? offset.getId() : zone.getId();
        return "CONVERT_TZ(NOW(6), '+00:00', '" + name.replace("\\", "\\\\").replace("'", "''") + "')";
    }

    /** Error 1054 ER_BAD_FIELD_ERROR, "Unknown column ... in 'field list'" (SQLState {@code 42S22}). */
    @Override
    public boolean isUndefinedColumn(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == 1054 || "42S22".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void beginStreamingRead(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
    }
}
