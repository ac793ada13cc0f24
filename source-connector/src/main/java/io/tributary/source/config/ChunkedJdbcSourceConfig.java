package io.tributary.source.config;

import io.tributary.common.UrlCredentials;
import io.tributary.source.dialect.SourceDialects;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Typed configuration of the source connector ({@code ChunkedJdbcSourceConnector}): one accessor per key. */
public final class ChunkedJdbcSourceConfig extends AbstractConfig {

    static final String GROUP_CONNECTION = "Connection";
    static final String GROUP_TABLES = "Tables";
    static final String GROUP_SNAPSHOT = "Snapshot";
    static final String GROUP_INCREMENTAL = "Incremental";

    public static final String CONNECTION_URL = "connection.url";
    private static final String CONNECTION_URL_DOC = "JDBC URL of the source database: " + SourceDialects.examples() + "."
            + " It is shown unmasked by the REST API, so it must not hold credentials (password, token or key parameters, user:password@):"
            + " the password goes in connection.password.";
    public static final String CONNECTION_USER = "connection.user";
    private static final String CONNECTION_USER_DOC = "Database user. Needs SELECT on the captured tables and read access to the catalog.";
    public static final String CONNECTION_PASSWORD = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC = "Password of connection.user. Masked by the REST API and never logged; prefer a config provider, e.g. ${file:/secrets/db.properties:password}.";

    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    private static final String TABLE_INCLUDE_LIST_DOC = "Comma-separated regular expressions matched against schema.table; a table is captured when one matches. Empty means every table the user can read.";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    private static final String TABLE_EXCLUDE_LIST_DOC = "Comma-separated regular expressions matched against schema.table; a matching table is never captured, even if included.";
    public static final String TOPIC_PREFIX = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Prefix of the topics: each table goes to <topic.prefix>.<schema>.<table>.";
    public static final String KEY_COLUMNS = "key.columns";
    private static final String KEY_COLUMNS_DOC = "Key overrides, <table regex>:<col>,<col>;... for tables without a primary key or when another key should drive chunking and record keys. The columns must be NOT NULL and unique together: rows sharing a key value could be skipped on resume.";

    public static final String MODE = "mode";
    private static final String MODE_DOC = "snapshot_and_incremental: snapshot every row, then poll for changes; snapshot: snapshot and stop; incremental: poll for changes only.";
    public static final String SNAPSHOT_CHUNK_ROWS = "snapshot.chunk.rows";
    private static final String SNAPSHOT_CHUNK_ROWS_DOC = "Target number of rows per snapshot chunk. Chunks are the unit of parallelism and of restart.";
    public static final String FETCH_SIZE = "fetch.size";
    private static final String FETCH_SIZE_DOC = "JDBC fetch size: rows held in memory per open cursor.";
    public static final String BATCH_MAX_ROWS = "batch.max.rows";
    private static final String BATCH_MAX_ROWS_DOC = "Maximum rows returned to Connect by one poll() of a task.";

    public static final String SNAPSHOT_MAX_ROWS_PER_SECOND = "snapshot.max.rows.per.second";
    private static final String SNAPSHOT_MAX_ROWS_PER_SECOND_DOC = "Upper bound on the rows per second each task reads during the snapshot, to spare a busy production database. 0 means no limit.";

