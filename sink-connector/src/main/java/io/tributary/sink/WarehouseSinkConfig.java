package io.tributary.sink;

import io.tributary.common.UrlCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** Typed configuration of {@link WarehouseSinkConnector}: one accessor per key. */
public final class WarehouseSinkConfig extends AbstractConfig {

    static final String GROUP_DESTINATION = "Destination";
    static final String GROUP_STAGING = "Staging (S3)";
    static final String GROUP_BATCHING = "Batching";
    static final String GROUP_WRITING = "Writing";
    static final String GROUP_REDSHIFT = "Redshift";
    static final String GROUP_SNOWFLAKE = "Snowflake";
    static final String GROUP_BIGQUERY = "BigQuery";

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
    public static final String TABLE_NAME_FORMAT = "table.name.format";
    public static final String KEY_FIELDS = "key.fields";
    public static final String METADATA_COLUMN_PREFIX = "metadata.column.prefix";
    public static final String SOFT_DELETE_COLUMN = "soft.delete.column";

    public static final String STAGING_AVRO_CODEC = "staging.avro.codec";
    public static final String BUFFER_DIR = "buffer.dir";
    public static final String RETRY_MAX_ATTEMPTS = "retry.max.attempts";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";

    public static final String REDSHIFT_IAM_ROLE = "redshift.iam.role";

    public static final String SNOWFLAKE_STAGE = "snowflake.stage";
    public static final String SNOWFLAKE_PRIVATE_KEY_FILE = "snowflake.private.key.file";
    public static final String SNOWFLAKE_PRIVATE_KEY_PASSPHRASE = "snowflake.private.key.passphrase";

    public static final String BIGQUERY_PROJECT = "bigquery.project";
    public static final String BIGQUERY_LOCATION = "bigquery.location";
    public static final String BIGQUERY_CREDENTIALS_FILE = "bigquery.credentials.file";
    public static final String BIGQUERY_GCS_BUCKET = "bigquery.gcs.bucket";
    public static final String BIGQUERY_MERGE_INTERVAL_MS = "bigquery.merge.interval.ms";
    public static final String BIGQUERY_PARTITION_FIELD = "bigquery.partition.field";
    public static final String BIGQUERY_PARTITION_TYPE = "bigquery.partition.type";
    public static final String BIGQUERY_CLUSTER_FIELDS = "bigquery.cluster.fields";

    public static final ConfigDef CONFIG_DEF = configDef();

