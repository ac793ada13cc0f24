package io.tributary.sink;

import io.tributary.common.UrlCredentials;
import io.tributary.sink.destination.DestinationKeys;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.record.Placeholder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * Typed configuration of {@link WarehouseSinkConnector}: the keys every destination shares, one
 * accessor each, plus each destination's own keys ({@link DestinationKeys}), whose typed accessors
 * live in that destination's package.
 */
public final class WarehouseSinkConfig extends AbstractConfig {

    static final String GROUP_DESTINATION = "Destination";
    static final String GROUP_STAGING = "Staging (S3)";
    static final String GROUP_BATCHING = "Batching";
    static final String GROUP_WRITING = "Writing";

    public static final String DESTINATION = "destination";
    public static final String WAREHOUSE_URL = "warehouse.url";
    public static final String WAREHOUSE_USER = "warehouse.user";
    public static final String WAREHOUSE_PASSWORD = "warehouse.password";
    public static final String WAREHOUSE_SCHEMA = "warehouse.schema";

    public static final String STAGING_S3_BUCKET = "staging.s3.bucket";
    public static final String STAGING_S3_PREFIX = "staging.s3.prefix";
    public static final String STAGING_S3_REGION = "staging.s3.region";
    public static final String STAGING_S3_ENDPOINT = "staging.s3.endpoint";
    public static final String STAGING_S3_PATH_STYLE_ACCESS = "staging.s3.path.style.access";
    public static final String STAGING_S3_ACCESS_KEY_ID = "staging.s3.access.key.id";
    public static final String STAGING_S3_SECRET_ACCESS_KEY = "staging.s3.secret.access.key";

    public static final String FLUSH_MAX_RECORDS = "flush.max.records";
    public static final String FLUSH_MAX_BYTES = "flush.max.bytes";
    public static final String FLUSH_INTERVAL_MS = "flush.interval.ms";
    public static final String FLUSH_MAX_IN_FLIGHT = "flush.max.in.flight";
    public static final String STAGING_S3_ARCHIVE = "staging.s3.archive";

    public static final String WRITE_MODE = "write.mode";
    public static final String DELETE_MODE = "delete.mode";
    public static final String TRUNCATE_MODE = "truncate.mode";
    public static final String STALE_ROWS = "stale.rows";
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String KEY_FIELDS = "key.fields";
    public static final String METADATA_COLUMN_PREFIX = "metadata.column.prefix";
    public static final String SOFT_DELETE_COLUMN = "soft.delete.column";
    public static final String UNAVAILABLE_VALUE_PLACEHOLDER = "unavailable.value.placeholder";

    public static final String STAGING_AVRO_CODEC = "staging.avro.codec";
    public static final String BUFFER_DIR = "buffer.dir";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    public static final ConfigDef CONFIG_DEF = configDef();

