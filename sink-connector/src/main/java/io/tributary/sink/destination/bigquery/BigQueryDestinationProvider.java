package io.tributary.sink.destination.bigquery;

import static io.tributary.sink.WarehouseSinkConfig.BIGQUERY_CLUSTER_FIELDS;
import static io.tributary.sink.WarehouseSinkConfig.BIGQUERY_CREDENTIALS_FILE;
import static io.tributary.sink.WarehouseSinkConfig.BIGQUERY_PROJECT;
import static io.tributary.sink.WarehouseSinkConfig.WAREHOUSE_SCHEMA;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code destination=bigquery}: load job into a staging table, MERGE script; warehouse.schema is the dataset. */
public final class BigQueryDestinationProvider implements DestinationProvider {

    private final BigQueryClient.Factory clients;

    public BigQueryDestinationProvider() {
        this(GoogleBigQueryClient::create);
    }

    public BigQueryDestinationProvider(BigQueryClient.Factory clients) {
        this.clients = clients;
    }

    @Override
    public String name() {
        return "bigquery";
    }

    /** Load jobs read the staged object from GCS when bigquery.gcs.bucket is set; otherwise they upload the local file. */
    @Override
    public boolean readsStagedObject(WarehouseSinkConfig config) {
        return config.bigQueryGcsBucket() != null && !config.bigQueryGcsBucket().isBlank();
    }

    @Override
    public DestinationWriter create(WarehouseSinkConfig config) {
        return new BigQueryDestination(config, clients.create(config), Clock.systemUTC());
    }

    @Override
    public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
        Map<String, String> errors = new LinkedHashMap<>();
        String project = config.bigQueryProject();
        if (project == null || project.isBlank()) {
            errors.put(BIGQUERY_PROJECT, "destination bigquery needs bigquery.project (the Google Cloud project id)");
        }
        String file = config.bigQueryCredentialsFile();
        if (file != null && !file.isBlank() && !Files.isReadable(Path.of(file))) {
            errors.put(BIGQUERY_CREDENTIALS_FILE, "credentials file " + file + " does not exist or is not readable by the worker");
        }
        String dataset = config.warehouseSchema();
        if (!dataset.matches("[A-Za-z0-9_]{1,1024}")) {
            errors.put(WAREHOUSE_SCHEMA, "warehouse.schema is the BigQuery dataset: letters, digits and underscores only");
        }
        if (config.bigQueryClusterFields().size() > 4) {
            errors.put(BIGQUERY_CLUSTER_FIELDS, "BigQuery clusters by at most 4 columns");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try (BigQueryClient client = clients.create(config)) {
            String jobs = client.jobsProblem();
            if (jobs != null) {
                errors.put(BIGQUERY_PROJECT, "the credentials may not run jobs in project " + project
                        + " (bigquery.jobs.create: grant roles/bigquery.jobUser on the project): " + jobs);
                return errors;
            }
            if (!client.datasetExists(dataset)) {
                errors.put(WAREHOUSE_SCHEMA, "dataset " + project + "." + dataset + " does not exist or the credentials may not see it"
                        + " (create it; grant roles/bigquery.dataEditor on the dataset)");
            }
        } catch (RuntimeException e) {
            errors.put(file == null || file.isBlank() ? BIGQUERY_PROJECT : BIGQUERY_CREDENTIALS_FILE,
                    "cannot reach BigQuery with these credentials: " + e.getMessage());
        }
        return errors;
    }
}