    public static final String CURSOR_COLUMNS = "cursor.columns";
    private static final String CURSOR_COLUMNS_DOC = "Incremental cursors, <table regex>:<cursor col>[,<tie-breaker col>];... The cursor is a timestamp or a number that grows on every insert and update; the tie-breaker defaults to the key.";
    public static final String INCREMENTAL_LAG_MS = "incremental.lag.ms";
    private static final String INCREMENTAL_LAG_MS_DOC = "Rows whose timestamp cursor is newer than database-now minus this lag are left for the next poll, and polling starts no later than database-now minus this lag at planning, so a transaction that stamped its rows before a poll (or the plan) but commits after it is not skipped. Set it longer than your longest writing transaction. (Numeric cursors have no time bound: a late-committing sequence value can be missed.)";
    public static final String CURSOR_TIME_ZONE = "cursor.time.zone";
    private static final String CURSOR_TIME_ZONE_DOC = "The time zone in which timestamp cursors without a time zone (timestamp,"
            + " DATETIME) and date cursors are written; the incremental upper bound and the plan's start point are computed in it, on"
            + " the database's clock (Confluent's JDBC source calls it db.timezone). Cursors that are instants (timestamp with time"
            + " zone, TIMESTAMP) do not depend on it. UTC, a region such as Europe/Berlin, or an offset such as +05:30; some databases"
            + " know regions only when their time zone tables are loaded (validate() checks). In a zone with daylight saving time,"
            + " rows stamped in the hour that repeats each autumn can be missed: prefer UTC.";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    private static final String POLL_INTERVAL_MS_DOC = "Pause between two incremental polls of a table.";

    public static final String SOFT_DELETE_COLUMNS = "soft.delete.columns";
    public static final String SCHEMA_SOURCE_TYPES = "schema.source.types";
    private static final String SCHEMA_SOURCE_TYPES_DOC = "Give every field of the record schemas the parameter tributary.source.type, the column's"
            + " type name in the source database (e.g. int8, varchar, timestamptz). Off by default, as in Debezium: with converters that embed"
            + " the schema in each record (JsonConverter with schemas), it makes every record about a third larger.";
    private static final String SOFT_DELETE_COLUMNS_DOC = "Soft-delete markers, <table regex>:<column>;... A row whose marker column is set (not null, not false, not exactly zero: 0.5 counts as set) is sent as a delete (header tributary.op=d). Cursor polling cannot see hard deletes: use a soft-delete column, or Debezium for log-based CDC.";
    public static final String TABLE_MONITOR_INTERVAL_MS = "table.monitor.interval.ms";
    private static final String TABLE_MONITOR_INTERVAL_MS_DOC = "How often the connector looks for new tables and for tables whose snapshot has finished (their incremental phase starts then), and how often a task describes the tables it reads again to follow their schema changes (cursor mode).";
    public static final String LEDGER_TOPIC = "ledger.topic";
    private static final String LEDGER_TOPIC_DOC = "Topic of the snapshot ledger: a JSON record per table plan and per finished chunk, carrying their offsets. Empty means __tributary_ledger.<topic.prefix>.";
    public static final String RETRY_ATTEMPTS = "connection.retry.attempts";
    private static final String RETRY_ATTEMPTS_DOC = "How often a task retries after losing its database connection before it fails.";
    public static final String RETRY_BACKOFF_MS = "connection.retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "First wait before a retry; it doubles on each attempt, up to one minute.";

    public static final ConfigDef CONFIG_DEF = configDef();

    public ChunkedJdbcSourceConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        int order = 0;
        ConfigDef def = new ConfigDef();
        def.define(CONNECTION_URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.CompositeValidator.of(new ConfigDef.NonEmptyString(), UrlCredentials.validator(CONNECTION_PASSWORD)), Importance.HIGH,
                CONNECTION_URL_DOC, GROUP_CONNECTION, ++order, Width.LONG, "JDBC URL");
        def.define(CONNECTION_USER, ConfigDef.Type.STRING, null, Importance.HIGH, CONNECTION_USER_DOC, GROUP_CONNECTION, ++order, Width.MEDIUM, "User");
        def.define(CONNECTION_PASSWORD, ConfigDef.Type.PASSWORD, null, Importance.HIGH, CONNECTION_PASSWORD_DOC, GROUP_CONNECTION, ++order, Width.MEDIUM, "Password");
        def.define(RETRY_ATTEMPTS, ConfigDef.Type.INT, 6, ConfigDef.Range.atLeast(0), Importance.LOW, RETRY_ATTEMPTS_DOC,
                GROUP_CONNECTION, ++order, Width.SHORT, "Retry attempts");
        def.define(RETRY_BACKOFF_MS, ConfigDef.Type.LONG, 1_000L, ConfigDef.Range.atLeast(0), Importance.LOW, RETRY_BACKOFF_MS_DOC,
                GROUP_CONNECTION, ++order, Width.SHORT, "Retry backoff (ms)");

