package io.tributary.sink;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.ConnectWorker;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.Topics;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Connect worker is SIGKILLed while the sink merges (wherever its tasks are in their flush), then
 * restarted: the tasks resume from the committed offsets and the PostgreSQL and DuckDB tables end
 * equal to the source, with no duplicate (DuckDB tables have no primary key to hide one).
 */
@DevStackTest
class WorkerCrashIT {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerCrashIT.class);
    private static final String TOPIC = "crash.public.customers";
    private static final int KEYS = 30_000;

    @Test
    void killingAWorkerMidMergeLosesAndDuplicatesNothing(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3,
            DuckDbWarehouse duckdb) throws Exception {
        try (Admin admin = cluster.broker().admin()) {
            Topics.create(admin, TOPIC, 3);
        }
        Schema schema = ContractProducer.valueSchema(false);
        Map<Long, List<Object>> expected = new TreeMap<>();
        try (ContractProducer producer = new ContractProducer(cluster.bootstrapServers())) {
            for (long id = 1; id <= KEYS; id++) {
                producer.send(TOPIC, (int) (id % 3), schema, id, 1, id, "r");
                expected.put(id, WarehouseTables.expected(ContractProducer.row(schema, id, 1)));
            }
            for (long id = 3; id <= KEYS; id += 3) {
                producer.send(TOPIC, (int) (id % 3), schema, id, 2, 100_000 + id, "u");
                expected.put(id, WarehouseTables.expected(ContractProducer.row(schema, id, 2)));
            }
            producer.flush();
        }
        ConnectRestClient rest = cluster.rest();
        Map<String, String> pg = new java.util.HashMap<>(SinkPipelineIT.sinkConfig(s3, "postgres", "3", Map.of("warehouse.url",
                postgres.jdbcUrl(), "warehouse.user", postgres.user(), "warehouse.password", postgres.password())));
        Map<String, String> duck = new java.util.HashMap<>(SinkPipelineIT.sinkConfig(s3, "duckdb", "1",
                Map.of("warehouse.url", duckdb.jdbcUrl())));
        for (Map<String, String> config : List.of(pg, duck)) {
            config.put("topics", TOPIC);
            config.put("warehouse.schema", "crash");
            config.put("flush.max.records", "1000");
            config.put("consumer.override.max.poll.records", "250");
        }
        rest.putConnector("crash-postgres", pg);
        rest.putConnector("crash-duckdb", duck);
        ConnectWorker victim = null;
        try {
            rest.awaitRunning("crash-duckdb", 1, Duration.ofSeconds(90));
            rest.awaitRunning("crash-postgres", 3, Duration.ofSeconds(90));
            long deadline = System.currentTimeMillis() + 60_000;
            while (count(postgres) < 2_000 && System.currentTimeMillis() < deadline) {
                Thread.sleep(100);
            }
            victim = workerOf(cluster, rest.status("crash-duckdb"));
            long mergedBefore = count(postgres);
            victim.kill();
            LOG.info("Killed {} (running the DuckDB task) with {} of {} PostgreSQL rows merged", victim, mergedBefore, KEYS);
            Thread.sleep(2_000);
            victim.start();
            victim.awaitReady(Duration.ofMinutes(2));
            WarehouseTables.awaitEqual(expected, () -> read(postgres::connect), 240_000, "PostgreSQL after the crash");
            WarehouseTables.awaitEqual(expected, () -> read(duckdb::connect), 240_000, "DuckDB after the crash");
        } finally {
            if (victim != null && !victim.isRunning()) {
                victim.start();
                victim.awaitReady(Duration.ofMinutes(2));
            }
            cluster.rest().deleteConnector("crash-postgres");
            cluster.rest().deleteConnector("crash-duckdb");
        }
    }

    private static ConnectWorker workerOf(KafkaConnectCluster cluster, JsonNode status) {
        String workerId = status.path("tasks").path(0).path("worker_id").asText();
        String port = workerId.substring(workerId.lastIndexOf(':') + 1);
        return cluster.workers().stream().filter(w -> w.restUri().getPort() == Integer.parseInt(port)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no worker " + workerId));
    }

    private static long count(PostgresServer postgres) {
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM crash.public_customers")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return 0;
        }
    }

    private static Map<Long, List<Object>> read(WarehouseTables.Connector connector) {
        try {
            return WarehouseTables.read(connector, "\"crash\".\"public_customers\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
