package io.tributary.source.config;

import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of log mode ({@code incremental.method=log}), their group "Log", and typed accessors. The
 * slot, publication and server id default to names derived from the connector's topic prefix and
 * name, so two connectors never share one.
 */
public record LogSettings(String slotName, String publicationName, long serverId, long heartbeatIntervalMs, long walWarnBytes,
        long walCheckIntervalMs, long startWaitMs, String schemaHistoryBootstrapServers,
        String schemaHistoryTopic) {

    static final String GROUP = "Log";
    public static final String INCREMENTAL_METHOD = "incremental.method";
    public static final String SLOT_NAME = "log.slot.name";
    public static final String PUBLICATION_NAME = "log.publication.name";
    public static final String SERVER_ID = "log.server.id";
    public static final String HEARTBEAT_INTERVAL_MS = "log.heartbeat.interval.ms";
    public static final String WAL_WARN_BYTES = "log.wal.warn.bytes";
    public static final String WAL_CHECK_INTERVAL_MS = "log.wal.check.interval.ms";
    public static final String START_WAIT_MS = "log.start.wait.ms";
    public static final String SCHEMA_HISTORY_BOOTSTRAP_SERVERS = "log.schema.history.kafka.bootstrap.servers";
    public static final String SCHEMA_HISTORY_TOPIC = "log.schema.history.kafka.topic";

    static void define(ConfigDef def) {
        int order = 0;
        def.define(INCREMENTAL_METHOD, ConfigDef.Type.STRING, IncrementalMethod.CURSOR.configValue(),
                ConfigDef.CaseInsensitiveValidString.in(IncrementalMethod.configValues()), Importance.HIGH,
                "How changes are followed: cursor (poll each table by cursor.columns; no hard deletes) or log (stream the"
                        + " database's log from a point fixed before each table's snapshot: every insert, update and delete;"
                        + " logical replication with pgoutput, or the row-based binlog, read by Debezium's log readers; docs/source.md,"
                        + " Log mode, says what each database needs). In log mode cursor.columns, incremental.lag.ms and"
                        + " soft.delete.columns are not used.",
                GROUP, ++order, Width.SHORT, "Incremental method");
        def.define(SLOT_NAME, ConfigDef.Type.STRING, "", Importance.MEDIUM,
                "Databases read through a replication slot: the logical replication slot (pgoutput). Created if missing, reused if present. Empty: tributary_"
                        + "<topic.prefix> in lower case, other characters as underscores.", GROUP, ++order, Width.MEDIUM, "Slot");
        def.define(PUBLICATION_NAME, ConfigDef.Type.STRING, "", Importance.MEDIUM,
                "Databases with publications: the publication of the captured tables. Created if missing (empty, then each table is added as it"
                        + " is planned), reused if present. Empty: the slot's name.", GROUP, ++order, Width.MEDIUM, "Publication");
        def.define(SERVER_ID, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "Binlog databases: the replica id the binlog reader connects with; it must differ from the server's and every other"
                        + " replica's, and stay the same across restarts. 0: derived from the connector's name (5400000 to 5499999).",
                GROUP, ++order, Width.SHORT, "Binlog server id");
        def.define(HEARTBEAT_INTERVAL_MS, ConfigDef.Type.LONG, 10_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "How often the log reader confirms its position when the captured tables are quiet, so the database can free the"
                        + " log other tables write (0: never).", GROUP, ++order, Width.SHORT, "Heartbeat interval (ms)");
        def.define(WAL_WARN_BYTES, ConfigDef.Type.LONG, 10L * 1024 * 1024 * 1024, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Databases read through a replication slot: a WARN when the slot holds back more WAL than this (an abandoned or lagging slot fills the disk).",
                GROUP, ++order, Width.SHORT, "Retained WAL warning (bytes)");
        def.define(WAL_CHECK_INTERVAL_MS, ConfigDef.Type.LONG, 60_000L, ConfigDef.Range.atLeast(1_000), Importance.LOW,
                "How often the retained WAL of the slot is measured (JMX RetainedWalBytes).", GROUP, ++order, Width.SHORT,
                "WAL check interval (ms)");
        def.define(START_WAIT_MS, ConfigDef.Type.LONG, 600_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                "Databases read through a replication slot: how long planning a table may wait for the transactions that were writing when its log start was"
                        + " read (they must end before its chunks are read; see docs/source.md). Then the plan fails and is tried again.",
                GROUP, ++order, Width.SHORT, "Log start wait (ms)");
        def.define(SCHEMA_HISTORY_BOOTSTRAP_SERVERS, ConfigDef.Type.STRING, "", Importance.MEDIUM,
                "Binlog databases: Kafka brokers of the schema history topic, where the binlog reader keeps the DDL it has read."
                        + " Empty: the history is kept in memory and rebuilt from the current schema on every start, which is"
                        + " wrong if a captured table's columns changed while the connector was behind (docs/source.md).",
                GROUP, ++order, Width.LONG, "Schema history brokers");
        def.define(SCHEMA_HISTORY_TOPIC, ConfigDef.Type.STRING, "", Importance.LOW,
                "Binlog databases: the schema history topic (one partition, unlimited retention). Empty:"
                        + " __tributary_schema_history.<topic.prefix>.", GROUP, ++order, Width.MEDIUM, "Schema history topic");
    }

    static LogSettings of(AbstractConfig config, String topicPrefix, String connectorName) {
        String slot = config.getString(SLOT_NAME).isBlank()
                ? ("tributary_" + topicPrefix).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_")
                : config.getString(SLOT_NAME);
        String publication = config.getString(PUBLICATION_NAME).isBlank() ? slot : config.getString(PUBLICATION_NAME);
        long serverId = config.getLong(SERVER_ID) > 0 ? config.getLong(SERVER_ID)
                : 5_400_000L + Math.floorMod(connectorName.hashCode(), 100_000);
        String topic = config.getString(SCHEMA_HISTORY_TOPIC).isBlank() ? "__tributary_schema_history." + topicPrefix
                : config.getString(SCHEMA_HISTORY_TOPIC);
        return new LogSettings(slot.length() > 63 ? slot.substring(0, 63) : slot, publication, serverId,
                config.getLong(HEARTBEAT_INTERVAL_MS), config.getLong(WAL_WARN_BYTES), config.getLong(WAL_CHECK_INTERVAL_MS),
                config.getLong(START_WAIT_MS), config.getString(SCHEMA_HISTORY_BOOTSTRAP_SERVERS),
                topic);
    }
}