    public WarehouseSinkConfig(Map<?, ?> originals) {
        super(CONFIG_DEF, originals);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(DESTINATION, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(Destination.class)), Importance.HIGH,
                "Where the data lands: postgres, duckdb, s3 (the staged Avro files are the output), redshift, snowflake or bigquery.",
                GROUP_DESTINATION, ++order, Width.MEDIUM, "Destination");
        def.define(WAREHOUSE_URL, Type.STRING, null, UrlCredentials.validator(WAREHOUSE_PASSWORD), Importance.HIGH,
                "JDBC URL of the warehouse, e.g. jdbc:postgresql://wh:5432/analytics or jdbc:duckdb:/data/warehouse.duckdb. "
                        + "It is shown unmasked by the REST API, so it must not hold credentials (password, token or key parameters, "
                        + "user:password@): the password goes in warehouse.password.",
                GROUP_DESTINATION, ++order, Width.LONG, "Warehouse URL");
        def.define(WAREHOUSE_USER, Type.STRING, null, Importance.HIGH, "Warehouse user.",
                GROUP_DESTINATION, ++order, Width.MEDIUM, "Warehouse user");
        def.define(WAREHOUSE_PASSWORD, Type.PASSWORD, null, Importance.HIGH,
                "Password of warehouse.user. Masked by the REST API and never logged.",
                GROUP_DESTINATION, ++order, Width.MEDIUM, "Warehouse password");
        def.define(WAREHOUSE_SCHEMA, Type.STRING, "public", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Schema (dataset) that holds the final tables.", GROUP_DESTINATION, ++order, Width.MEDIUM, "Warehouse schema");

        order = 0;
        def.define(STAGING_S3_BUCKET, Type.STRING, null, Importance.HIGH, "Bucket for the staged Avro batch files.",
                GROUP_STAGING, ++order, Width.MEDIUM, "Bucket");
        def.define(STAGING_S3_PREFIX, Type.STRING, "tributary", Importance.MEDIUM, "Key prefix of the staged files.",
                GROUP_STAGING, ++order, Width.MEDIUM, "Prefix");
        def.define(STAGING_S3_REGION, Type.STRING, "us-east-1", Importance.MEDIUM, "Region of the bucket.",
                GROUP_STAGING, ++order, Width.SHORT, "Region");
        def.define(STAGING_S3_ENDPOINT, Type.STRING, null, Importance.LOW,
                "Endpoint of an S3-compatible service (MinIO, s3proxy, ...). Empty means AWS.",
                GROUP_STAGING, ++order, Width.LONG, "Endpoint");
        def.define(STAGING_S3_PATH_STYLE_ACCESS, Type.BOOLEAN, false, Importance.LOW,
                "Address the bucket in the path rather than the host name; most S3-compatible services need it.",
                GROUP_STAGING, ++order, Width.SHORT, "Path-style access");
        def.define(STAGING_S3_ACCESS_KEY_ID, Type.STRING, null, Importance.MEDIUM,
                "Access key id. Empty means the default AWS credential chain (environment, profile, instance role).",
                GROUP_STAGING, ++order, Width.MEDIUM, "Access key id");
        def.define(STAGING_S3_SECRET_ACCESS_KEY, Type.PASSWORD, null, Importance.MEDIUM,
                "Secret access key. Masked by the REST API and never logged.", GROUP_STAGING, ++order, Width.MEDIUM, "Secret access key");
        def.define(STAGING_S3_ARCHIVE, Type.BOOLEAN, false, Importance.LOW,
                "Upload every batch to the staging bucket even when the destination does not read it from there (PostgreSQL and DuckDB"
                        + " load the local file; Snowflake without snowflake.stage and BigQuery without bigquery.gcs.bucket upload it"
                        + " themselves), to keep the staged Avro files as an archive. Destinations that load from S3 (redshift, s3, and"
                        + " snowflake/bigquery with a stage or bucket) always upload.",
                GROUP_STAGING, ++order, Width.SHORT, "Keep an archive");
        def.define(STAGING_AVRO_CODEC, Type.STRING, "deflate", ConfigDef.CaseInsensitiveValidString.in("null", "deflate"),
                Importance.LOW, "Compression of the staged Avro files: null (none) or deflate.",
                GROUP_STAGING, ++order, Width.SHORT, "Avro codec");
        def.define(BUFFER_DIR, Type.STRING, System.getProperty("java.io.tmpdir"), new ConfigDef.NonEmptyString(), Importance.LOW,
                "Local folder where batches are written before they are uploaded; records are streamed to disk, never held in memory.",
                GROUP_STAGING, ++order, Width.LONG, "Local buffer folder");

        order = 0;
        def.define(FLUSH_MAX_RECORDS, Type.INT, 50_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                "A table's batch is flushed when it holds this many records.", GROUP_BATCHING, ++order, Width.SHORT, "Max records");
        def.define(FLUSH_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, ConfigDef.Range.atLeast(1024), Importance.MEDIUM,
                "A table's batch is flushed when its staged file reaches this many bytes.", GROUP_BATCHING, ++order, Width.SHORT, "Max bytes");
        def.define(FLUSH_INTERVAL_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(100), Importance.MEDIUM,
                "A non-empty batch is flushed at the latest this long after its first record, on the wall clock, even if no more records arrive.",
                GROUP_BATCHING, ++order, Width.SHORT, "Flush interval (ms)");
        def.define(FLUSH_MAX_IN_FLIGHT, Type.INT, 2, ConfigDef.Range.between(1, 64), Importance.LOW,
                "Batches a task stages, loads and merges at the same time, on background threads (one warehouse connection each;"
                        + " batches of one table always go one after the other). Records keep being converted meanwhile; when more"
                        + " finished batches wait than this, the task pauses consumption until they drain. DuckDB writes one at a time.",
                GROUP_BATCHING, ++order, Width.SHORT, "Batches in flight");

        order = 0;
        def.define(WRITE_MODE, Type.STRING, ConfigEnums.value(WriteMode.MERGE),
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(WriteMode.class)), Importance.HIGH,
                "merge: one current row per key, the highest source position wins; append: every version is inserted.",
                GROUP_WRITING, ++order, Width.SHORT, "Write mode");
        def.define(DELETE_MODE, Type.STRING, ConfigEnums.value(DeleteMode.HARD),
                ConfigDef.CaseInsensitiveValidString.in(ConfigEnums.values(DeleteMode.class)), Importance.MEDIUM,
                "hard: deletes remove the row; soft: the row is kept with a deleted-at time; none: deletes are ignored.",
                GROUP_WRITING, ++order, Width.SHORT, "Delete mode");
        def.define(TABLE_NAME_FORMAT, Type.STRING, "${schema}_${table}", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
                "Name of the final table. ${table} is the last part of the topic name (<prefix>.<schema>.<table>), ${schema} the one "
                        + "before it (with its '_' left out when the topic has no schema part), ${topic} the whole topic with dots as "
                        + "underscores. The default keeps tables of different source schemas apart (public.orders -> public_orders). "
                        + "Two topics that would share a table fail the task (validate() reports it when topics is a list). "
                        + "Sinks created before this default (it was ${table}) keep their tables only with table.name.format=${table}.",
                GROUP_WRITING, ++order, Width.MEDIUM, "Table name format");
        def.define(KEY_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Value fields that form the row key, for records whose Kafka key is not a struct of the key columns. "
                        + "Empty: the record key (a struct) is the row key.",
                GROUP_WRITING, ++order, Width.LONG, "Key fields");
        def.define(METADATA_COLUMN_PREFIX, Type.STRING, "__tributary_", new ConfigDef.NonEmptyString(), Importance.LOW,
                "Prefix of the metadata columns added to every table: <prefix>position, op, topic, partition, offset, synced_at.",
                GROUP_WRITING, ++order, Width.MEDIUM, "Metadata column prefix");
        def.define(SOFT_DELETE_COLUMN, Type.STRING, "__tributary_deleted_at", new ConfigDef.NonEmptyString(), Importance.LOW,
                "With delete.mode=soft: the column set to the time a row was deleted (NULL while it exists).",
                GROUP_WRITING, ++order, Width.MEDIUM, "Soft delete column");
        def.define(RETRY_MAX_ATTEMPTS, Type.INT, 6, ConfigDef.Range.between(1, 100), Importance.LOW,
                "Attempts to stage and merge a batch when S3 or the warehouse fails with a transient error, before the task fails.",
                GROUP_WRITING, ++order, Width.SHORT, "Retry attempts");
        def.define(RETRY_BACKOFF_MS, Type.LONG, 1000L, ConfigDef.Range.between(0, 600_000), Importance.LOW,
                "First wait between attempts; doubled after each attempt, at most 60 s.",
                GROUP_WRITING, ++order, Width.SHORT, "Retry backoff (ms)");

