package io.tributary.source.dialect.mysql;

import io.debezium.connector.mariadb.MariaDbConnector;
import io.debezium.connector.mariadb.MariaDbConnectorTask;
import io.tributary.source.config.LogSettings;
import io.tributary.source.dialect.LogSupport;
import io.tributary.source.plan.LogStart;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceTask;

/**
 * MariaDB's log mode: the row-based binlog, read by Debezium's MariaDB task with no snapshot of its own.
 * A table's log start is the binlog position of a consistent snapshot ({@code START TRANSACTION WITH
 * CONSISTENT SNAPSHOT}: every transaction before it is visible to every later read, so no wait is needed)
 * with the GTID position there. The stream's first start is the smallest log start of the planned
 * tables. MySQL servers are refused: Debezium's MySQL reader is not part of the plugin.
 */
public final class MariaDbLog implements LogSupport {

    static final String FILE = "file";
    static final String POS = "pos";
    static final String GTIDS = "gtids";

    /** Column types Debezium's MariaDB DDL parser (3.5) cannot read: a captured table with one would stop the stream. */
    private static final Set<String> UNPARSEABLE_TYPES = Set.of("inet4", "inet6");

    @Override
    public void checkTable(Connection connection, TableDescription table, List<String> keyColumns) {
        for (ColumnInfo column : table.columns()) {
            if (UNPARSEABLE_TYPES.contains(column.typeName().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("column " + column.name() + " of " + table.id().qualified() + " is "
                        + column.typeName() + ", a type the binlog reader cannot parse in DDL: log mode cannot capture this table"
                        + " (exclude it and capture it with incremental.method=cursor in another connector, or change the column to"
                        + " varchar)");
            }
        }
    }

    @Override
    public LogStart prepareTable(Connection connection, TableDescription table, List<String> keyColumns, LogSettings settings)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        String file;
        long pos;
        try (Statement st = connection.createStatement()) {
            if (!autoCommit) {
                connection.commit();
            }
            connection.setAutoCommit(false);
            st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            Map<String, String> status = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
                while (rs.next()) {
                    status.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
            connection.commit();
            file = status.get("binlog_snapshot_file");
            if (file == null || file.isBlank()) {
                throw new IllegalArgumentException("the server has no binary log (binlog_snapshot_file is empty): log mode needs"
                        + " log_bin=ON");
            }
            pos = Long.parseLong(status.get("binlog_snapshot_position"));
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        String gtids;
        try (PreparedStatement ps = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            ps.setString(1, file);
            ps.setLong(2, pos);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                gtids = rs.getString(1) == null ? "" : rs.getString(1);
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put(FILE, file);
        details.put(POS, pos);
        details.put(GTIDS, gtids);
        return new LogStart(BinlogPositions.position(file, pos), details);
    }

    @Override
    public void checkStart(Connection connection, LogSettings settings, boolean fresh, List<LogStart> starts) {
        // the binlog is kept by time (binlog_expire_logs_seconds): Debezium fails, naming the missing file, if it is gone
    }

    @Override
    public SourceTask newTask() {
        return new MariaDbConnectorTask();
    }

    @Override
    public Map<String, String> taskProperties(Map<String, String> connection, LogSettings settings, String topicPrefix,
            boolean fresh) {
        String url = connection.get("url");
        URI uri = URI.create(url.substring("jdbc:".length()).replaceFirst("^mysql:", "mariadb:"));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("connector.class", MariaDbConnector.class.getName());
        props.put("database.hostname", uri.getHost());
        props.put("database.port", Integer.toString(uri.getPort() < 0 ? 3306 : uri.getPort()));
        props.put("database.user", connection.get("user"));
        props.put("database.password", connection.get("password"));
        props.put("database.server.id", Long.toString(settings.serverId()));
        props.put("snapshot.locking.mode", "none");
        props.put("bigint.unsigned.handling.mode", "precise");
        props.put("include.schema.changes", "false");
        // keep (and parse) the DDL of the captured tables only: another table's DDL is none of our business, and
        // one the reader's parser does not know (e.g. an inet6 column) would otherwise stop the stream
        props.put("schema.history.internal.store.only.captured.tables.ddl", "true");
        props.put("schema.history.internal.store.only.captured.databases.ddl", "true");
        if (settings.schemaHistoryBootstrapServers().isBlank()) {
            // the DDL read from the binlog is kept in memory: each start rebuilds the tables' schemas as they are now
            props.put("schema.history.internal", "io.debezium.relational.history.MemorySchemaHistory");
            props.put("snapshot.mode", "recovery");
        } else {
            props.put("schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory");
            props.put("schema.history.internal.kafka.bootstrap.servers", settings.schemaHistoryBootstrapServers());
            props.put("schema.history.internal.kafka.topic", settings.schemaHistoryTopic());
            props.put("snapshot.mode", fresh ? "recovery" : "no_data");
        }
        return props;
    }

    @Override
    public Map<String, Object> initialOffset(List<LogStart> starts) {
        LogStart first = starts.stream().min(Comparator.comparingLong(LogStart::position)).orElseThrow(
                () -> new IllegalStateException("no planned table has a log start: the log stream has nowhere to start"));
        Map<String, Object> offset = new LinkedHashMap<>();
        offset.put(FILE, first.details().get(FILE));
        offset.put(POS, ((Number) first.details().get(POS)).longValue());
        offset.put(GTIDS, first.details().get(GTIDS));
        return offset;
    }

    @Override
    public long position(Struct source) {
        return BinlogPositions.position(source.getString("file"), source.getInt64("pos"));
    }

    @Override
    public TableId table(Struct source) {
        return new TableId(source.getString("db"), source.getString("table"));
    }

    @Override
    public List<String> problems(Connection connection, LogSettings settings) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT VERSION(), @@log_bin, @@binlog_format, @@binlog_row_image, @@server_id")) {
            rs.next();
            if (!rs.getString(1).toLowerCase(Locale.ROOT).contains("mariadb")) {
                problems.add("log mode reads MariaDB's binlog; this server is MySQL " + rs.getString(1) + ", which is not supported"
                        + " yet: use incremental.method=cursor");
                return problems;
            }
            if (rs.getInt(2) != 1) {
                problems.add("the binary log is off: log mode needs log_bin (my.cnf: log-bin; restart MariaDB)");
            }
            if (!"ROW".equalsIgnoreCase(rs.getString(3))) {
                problems.add("binlog_format is " + rs.getString(3) + ", log mode needs ROW (SET GLOBAL binlog_format = 'ROW', and in"
                        + " my.cnf)");
            }
            if (!"FULL".equalsIgnoreCase(rs.getString(4))) {
                problems.add("binlog_row_image is " + rs.getString(4) + ", log mode needs FULL (SET GLOBAL binlog_row_image ="
                        + " 'FULL', and in my.cnf)");
            }
            if (rs.getLong(5) == settings.serverId()) {
                problems.add("log.server.id " + settings.serverId() + " is the server's own server_id: choose another");
            }
        }
        String grants = grants(connection);
        if (!grants.contains("ALL PRIVILEGES") && !(grants.contains("REPLICATION SLAVE") || grants.contains("REPLICATION REPLICA"))) {
            problems.add("the user lacks the replication grants log mode needs: GRANT REPLICATION SLAVE, BINLOG MONITOR ON *.* TO"
                    + " <user>");
        }
        return problems;
    }

    private static String grants(Connection connection) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                all.append(rs.getString(1).toUpperCase(Locale.ROOT)).append('\n');
            }
        }
        return all.toString();
    }
}
