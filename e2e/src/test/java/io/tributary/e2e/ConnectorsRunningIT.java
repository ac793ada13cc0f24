package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Both connectors are created through the REST API, as an operator does, and reach RUNNING. */
@DevStackTest
class ConnectorsRunningIT {

    @Test
    void sourceAndSinkRunWithTheirTasksSpreadOverTheWorkers(KafkaConnectCluster cluster, PostgresServer postgres,
            S3Server s3, DuckDbWarehouse duckdb) throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            // validate() refuses a source whose include list matches no table
            st.execute("CREATE TABLE IF NOT EXISTS running_orders (id int PRIMARY KEY, total numeric(10,2))");
        }
        ConnectRestClient rest = cluster.rest();
        Map<String, String> source = Map.of(
                "connector.class", ConnectPluginsIT.SOURCE,
                "tasks.max", "3",
                "connection.url", postgres.jdbcUrl(),
                "connection.user", postgres.user(),
                "connection.password", postgres.password(),
                "topic.prefix", "running",
                "table.include.list", "public\\.running_.*");
        Map<String, String> sink = Map.of(
                "connector.class", ConnectPluginsIT.SINK,
                // DuckDB allows one writer per file: validate() insists on tasks.max=1
                "tasks.max", "1",
                "topics", "running.public.nothing",
                "destination", "duckdb",
                "warehouse.url", duckdb.jdbcUrl(),
                "staging.s3.bucket", s3.bucket(),
                "staging.s3.endpoint", s3.endpoint().toString(),
                "staging.s3.path.style.access", "true",
                "staging.s3.access.key.id", s3.accessKey(),
                "staging.s3.secret.access.key", s3.secretKey());
        try {
            rest.putConnector("running-source", source);
            rest.putConnector("running-sink", sink);

            JsonNode sourceStatus = rest.awaitRunning("running-source", 3, Duration.ofSeconds(90));
            JsonNode sinkStatus = rest.awaitRunning("running-sink", 1, Duration.ofSeconds(90));
            assertEquals("source", sourceStatus.path("type").asText());
            assertEquals("sink", sinkStatus.path("type").asText());

            Set<String> workersWithTasks = new HashSet<>();
            sourceStatus.path("tasks").forEach(t -> workersWithTasks.add(t.path("worker_id").asText()));
            sinkStatus.path("tasks").forEach(t -> workersWithTasks.add(t.path("worker_id").asText()));
            assertTrue(workersWithTasks.size() > 1, "all four tasks ran on one worker: " + workersWithTasks);
        } finally {
            for (String name : rest.connectors()) {
                rest.deleteConnector(name);
            }
        }
    }

    @Test
    void validateReportsErrorsPerField(KafkaConnectCluster cluster) {
        JsonNode result = cluster.rest().validate(ConnectPluginsIT.SINK, Map.of(
                "connector.class", ConnectPluginsIT.SINK,
                "topics", "t",
                "destination", "oracle"));
        assertTrue(result.path("error_count").asInt() >= 1, result.toString());
        String destinationErrors = null;
        for (JsonNode config : result.path("configs")) {
            if ("destination".equals(config.path("value").path("name").asText())) {
                destinationErrors = config.path("value").path("errors").toString();
            }
        }
        assertTrue(destinationErrors != null && destinationErrors.contains("oracle"),
                "the unknown destination is reported on its field: " + destinationErrors);
    }
}
