package io.tributary.sink.destination.bigquery;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The few BigQuery calls the sink makes, behind an interface so unit tests record them with a fake
 * ({@link GoogleBigQueryClient} is the real one). Retriable service failures (rate limits, backend
 * errors, concurrent-update conflicts) are thrown as
 * {@link TransientBigQueryException}.
 */
public interface BigQueryClient extends AutoCloseable {

    /** The column names of a table of the project; empty when the table does not exist. */
    Set<String> columns(String dataset, String table);

    /**
     * The column types of a table, name to GoogleSQL type ({@code INT64}, {@code NUMERIC(6, 2)},
     * {@code STRING(10)}); empty when the table does not exist or the types are not known.
     */
    default Map<String, String> columnTypes(String dataset, String table) {
        return Map.of();
    }

    boolean datasetExists(String dataset);

    /**
     * A load job that appends an Avro file to a table (created when missing, new fields added), Avro
     * logical types read as such. Waits for the job.
     */
    void loadAvro(String dataset, String table, AvroSource source);

    /** Runs a GoogleSQL query, script or DDL statement and waits for it. */
    void query(String sql);

    void deleteTable(String dataset, String table);

    /** Null when the credentials may run query jobs in the project, else why not (a dry run). */
    String jobsProblem();

    @Override
    void close();

    /** Where a load job reads the file: a {@code gs://} URI, or a local file uploaded with the job. */
    record AvroSource(String gcsUri, Path localFile) {

        public static AvroSource gcs(String uri) {
            return new AvroSource(uri, null);
        }

        public static AvroSource upload(Path file) {
            return new AvroSource(null, file);
        }
    }

    /** Makes clients; tests pass fakes. */
    @FunctionalInterface
    interface Factory {
        BigQueryClient create(BigQuerySettings settings);
    }
}
