package io.tributary.source.dialect.postgres;

import io.debezium.connector.postgresql.PostgresConnector;
import io.debezium.connector.postgresql.PostgresConnectorTask;
import io.tributary.source.config.LogSettings;
import io.tributary.source.dialect.LogSupport;
import io.tributary.source.plan.LogStart;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceTask;
import org.postgresql.Driver;

/**
 * PostgreSQL's log mode: logical replication with {@code pgoutput} from a slot and a publication the
 * connector manages ({@link PostgresLogStart}), read by Debezium's PostgreSQL task with no snapshot
 * of its own. The slot is where the stream resumes when no offset is committed yet, and Debezium
 * confirms to it only what Connect has committed.
 */
public final class PostgresLog implements LogSupport {

    /** The logical decoding message prefix of the heartbeat, which writes WAL through the slot's database. */
    static final String HEARTBEAT_PREFIX = "tributary-heartbeat";
    private static final List<String> SSL_PROPERTIES = List.of("sslmode", "sslcert", "sslkey", "sslrootcert", "sslpassword",
            "sslfactory");

    @Override
    public LogStart prepareTable(Connection connection, TableDescription table, List<String> keyColumns, LogSettings settings)
            throws SQLException {
        return PostgresLogStart.prepare(connection, table, keyColumns, settings);
    }

    @Override
    public void checkTable(Connection connection, TableDescription table, List<String> keyColumns) throws SQLException {
        PostgresLogStart.checkReplicaIdentity(connection, table, keyColumns);
    }

    @Override
    public SourceTask newTask() {
        return new PostgresConnectorTask();
    }

    @Override
    public Map<String, String> taskProperties(Map<String, String> connection, LogSettings settings, String topicPrefix,
            boolean fresh) {
        Properties url = Driver.parseURL(connection.get("url"), new Properties());
        if (url == null) {
            throw new IllegalArgumentException("connection.url is not a PostgreSQL JDBC URL: " + connection.get("url"));
        }
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", firstHost(url.getProperty("PGHOST", "localhost")));
        props.put("database.port", firstHost(url.getProperty("PGPORT", "5432")));
        props.put("database.dbname", url.getProperty("PGDBNAME"));
        props.put("database.user", connection.get("user"));
        props.put("database.password", connection.get("password"));
        for (String ssl : SSL_PROPERTIES) {
            if (url.getProperty(ssl) != null) {
                props.put("database." + ssl, url.getProperty(ssl));
            }
        }
        props.put("connector.class", PostgresConnector.class.getName());
        props.put("plugin.name", "pgoutput");
        props.put("slot.name", settings.slotName());
        props.put("publication.name", settings.publicationName());
        props.put("publication.autocreate.mode", "disabled");
        props.put("slot.drop.on.stop", "false");
        props.put("snapshot.mode", "no_data");
        props.put("offset.mismatch.strategy", "trust_offset");
        // after a rebalance the old task's replication connection may hold the slot for a while: wait up to 5 minutes
        props.put("slot.max.retries", "30");
        props.put("interval.handling.mode", "string");
        props.put("hstore.handling.mode", "json");
        props.put("heartbeat.action.query", "SELECT pg_logical_emit_message(false, '" + HEARTBEAT_PREFIX + "', '')");
        props.put("message.prefix.exclude.list", HEARTBEAT_PREFIX);
        return props;
    }

    @Override
    public void checkStart(Connection connection, LogSettings settings, boolean fresh, List<LogStart> starts) throws SQLException {
        if (!exists(connection, "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", settings.slotName())) {
            throw new IllegalStateException("replication slot " + settings.slotName() + " is missing: the changes since the tables'"
                    + " log starts are gone. Re-snapshot: stop the connector, reset its offsets, resume (docs/operations.md)");
        }
        long first = starts.stream().mapToLong(LogStart::position).min().orElse(Long.MAX_VALUE);
        long confirmed = PostgresLogStart.confirmedPosition(connection, settings.slotName());
        if (fresh && confirmed > first) {
            // the first stream starts at the slot: a slot confirmed past a table's log start would skip its changes
            throw new IllegalStateException("replication slot " + settings.slotName() + " has confirmed changes up to " + confirmed
                    + ", past the earliest log start " + first + " of the planned tables: another consumer used this slot. Give this"
                    + " connector its own log.slot.name and re-snapshot (reset its offsets; docs/operations.md)");
        }
    }

    @Override
    public Map<String, Object> initialOffset(List<LogStart> starts) {
        return null; // the slot is where the stream starts: it was created before any table's log start
    }

    @Override
    public long position(Struct source) {
        return source.getInt64("lsn");
    }

    @Override
    public TableId table(Struct source) {
        return new TableId(source.getString("schema"), source.getString("table"));
    }

    @Override
    public OptionalLong retainedBytes(Connection connection, LogSettings settings) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, settings.slotName());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    public List<String> problems(Connection connection, LogSettings settings) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT current_setting('wal_level'), current_setting('server_version_num')::int,"
                        + " (SELECT rolreplication OR rolsuper FROM pg_roles WHERE rolname = current_user),"
                        + " current_setting('max_replication_slots')::int")) {
            rs.next();
            if (!"logical".equals(rs.getString(1))) {
                problems.add("wal_level is " + rs.getString(1) + ", log mode needs wal_level=logical (postgresql.conf; restart"
                        + " PostgreSQL)");
            }
            if (rs.getInt(2) < 140_000) {
                problems.add("PostgreSQL " + rs.getInt(2) + " is older than 14: log mode needs 14 or newer (logical decoding"
                        + " messages keep the slot moving while the captured tables are quiet)");
            }
            if (!rs.getBoolean(3)) {
                problems.add("the role " + "of connection.user has no REPLICATION attribute: ALTER ROLE <user> REPLICATION");
            }
            if (rs.getInt(4) < 1) {
                problems.add("max_replication_slots is 0: set it to at least 1 (postgresql.conf; restart PostgreSQL)");
            }
        }
        return problems;
    }

    /** The first of a multi-host URL's comma-separated hosts (or ports). */
    private static String firstHost(String hosts) {
        int comma = hosts.indexOf(',');
        return comma < 0 ? hosts : hosts.substring(0, comma);
    }

    /** A name as a PostgreSQL identifier, quoted. */
    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