        def.define(REDSHIFT_IAM_ROLE, Type.STRING, null, Importance.HIGH,
                "ARN of an IAM role attached to the Redshift cluster (or workgroup) that may read the staging bucket; COPY uses it. "
                        + "Empty: COPY uses staging.s3.access.key.id and staging.s3.secret.access.key instead.",
                GROUP_REDSHIFT, 1, Width.LONG, "IAM role for COPY");

        order = 0;
        def.define(SNOWFLAKE_STAGE, Type.STRING, null, Importance.HIGH,
                "Fully qualified external stage over s3://<staging.s3.bucket>/<staging.s3.prefix>/ (created with a storage integration), "
                        + "e.g. ANALYTICS.PUBLIC.TRIBUTARY_STAGE. Empty: each batch file is PUT to the user stage (@~) and loaded from there.",
                GROUP_SNOWFLAKE, ++order, Width.LONG, "External stage");
        def.define(SNOWFLAKE_PRIVATE_KEY_FILE, Type.STRING, null, Importance.HIGH,
                "Path of the PKCS#8 private key (PEM) for key-pair authentication of warehouse.user. Empty: warehouse.password is used.",
                GROUP_SNOWFLAKE, ++order, Width.LONG, "Private key file");
        def.define(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE, Type.PASSWORD, null, Importance.MEDIUM,
                "Passphrase of an encrypted private key file. Masked by the REST API and never logged.",
                GROUP_SNOWFLAKE, ++order, Width.MEDIUM, "Private key passphrase");