        order = 0;
        def.define(TABLE_INCLUDE_LIST, ConfigDef.Type.LIST, "", Importance.HIGH, TABLE_INCLUDE_LIST_DOC, GROUP_TABLES, ++order, Width.LONG, "Include tables");
        def.define(TABLE_EXCLUDE_LIST, ConfigDef.Type.LIST, "", Importance.MEDIUM, TABLE_EXCLUDE_LIST_DOC, GROUP_TABLES, ++order, Width.LONG, "Exclude tables");
        def.define(TOPIC_PREFIX, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
                TOPIC_PREFIX_DOC, GROUP_TABLES, ++order, Width.MEDIUM, "Topic prefix");
        def.define(KEY_COLUMNS, ConfigDef.Type.STRING, "", Importance.MEDIUM, KEY_COLUMNS_DOC, GROUP_TABLES, ++order, Width.LONG, "Key overrides");
        def.define(SOFT_DELETE_COLUMNS, ConfigDef.Type.STRING, "", Importance.MEDIUM, SOFT_DELETE_COLUMNS_DOC, GROUP_TABLES, ++order, Width.LONG, "Soft-delete columns");
        def.define(SCHEMA_SOURCE_TYPES, ConfigDef.Type.BOOLEAN, false, Importance.LOW, SCHEMA_SOURCE_TYPES_DOC, GROUP_TABLES, ++order, Width.SHORT,
                "Source types in schemas");
        def.define(TABLE_MONITOR_INTERVAL_MS, ConfigDef.Type.LONG, 10_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                TABLE_MONITOR_INTERVAL_MS_DOC, GROUP_TABLES, ++order, Width.SHORT, "Table monitor interval (ms)");
        def.define(LEDGER_TOPIC, ConfigDef.Type.STRING, "", Importance.LOW, LEDGER_TOPIC_DOC, GROUP_TABLES, ++order, Width.MEDIUM, "Ledger topic");

        order = 0;
        def.define(MODE, ConfigDef.Type.STRING, SourceMode.SNAPSHOT_AND_INCREMENTAL.configValue(),
                ConfigDef.CaseInsensitiveValidString.in(SourceMode.configValues()), Importance.HIGH, MODE_DOC,
                GROUP_SNAPSHOT, ++order, Width.MEDIUM, "Mode");
        def.define(SNAPSHOT_CHUNK_ROWS, ConfigDef.Type.LONG, 100_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                SNAPSHOT_CHUNK_ROWS_DOC, GROUP_SNAPSHOT, ++order, Width.SHORT, "Rows per chunk");
        def.define(FETCH_SIZE, ConfigDef.Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW, FETCH_SIZE_DOC,
                GROUP_SNAPSHOT, ++order, Width.SHORT, "Fetch size");
        def.define(SNAPSHOT_MAX_ROWS_PER_SECOND, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
                SNAPSHOT_MAX_ROWS_PER_SECOND_DOC, GROUP_SNAPSHOT, ++order, Width.SHORT, "Max rows/s per task");
        def.define(BATCH_MAX_ROWS, ConfigDef.Type.INT, 2_000, ConfigDef.Range.atLeast(1), Importance.LOW, BATCH_MAX_ROWS_DOC,
                GROUP_SNAPSHOT, ++order, Width.SHORT, "Rows per poll");

