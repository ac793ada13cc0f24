package io.tributary.sink.destination.bigquery;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.LoadJobConfiguration;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDataWriteChannel;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.WriteChannelConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** {@link BigQueryClient} over google-cloud-bigquery. */
public final class GoogleBigQueryClient implements BigQueryClient {

    /** Error reasons BigQuery documents as worth a retry. */
    private static final Set<String> RETRIABLE_REASONS = Set.of("rateLimitExceeded", "backendError", "internalError",
            "jobRateLimitExceeded", "jobBackendError", "jobInternalError");

    private final BigQuery bigQuery;
    private final String project;
    private final String location;

    GoogleBigQueryClient(BigQuery bigQuery, String project, String location) {
        this.bigQuery = bigQuery;
        this.project = project;
        this.location = location;
    }

    public static BigQueryClient create(BigQuerySettings settings) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder().setProjectId(settings.project());
        if (settings.location() != null && !settings.location().isBlank()) {
            options.setLocation(settings.location());
        }
        String file = settings.credentialsFile();
        if (file != null && !file.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                options.setCredentials(GoogleCredentials.fromStream(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read bigquery.credentials.file " + file, e);
            }
        }
        return new GoogleBigQueryClient(options.build().getService(), settings.project(), settings.location());
    }

    @Override
    public Set<String> columns(String dataset, String table) {
        return call(() -> {
            Table found = bigQuery.getTable(TableId.of(project, dataset, table));
            Set<String> names = new HashSet<>();
            if (found != null && found.getDefinition().getSchema() != null) {
                Schema schema = found.getDefinition().getSchema();
                for (Field field : schema.getFields()) {
                    names.add(field.getName());
                }
            }
            return names;
        });
    }

    @Override
    public Map<String, String> columnTypes(String dataset, String table) {
        return call(() -> {
            Table found = bigQuery.getTable(TableId.of(project, dataset, table));
            Map<String, String> types = new HashMap<>();
            if (found != null && found.getDefinition().getSchema() != null) {
                for (Field field : found.getDefinition().getSchema().getFields()) {
                    String type = field.getType().getStandardType().name();
                    if (field.getPrecision() != null) {
                        type += "(" + field.getPrecision() + (field.getScale() == null ? "" : ", " + field.getScale()) + ")";
                    } else if (field.getMaxLength() != null) {
                        type += "(" + field.getMaxLength() + ")";
                    }
                    types.put(field.getName(), type);
                }
            }
            return types;
        });
    }

    @Override
    public boolean datasetExists(String dataset) {
        return call(() -> bigQuery.getDataset(DatasetId.of(project, dataset)) != null);
    }

    @Override
    public void loadAvro(String dataset, String table, AvroSource source) {
        TableId target = TableId.of(project, dataset, table);
        List<JobInfo.SchemaUpdateOption> addFields = List.of(JobInfo.SchemaUpdateOption.ALLOW_FIELD_ADDITION);
        call(() -> {
            Job job;
            if (source.gcsUri() != null) {
                LoadJobConfiguration load = LoadJobConfiguration.newBuilder(target, source.gcsUri(), FormatOptions.avro())
                        .setUseAvroLogicalTypes(true).setWriteDisposition(JobInfo.WriteDisposition.WRITE_APPEND)
                        .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED).setSchemaUpdateOptions(addFields).build();
                job = bigQuery.create(JobInfo.newBuilder(load).setJobId(jobId()).build());
            } else {
                WriteChannelConfiguration load = WriteChannelConfiguration.newBuilder(target, FormatOptions.avro())
                        .setUseAvroLogicalTypes(true).setWriteDisposition(JobInfo.WriteDisposition.WRITE_APPEND)
                        .setCreateDisposition(JobInfo.CreateDisposition.CREATE_IF_NEEDED).setSchemaUpdateOptions(addFields).build();
                TableDataWriteChannel writer = bigQuery.writer(jobId(), load);
                try (OutputStream out = Channels.newOutputStream(writer)) {
                    Files.copy(source.localFile(), out);
                }
                job = writer.getJob();
            }
            finish(job, "load into " + dataset + "." + table);
            return null;
        });
    }

    @Override
    public void query(String sql) {
        call(() -> {
            QueryJobConfiguration query = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build();
            finish(bigQuery.create(JobInfo.newBuilder(query).setJobId(jobId()).build()), "query");
            return null;
        });
    }

    @Override
    public void deleteTable(String dataset, String table) {
        call(() -> bigQuery.delete(TableId.of(project, dataset, table)));
    }

    @Override
    public String jobsProblem() {
        try {
            QueryJobConfiguration dryRun = QueryJobConfiguration.newBuilder("SELECT 1").setDryRun(true).setUseLegacySql(false).build();
            bigQuery.create(JobInfo.of(jobId(), dryRun));
            return null;
        } catch (BigQueryException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
    }

    private JobId jobId() {
        JobId.Builder id = JobId.newBuilder().setProject(project).setJob("tributary_" + UUID.randomUUID());
        if (location != null && !location.isBlank()) {
            id.setLocation(location);
        }
        return id.build();
    }

    private static void finish(Job job, String what) throws InterruptedException {
        Job done = job.waitFor();
        if (done == null) {
            throw new IllegalStateException("BigQuery " + what + " job disappeared");
        }
        BigQueryError error = done.getStatus().getError();
        if (error != null) {
            String message = "BigQuery " + what + " failed: " + error.getReason() + ": " + error.getMessage();
            if (retriable(error.getReason(), error.getMessage())) {
                throw new TransientBigQueryException(message, null);
            }
            throw new IllegalStateException(message + (done.getStatus().getExecutionErrors() == null ? ""
                    : " " + done.getStatus().getExecutionErrors()));
        }
    }

    static boolean retriable(String reason, String message) {
        // concurrent DML on one table: "Could not serialize access to table ... due to concurrent update"
        return RETRIABLE_REASONS.contains(reason) || (message != null && message.contains("due to concurrent update"));
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> call) {
        try {
            return call.run();
        } catch (BigQueryException e) {
            String reason = e.getError() == null ? null : e.getError().getReason();
            if (e.isRetryable() || retriable(reason, e.getMessage()) || e.getCode() == 429 || e.getCode() >= 500) {
                throw new TransientBigQueryException("BigQuery: " + e.getMessage(), e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for BigQuery", e);
        } catch (IOException e) {
            throw new TransientBigQueryException("BigQuery upload: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