        order = 0;
        def.define(BIGQUERY_PROJECT, Type.STRING, null, Importance.HIGH,
                "Google Cloud project that holds the dataset (warehouse.schema) and runs the load and query jobs.",
                GROUP_BIGQUERY, ++order, Width.MEDIUM, "Project");
        def.define(BIGQUERY_LOCATION, Type.STRING, null, Importance.MEDIUM,
                "Location of the dataset and jobs (e.g. EU, US, europe-west1). Empty: BigQuery infers it.",
                GROUP_BIGQUERY, ++order, Width.SHORT, "Location");
        def.define(BIGQUERY_CREDENTIALS_FILE, Type.STRING, null, Importance.HIGH,
                "Path of a service-account key file (JSON). Empty: Application Default Credentials (workload identity, GOOGLE_APPLICATION_CREDENTIALS).",
                GROUP_BIGQUERY, ++order, Width.LONG, "Credentials file");
        def.define(BIGQUERY_GCS_BUCKET, Type.STRING, null, Importance.MEDIUM,
                "When the staging bucket is a GCS bucket reached through its S3-compatible endpoint (staging.s3.endpoint=https://storage.googleapis.com, HMAC keys), "
                        + "its name: load jobs then read gs://<bucket>/<key>. Empty: each batch file is uploaded with the load job itself.",
                GROUP_BIGQUERY, ++order, Width.MEDIUM, "GCS bucket");
        def.define(BIGQUERY_MERGE_INTERVAL_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "At most one MERGE per table per task in this interval. Batches in between are only loaded into the partition's staging table "
                        + "(durable, in BigQuery) and merged with the next MERGE; 0 merges every batch. See docs/warehouses.md.",
                GROUP_BIGQUERY, ++order, Width.SHORT, "Merge interval (ms)");
        def.define(BIGQUERY_PARTITION_FIELD, Type.STRING, null, Importance.MEDIUM,
                "Tables the sink creates are partitioned by this DATE/TIMESTAMP column (or the synced-at metadata column if it names it). Empty: not partitioned.",
                GROUP_BIGQUERY, ++order, Width.MEDIUM, "Partition column");
        def.define(BIGQUERY_PARTITION_TYPE, Type.STRING, "DAY", ConfigDef.CaseInsensitiveValidString.in("HOUR", "DAY", "MONTH", "YEAR"),
                Importance.LOW, "Time-partitioning granularity of bigquery.partition.field.", GROUP_BIGQUERY, ++order, Width.SHORT, "Partition type");
        def.define(BIGQUERY_CLUSTER_FIELDS, Type.LIST, "", Importance.MEDIUM,
                "Columns (at most 4) that created tables are clustered by. Empty: the key columns (first 4), which lets the MERGE prune blocks.",
                GROUP_BIGQUERY, ++order, Width.LONG, "Cluster columns");
        return def;
    }

    public Destination destination() {
        return ConfigEnums.parse(Destination.class, getString(DESTINATION));
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

    public int retryMaxAttempts() {
        return getInt(RETRY_MAX_ATTEMPTS);
    }

    public String redshiftIamRole() {
        return getString(REDSHIFT_IAM_ROLE);
    }

    public String snowflakeStage() {
        return getString(SNOWFLAKE_STAGE);
    }

    public String snowflakePrivateKeyFile() {
        return getString(SNOWFLAKE_PRIVATE_KEY_FILE);
    }

    public Password snowflakePrivateKeyPassphrase() {
        return getPassword(SNOWFLAKE_PRIVATE_KEY_PASSPHRASE);
    }

    public String bigQueryProject() {
        return getString(BIGQUERY_PROJECT);
    }

    public String bigQueryLocation() {
        return getString(BIGQUERY_LOCATION);
    }

    public String bigQueryCredentialsFile() {
        return getString(BIGQUERY_CREDENTIALS_FILE);
    }

    public String bigQueryGcsBucket() {
        return getString(BIGQUERY_GCS_BUCKET);
    }

    public Duration bigQueryMergeInterval() {
        return Duration.ofMillis(getLong(BIGQUERY_MERGE_INTERVAL_MS));
    }

    public String bigQueryPartitionField() {
        return getString(BIGQUERY_PARTITION_FIELD);
    }

    public String bigQueryPartitionType() {
        return getString(BIGQUERY_PARTITION_TYPE).toUpperCase(Locale.ROOT);
    }

    public List<String> bigQueryClusterFields() {
        return getList(BIGQUERY_CLUSTER_FIELDS);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }
}