    public WarehouseSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        DestinationKeys destinations = new DestinationKeys(DESTINATION, Destinations.all());
        def.define(DESTINATION, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, destinations.validator(), Importance.HIGH,
                "Where the data lands: " + destinations.choices() + ".", GROUP_DESTINATION, ++order, Width.MEDIUM, "Destination",
                destinations.providerKeys(), destinations.recommender());
        def.define(WAREHOUSE_URL, ConfigDef.Type.STRING, null, UrlCredentials.validator(WAREHOUSE_PASSWORD), Importance.HIGH,
                "JDBC URL of the warehouse, in its driver's form (docs/sink.md, Destinations, gives each destination's). "
                        + "It is shown unmasked by the REST API, so it must not hold credentials (password, token or key parameters, "
                        + "user:password@): the password goes in warehouse.password.",
                GROUP_DESTINATION, ++order, Width.LONG, "Warehouse URL");
        def.define(WAREHOUSE_USER, ConfigDef.Type.STRING, null, Importance.HIGH, "Warehouse user.",
                GROUP_DESTINATION, ++order, Width.MEDIUM, "Warehouse user");
        def.define(WAREHOUSE_PASSWORD, ConfigDef.Type.PASSWORD, null, Importance.HIGH,
                "Password of warehouse.user. Masked by the REST API and never logged.",
                GROUP_DESTINATION, ++order, Width.MEDIUM, "Warehouse password");
        def.define(WAREHOUSE_SCHEMA, ConfigDef.Type.STRING, "public", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Schema (dataset) that holds the final tables.", GROUP_DESTINATION, ++order, Width.MEDIUM, "Warehouse schema");

        order = 0;
        def.define(STAGING_S3_BUCKET, ConfigDef.Type.STRING, null, Importance.HIGH, "Bucket for the staged Avro batch files.",
                GROUP_STAGING, ++order, Width.MEDIUM, "Bucket");
        def.define(STAGING_S3_PREFIX, ConfigDef.Type.STRING, "tributary", Importance.MEDIUM, "Key prefix of the staged files.",
                GROUP_STAGING, ++order, Width.MEDIUM, "Prefix");
        def.define(STAGING_S3_REGION, ConfigDef.Type.STRING, "us-east-1", Importance.MEDIUM, "Region of the bucket.",
                GROUP_STAGING, ++order, Width.SHORT, "Region");
        def.define(STAGING_S3_ENDPOINT, ConfigDef.Type.STRING, null, Importance.LOW,
                "Endpoint of an S3-compatible service (MinIO, s3proxy, ...). Empty means AWS.",
                GROUP_STAGING, ++order, Width.LONG, "Endpoint");
        def.define(STAGING_S3_PATH_STYLE_ACCESS, ConfigDef.Type.BOOLEAN, false, Importance.LOW,
                "Address the bucket in the path rather than the host name; most S3-compatible services need it.",
                GROUP_STAGING, ++order, Width.SHORT, "Path-style access");
        def.define(STAGING_S3_ACCESS_KEY_ID, ConfigDef.Type.STRING, null, Importance.MEDIUM,
                "Access key id. Empty means the default AWS credential chain (environment, profile, instance role).",
                GROUP_STAGING, ++order, Width.MEDIUM, "Access key id");
        def.define(STAGING_S3_SECRET_ACCESS_KEY, ConfigDef.Type.PASSWORD, null, Importance.MEDIUM,
                "Secret access key. Masked by the REST API and never logged.", GROUP_STAGING, ++order, Width.MEDIUM, "Secret access key");
        def.define(STAGING_S3_ARCHIVE, ConfigDef.Type.BOOLEAN, false, Importance.LOW,
                "Upload every batch to the staging bucket even when the destination does not read it from there (it loads the local"
                        + " file or uploads it itself; docs/sink.md, Destinations, says which do), to keep the staged Avro files as"
                        + " an archive. Destinations that load from S3 always upload.",
                GROUP_STAGING, ++order, Width.SHORT, "Keep an archive");
        def.define(STAGING_AVRO_CODEC, ConfigDef.Type.STRING, "deflate", ConfigDef.CaseInsensitiveValidString.in("null", "deflate"),
                Importance.LOW, "Compression of the staged Avro files: null (none) or deflate.",
                GROUP_STAGING, ++order, Width.SHORT, "Avro codec");
        def.define(BUFFER_DIR, ConfigDef.Type.STRING, System.getProperty("java.io.tmpdir"), new ConfigDef.NonEmptyString(), Importance.LOW,
                "Local folder where batches are written before they are uploaded; records are streamed to disk, never held in memory.",
                GROUP_STAGING, ++order, Width.LONG, "Local buffer folder");

        order = 0;
        def.define(FLUSH_MAX_RECORDS, ConfigDef.Type.INT, 50_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "A table's batch is flushed when it holds this many records.", GROUP_BATCHING, ++order, Width.SHORT, "Max records");
        def.define(FLUSH_MAX_BYTES, ConfigDef.Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
                "A table's batch is flushed when its staged file reaches this many bytes.", GROUP_BATCHING, ++order, Width.SHORT, "Max bytes");
        def.define(FLUSH_INTERVAL_MS, ConfigDef.Type.LONG, 60_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                "A non-empty batch is flushed at the latest this long after its first record, on the wall clock, even if no more records arrive.",
                GROUP_BATCHING, ++order, Width.SHORT, "Flush interval (ms)");
        def.define(FLUSH_MAX_IN_FLIGHT, ConfigDef.Type.INT, 2, ConfigDef.Range.between(1, 64), Importance.LOW,
                "Batches a task stages, loads and merges at the same time, on background threads (one warehouse connection each;"
                        + " batches of one table always go one after the other). Records keep being converted meanwhile; when more"
                        + " finished batches wait than this, the task pauses consumption until they drain. A destination that allows one writer"
                        + " at a time writes one batch at a time.",
                GROUP_BATCHING, ++order, Width.SHORT, "Batches in flight");

        order = 0;
        def.define(WRITE_MODE, ConfigDef.Type.STRING, ConfigEnums.value(WriteMode.MERGE),
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(WriteMode.class)), Importance.HIGH,
                "merge: one current row per key, the highest source position wins; append: every version is inserted.",
                GROUP_WRITING, ++order, Width.SHORT, "Write mode");
        def.define(DELETE_MODE, ConfigDef.Type.STRING, ConfigEnums.value(DeleteMode.HARD),
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(DeleteMode.class)), Importance.MEDIUM,
                "hard: deletes remove the row; soft: the row is kept with a deleted-at time; none: deletes are ignored.",
                GROUP_WRITING, ++order, Width.SHORT, "Delete mode");
        def.define(TRUNCATE_MODE, ConfigDef.Type.STRING, ConfigEnums.value(TruncateMode.SKIP),
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(TruncateMode.class)), Importance.MEDIUM,
                "What a truncate event (Debezium op=t with truncate.handling.mode=include; our log mode's op t) does. skip: nothing,"
                        + " the table keeps its rows; apply: the table loses every row older than the truncate, and older versions"
                        + " that arrive later are dropped; newer ones are written (docs/sink.md, Truncates). apply needs a SQL warehouse"
                        + " (docs/sink.md, Truncates, says which destinations apply truncates).",
                GROUP_WRITING, ++order, Width.SHORT, "Truncate mode");
        def.define(STALE_ROWS, ConfigDef.Type.STRING, ConfigEnums.value(StaleRows.KEEP),
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(StaleRows.class)), Importance.MEDIUM,
                "What the end of a re-snapshot (generation) of a source table does; the Tributary source sends it with"
                        + " snapshot.end.markers=true, one marker per topic partition. keep: nothing is deleted (each end is still recorded"
                        + " in <table>__tributary_generations). delete: once the end has arrived from every partition of the topic, the"
                        + " rows the generation neither read nor marked and that are not newer than its start point are deleted per"
                        + " delete.mode (hard: with a tombstone, so an older record cannot bring them back; soft: deleted-at set); a row"
                        + " written after the generation began is kept (docs/sink.md, Re-snapshots and stale rows). delete needs"
                        + " write.mode=merge, delete.mode hard or soft, errors.tolerance=none, and a destination that deletes stale"
                        + " rows (docs/sink.md says which).",
                GROUP_WRITING, ++order, Width.SHORT, "Stale rows");
        def.define(TABLE_NAME_FORMAT, ConfigDef.Type.STRING, "${schema}_${table}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Name of the final table. ${table} is the last part of the topic name (<prefix>.<schema>.<table>), ${schema} the one "
                        + "before it (with its '_' left out when the topic has no schema part), ${topic} the whole topic with dots as "
                        + "underscores. The default keeps tables of different source schemas apart (public.orders -> public_orders). "
                        + "Two topics that would share a table fail the task (validate() reports it when topics is a list). "
                        + "Sinks created before this default (it was ${table}) keep their tables only with table.name.format=${table}.",
                GROUP_WRITING, ++order, Width.MEDIUM, "Table name format");
        def.define(KEY_FIELDS, ConfigDef.Type.LIST, "", Importance.MEDIUM,
                "Value fields that form the row key, for records whose Kafka key is not a struct of the key columns. "
                        + "Empty: the record key (a struct) is the row key.",
                GROUP_WRITING, ++order, Width.LONG, "Key fields");
        def.define(METADATA_COLUMN_PREFIX, ConfigDef.Type.STRING, "__tributary_", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Prefix of the metadata columns added to every table: <prefix>position, op, topic, partition, offset, unchanged,"
                        + " generation, synced_at (docs/sink.md, Merge rules).",
                GROUP_WRITING, ++order, Width.MEDIUM, "Metadata column prefix");
        def.define(SOFT_DELETE_COLUMN, ConfigDef.Type.STRING, "__tributary_deleted_at", new ConfigDef.NonEmptyString(), Importance.LOW,
                "With delete.mode=soft: the column set to the time a row was deleted (NULL while it exists).",
                GROUP_WRITING, ++order, Width.MEDIUM, "Soft delete column");
        def.define(UNAVAILABLE_VALUE_PLACEHOLDER, ConfigDef.Type.STRING, Placeholder.DEBEZIUM_DEFAULT, Placeholder.validator(), Importance.LOW,
                "The value Debezium's connector sends for a column an update left alone and did not carry (an unchanged"
                        + " TOAST value): set it as Debezium's unavailable.value.placeholder (text, or hex: and the bytes in hex). Such a"
                        + " value, in any form Debezium gives it (text, bytes, arrays, JSON), is not data: the stored value stays"
                        + " (docs/sink.md, Values left out). An insert or snapshot read holding it goes to the dead-letter queue."
                        + " Empty: nothing is taken for a placeholder.",
                GROUP_WRITING, ++order, Width.MEDIUM, "Unavailable-value placeholder");
        def.define(RETRY_MAX_ATTEMPTS, ConfigDef.Type.INT, 6, ConfigDef.Range.between(1, 100), Importance.LOW,
                "Attempts to stage and merge a batch when S3 or the warehouse fails with a transient error, before the task fails.",
                GROUP_WRITING, ++order, Width.SHORT, "Retry attempts");
        def.define(RETRY_BACKOFF_MS, ConfigDef.Type.LONG, 1000L, ConfigDef.Range.between(0, 600_000), Importance.LOW,
                "First wait between attempts; doubled after each attempt, at most 60 s.",
                GROUP_WRITING, ++order, Width.SHORT, "Retry backoff (ms)");

        destinations.addProviderKeys(def);
        return def;
    }

    /** The name of the selected destination provider, lower case. */
    public String destination() {
        return getString(DESTINATION).trim().toLowerCase(Locale.ROOT);
    }

    public String warehouseUrl() {
        return getString(WAREHOUSE_URL);
    }

    public String warehouseUser() {
        return getString(WAREHOUSE_USER);
    }

    public Password warehousePassword() {
        return getPassword(WAREHOUSE_PASSWORD);
    }

    public String warehouseSchema() {
        return getString(WAREHOUSE_SCHEMA);
    }

    public WriteMode writeMode() {
        return ConfigEnums.parse(WriteMode.class, getString(WRITE_MODE));
    }

    public TruncateMode truncateMode() {
        return ConfigEnums.parse(TruncateMode.class, getString(TRUNCATE_MODE));
    }

    public StaleRows staleRows() {
        return ConfigEnums.parse(StaleRows.class, getString(STALE_ROWS));
    }

    public DeleteMode deleteMode() {
        return ConfigEnums.parse(DeleteMode.class, getString(DELETE_MODE));
    }

    public int flushMaxRecords() {
        return getInt(FLUSH_MAX_RECORDS);
    }

    public long flushMaxBytes() {
        return getLong(FLUSH_MAX_BYTES);
    }

    public long flushIntervalMs() {
        return getLong(FLUSH_INTERVAL_MS);
    }

    public int flushMaxInFlight() {
        return getInt(FLUSH_MAX_IN_FLIGHT);
    }

    public boolean stagingS3Archive() {
        return getBoolean(STAGING_S3_ARCHIVE);
    }

    public String tableNameFormat() {
        return getString(TABLE_NAME_FORMAT);
    }

    public List<String> keyFields() {
        return getList(KEY_FIELDS);
    }

    public String metadataColumnPrefix() {
        return getString(METADATA_COLUMN_PREFIX);
    }

    public String softDeleteColumn() {
        return getString(SOFT_DELETE_COLUMN);
    }

    public String stagingBucket() {
        return getString(STAGING_S3_BUCKET);
    }

    public String stagingPrefix() {
        String prefix = getString(STAGING_S3_PREFIX);
        return prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    }

    public String stagingRegion() {
        return getString(STAGING_S3_REGION);
    }

    public String stagingEndpoint() {
        return getString(STAGING_S3_ENDPOINT);
    }

    public boolean stagingPathStyleAccess() {
        return getBoolean(STAGING_S3_PATH_STYLE_ACCESS);
    }

    public String stagingAccessKeyId() {
        return getString(STAGING_S3_ACCESS_KEY_ID);
    }

    public Password stagingSecretAccessKey() {
        return getPassword(STAGING_S3_SECRET_ACCESS_KEY);
    }

    public String stagingAvroCodec() {
        return getString(STAGING_AVRO_CODEC).toLowerCase(Locale.ROOT);
    }

    public Path bufferDir() {
        return Path.of(getString(BUFFER_DIR));
    }

    /** What Debezium sends for values an update left out. */
    public Placeholder unavailableValuePlaceholder() {
        return new Placeholder(getString(UNAVAILABLE_VALUE_PLACEHOLDER));
    }

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }
}
