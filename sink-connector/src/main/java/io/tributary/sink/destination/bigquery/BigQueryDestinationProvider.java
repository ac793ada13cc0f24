package io.tributary.sink.destination.bigquery;

import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_SCHEMA;
import static io.tributary.sink.destination.bigquery.BigQuerySettings.CLUSTER_FIELDS;
import static io.tributary.sink.destination.bigquery.BigQuerySettings.CREDENTIALS_FILE;
import static io.tributary.sink.destination.bigquery.BigQuerySettings.PROJECT;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** {@code destination=bigquery}: load job into a staging table, MERGE script; warehouse.schema is the dataset. */
public final class BigQueryDestinationProvider implements DestinationProvider {

    @Override
    public String name() {
        return "bigquery";
    }

    @Override
    public ConfigDef configDef() {
        return BigQuerySettings.configDef();
    }

    /** Load jobs read the staged object from GCS when bigquery.gcs.bucket is set; otherwise they upload the local file. */
    @Override
    public boolean readsStagedObject(WarehouseSinkConfig config) {
        return BigQuerySettings.of(config).hasGcsBucket();
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        return new BigQueryDestination(config, GoogleBigQueryClient.create(BigQuerySettings.of(config)), Clock.systemUTC(),
                BigQueryDestination.newWriterId());
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        return validate(config, GoogleBigQueryClient::create);
    }

    /** The checks, with clients made by {@code clients} (a fake in unit tests). */
    static Map<String, String> validate(WarehouseSinkConfig config, BigQueryClient.Factory clients) {
        Map<String, String> errors = new LinkedHashMap<>();
        BigQuerySettings settings = BigQuerySettings.of(config);
        String project = settings.project();
        if (project == null || project.isBlank()) {
            errors.put(PROJECT, "destination bigquery needs bigquery.project (the Google Cloud project id)");
        }
        String file = settings.credentialsFile();
        if (file != null && !file.isBlank() && !Files.isReadable(Path.of(file))) {
            errors.put(CREDENTIALS_FILE, "credentials file " + file + " does not exist or is not readable by the worker");
        }
        String dataset = config.warehouseSchema();
        if (!dataset.matches("[A-Za-z0-9_]{1,1024}")) {
            errors.put(WAREHOUSE_SCHEMA, "warehouse.schema is the BigQuery dataset: letters, digits and underscores only");
        }
        if (settings.clusterFields().size() > 4) {
            errors.put(CLUSTER_FIELDS, "BigQuery clusters by at most 4 columns");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try (BigQueryClient client = clients.create(settings)) {
            String jobs = client.jobsProblem();
            if (jobs != null) {
                errors.put(PROJECT, "the credentials may not run jobs in project " + project
                        + " (bigquery.jobs.create: grant roles/bigquery.jobUser on the project): " + jobs);
                return errors;
            }
            if (!client.datasetExists(dataset)) {
                errors.put(WAREHOUSE_SCHEMA, "dataset " + project + "." + dataset + " does not exist or the credentials may not see it"
                        + " (create it; grant roles/bigquery.dataEditor on the dataset)");
            }
        } catch (RuntimeException e) {
            errors.put(file == null || file.isBlank() ? PROJECT : CREDENTIALS_FILE,
                    "cannot reach BigQuery with these credentials: " + e.getMessage());
        }
        return errors;
    }
}
