package io.tributary.sink.destination.bigquery;

import io.tributary.sink.WarehouseSinkConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The keys of {@code destination=bigquery} (group "BigQuery") and their typed values; the dataset is
 * the shared {@value WarehouseSinkConfig#WAREHOUSE_SCHEMA}.
 *
 * @param project {@value #PROJECT}, or null
 * @param location {@value #LOCATION}, or null
 * @param credentialsFile {@value #CREDENTIALS_FILE}, or null
 * @param gcsBucket {@value #GCS_BUCKET}, or null
 * @param mergeInterval {@value #MERGE_INTERVAL_MS}
 * @param partitionField {@value #PARTITION_FIELD}, or null
 * @param partitionType {@value #PARTITION_TYPE}, upper case
 * @param clusterFields {@value #CLUSTER_FIELDS}
 */
public record BigQuerySettings(String project, String location, String credentialsFile, String gcsBucket, Duration mergeInterval,
        String partitionField, String partitionType, List<String> clusterFields) {

    public static final String PROJECT = "bigquery.project";
    public static final String LOCATION = "bigquery.location";
    public static final String CREDENTIALS_FILE = "bigquery.credentials.file";
    public static final String GCS_BUCKET = "bigquery.gcs.bucket";
    public static final String MERGE_INTERVAL_MS = "bigquery.merge.interval.ms";
    public static final String PARTITION_FIELD = "bigquery.partition.field";
    public static final String PARTITION_TYPE = "bigquery.partition.type";
    public static final String CLUSTER_FIELDS = "bigquery.cluster.fields";
    static final String GROUP = "BigQuery";

    public BigQuerySettings {
        clusterFields = List.copyOf(clusterFields);
    }

    /** The fragment the provider contributes to the sink's configuration. */
    static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        int order = 0;
        def.define(PROJECT, ConfigDef.Type.STRING, null, Importance.HIGH,
                "Google Cloud project that holds the dataset (warehouse.schema) and runs the load and query jobs.",
                GROUP, ++order, Width.MEDIUM, "Project");
        def.define(LOCATION, ConfigDef.Type.STRING, null, Importance.MEDIUM,
                "Location of the dataset and jobs (e.g. EU, US, europe-west1). Empty: BigQuery infers it.",
                GROUP, ++order, Width.SHORT, "Location");
        def.define(CREDENTIALS_FILE, ConfigDef.Type.STRING, null, Importance.HIGH,
                "Path of a service-account key file (JSON). Empty: Application Default Credentials (workload identity, GOOGLE_APPLICATION_CREDENTIALS).",
                GROUP, ++order, Width.LONG, "Credentials file");
        def.define(GCS_BUCKET, ConfigDef.Type.STRING, null, Importance.MEDIUM,
                "When the staging bucket is a GCS bucket reached through its S3-compatible endpoint (staging.s3.endpoint=https://storage.googleapis.com, HMAC keys), "
                        + "its name: load jobs then read gs://<bucket>/<key>. Empty: each batch file is uploaded with the load job itself.",
                GROUP, ++order, Width.MEDIUM, "GCS bucket");
        def.define(MERGE_INTERVAL_MS, ConfigDef.Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.MEDIUM,
                "At most one MERGE per table per task in this interval. Batches in between are only loaded into the partition's staging table "
                        + "(durable, in BigQuery) and merged with the next MERGE; 0 merges every batch. See docs/warehouses.md.",
                GROUP, ++order, Width.SHORT, "Merge interval (ms)");
        def.define(PARTITION_FIELD, ConfigDef.Type.STRING, null, Importance.MEDIUM,
                "Tables the sink creates are partitioned by this DATE/TIMESTAMP column (or the synced-at metadata column if it names it). Empty: not partitioned.",
                GROUP, ++order, Width.MEDIUM, "Partition column");
        def.define(PARTITION_TYPE, ConfigDef.Type.STRING, "DAY", ConfigDef.CaseInsensitiveValidString.in("HOUR", "DAY", "MONTH", "YEAR"),
                Importance.LOW, "Time-partitioning granularity of bigquery.partition.field.", GROUP, ++order, Width.SHORT, "Partition type");
        def.define(CLUSTER_FIELDS, ConfigDef.Type.LIST, "", Importance.MEDIUM,
                "Columns (at most 4) that created tables are clustered by. Empty: the key columns (first 4), which lets the MERGE prune blocks.",
                GROUP, ++order, Width.LONG, "Cluster columns");
        return def;
    }

    /** The values of a configuration that holds this fragment. */
    public static BigQuerySettings of(AbstractConfig config) {
        return new BigQuerySettings(config.getString(PROJECT), config.getString(LOCATION), config.getString(CREDENTIALS_FILE),
                config.getString(GCS_BUCKET), Duration.ofMillis(config.getLong(MERGE_INTERVAL_MS)), config.getString(PARTITION_FIELD),
                config.getString(PARTITION_TYPE).toUpperCase(Locale.ROOT), config.getList(CLUSTER_FIELDS));
    }

    /** Whether load jobs read the staged objects from GCS (else the local file is uploaded with the job). */
    public boolean hasGcsBucket() {
        return gcsBucket != null && !gcsBucket.isBlank();
    }
}