        order = 0;
        def.define(CURSOR_COLUMNS, ConfigDef.Type.STRING, "", Importance.HIGH, CURSOR_COLUMNS_DOC, GROUP_INCREMENTAL, ++order, Width.LONG, "Cursor columns");
        def.define(INCREMENTAL_LAG_MS, ConfigDef.Type.LONG, 2_000L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                INCREMENTAL_LAG_MS_DOC, GROUP_INCREMENTAL, ++order, Width.SHORT, "Lag (ms)");
        def.define(CURSOR_TIME_ZONE, ConfigDef.Type.STRING, "UTC", new TimeZoneValidator(), Importance.MEDIUM,
                CURSOR_TIME_ZONE_DOC, GROUP_INCREMENTAL, ++order, Width.MEDIUM, "Cursor time zone");
        def.define(POLL_INTERVAL_MS, ConfigDef.Type.LONG, 5_000L, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                POLL_INTERVAL_MS_DOC, GROUP_INCREMENTAL, ++order, Width.SHORT, "Poll interval (ms)");
        LogSettings.define(def);
        ResnapshotSettings.define(def);
        return def;
    }

    public IncrementalMethod incrementalMethod() {
        return IncrementalMethod.fromConfig(getString(LogSettings.INCREMENTAL_METHOD));
    }

    /** Whether changes are followed from the database's log (incremental.method=log). */
    public boolean logMode() {
        return incrementalMethod() == IncrementalMethod.LOG;
    }

    /** The log mode's settings; {@code connectorName} derives the binlog server id when none is set. */
    public LogSettings log(String connectorName) {
        return LogSettings.of(this, topicPrefix(), connectorName);
    }

    /** The settings of end-of-snapshot markers and periodic refreshes. */
    public ResnapshotSettings resnapshot() {
        return ResnapshotSettings.of(this);
    }

    public String connectionUrl() {
        return getString(CONNECTION_URL);
    }

    public String connectionUser() {
        return getString(CONNECTION_USER);
    }

    public Password connectionPassword() {
        return getPassword(CONNECTION_PASSWORD);
    }

    public List<String> tableIncludeList() {
        return getList(TABLE_INCLUDE_LIST);
    }

    public List<String> tableExcludeList() {
        return getList(TABLE_EXCLUDE_LIST);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public String keyColumns() {
        return getString(KEY_COLUMNS);
    }

    public SourceMode mode() {
        return SourceMode.fromConfig(getString(MODE));
    }

    public long snapshotChunkRows() {
        return getLong(SNAPSHOT_CHUNK_ROWS);
    }

    public int fetchSize() {
        return getInt(FETCH_SIZE);
    }

    public long snapshotMaxRowsPerSecond() {
        return getLong(SNAPSHOT_MAX_ROWS_PER_SECOND);
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    public String cursorColumns() {
        return getString(CURSOR_COLUMNS);
    }

    public long incrementalLagMs() {
        return getLong(INCREMENTAL_LAG_MS);
    }

    public String softDeleteColumns() {
        return getString(SOFT_DELETE_COLUMNS);
    }

    public long tableMonitorIntervalMs() {
        return getLong(TABLE_MONITOR_INTERVAL_MS);
    }

    public boolean schemaSourceTypes() {
        return getBoolean(SCHEMA_SOURCE_TYPES);
    }

    public String ledgerTopic() {
        String topic = getString(LEDGER_TOPIC);
        return topic == null || topic.isBlank() ? "__tributary_ledger." + topicPrefix() : topic;
    }

    public int retryAttempts() {
        return getInt(RETRY_ATTEMPTS);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }

    public long pollIntervalMs() {
        return getLong(POLL_INTERVAL_MS);
    }

    public ZoneId cursorTimeZone() {
        return ZoneId.of(getString(CURSOR_TIME_ZONE).trim());
    }

    /**
     * A time zone id that {@link ZoneId#of} accepts, made of letters, digits and {@code / _ + - :}
     * only: it is written into SQL (quoted, quotes doubled, but never trusted).
     */
    static final class TimeZoneValidator implements ConfigDef.Validator {
        private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9/_+\\-:]+");

        @Override
        public void ensureValid(String name, Object value) {
            String text = value == null ? "" : value.toString().trim();
            if (!SAFE.matcher(text).matches()) {
                throw new ConfigException(name, value, "expected a time zone id such as UTC, Europe/Berlin or +05:30");
            }
            try {
                ZoneId.of(text);
            } catch (DateTimeException e) {
                throw new ConfigException(name, value, "not a time zone id (" + e.getMessage() + "); e.g. UTC, Europe/Berlin, +05:30");
            }
        }

        @Override
        public String toString() {
            return "a time zone id: UTC, a region (Europe/Berlin) or an offset (+05:30)";
        }
    }
}
