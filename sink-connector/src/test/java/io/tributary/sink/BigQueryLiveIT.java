package io.tributary.sink;

import static io.tributary.sink.TestRecords.debezium;
import static io.tributary.sink.TestRecords.ours;
import static io.tributary.sink.TestRecords.withEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.TableId;
import io.tributary.sink.engine.FlushHooks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The merge rules on a live BigQuery dataset: load jobs (files uploaded with the job), the MERGE
 * script, tombstones, a new column. Runs only when TRIBUTARY_BIGQUERY_PROJECT and
 * TRIBUTARY_BIGQUERY_DATASET are set (credentials: TRIBUTARY_BIGQUERY_CREDENTIALS_FILE or ADC).
 */
class BigQueryLiveIT {

    private BigQuery bigQuery;
    private String project;
    private String dataset;
    private String table;
    private String topic;

    private static String env(String name) {
        return System.getenv(name);
    }

    @BeforeEach
    void credentials() throws Exception {
        RedshiftLiveIT.assumeEnvironment(List.of("TRIBUTARY_BIGQUERY_PROJECT", "TRIBUTARY_BIGQUERY_DATASET"), "BigQuery");
        project = env("TRIBUTARY_BIGQUERY_PROJECT");
        dataset = env("TRIBUTARY_BIGQUERY_DATASET");
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder().setProjectId(project);
        if (env("TRIBUTARY_BIGQUERY_CREDENTIALS_FILE") != null) {
            try (InputStream in = Files.newInputStream(Path.of(env("TRIBUTARY_BIGQUERY_CREDENTIALS_FILE")))) {
                options.setCredentials(GoogleCredentials.fromStream(in));
            }
        }
        bigQuery = options.build().getService();
        String source = "items_live_" + System.currentTimeMillis();
        topic = "shop.public." + source;
        table = "public_" + source; // table.name.format's default, ${schema}_${table}
    }

    @AfterEach
    void dropTables() {
        if (bigQuery != null) {
            bigQuery.delete(TableId.of(project, dataset, table));
            bigQuery.delete(TableId.of(project, dataset, table + "__tributary_deleted"));
        }
    }

    private TaskDriver driver() {
        Map<String, String> props = new HashMap<>(Map.of("destination", "bigquery", "bigquery.project", project, "warehouse.schema", dataset,
                "topics", topic, "flush.interval.ms", "1000", "delete.mode", "hard"));
        if (env("TRIBUTARY_BIGQUERY_CREDENTIALS_FILE") != null) {
            props.put("bigquery.credentials.file", env("TRIBUTARY_BIGQUERY_CREDENTIALS_FILE"));
        }
        return new TaskDriver(props, TaskDriver.LOCAL.apply(props), FlushHooks.NONE);
    }

    @Test
    void mergeRules() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic, 0, 0, 1, "a", 10, "r"), ours(topic, 0, 1, 1, "b", 20, "u"), ours(topic, 0, 2, 2, "x", 5, "r"));
            assertEquals(Map.of(1L, "b", 2L, "x"), names(), "one row per key, the highest position wins");
            sink.batch(ours(topic, 0, 3, 1, "stale", 15, "u"));
            assertEquals(Map.of(1L, "b", 2L, "x"), names(), "a late, older version changes nothing");
            sink.batch(debezium(topic, 0, 4, 2, "x", 30, "d"));
            sink.batch(debezium(topic, 0, 5, 2, "late", 25, "u"));
            assertEquals(Map.of(1L, "b"), names(), "a delete is not undone by a late, older version");
            sink.batch(withEmail(topic, 0, 6, 3, "c", "c@example.com", 40));
            assertEquals("c@example.com", bigQuery.query(QueryJobConfiguration.of("SELECT email FROM `" + project + "." + dataset + "." + table
                    + "` WHERE id = 3")).getValues().iterator().next().get(0).getStringValue(), "a new column");
        }
    }

    private Map<Long, String> names() throws InterruptedException {
        Map<Long, String> rows = new TreeMap<>();
        for (FieldValueList row : bigQuery.query(QueryJobConfiguration.of("SELECT id, name FROM `" + project + "." + dataset + "." + table + "`"))
                .iterateAll()) {
            rows.put(row.get(0).getLongValue(), row.get(1).getStringValue());
        }
        return rows;
    }
}
