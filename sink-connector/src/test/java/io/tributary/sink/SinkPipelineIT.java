package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.Topics;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Records in our source's format (produced with JsonConverter, as the source will write them) →
 * Kafka → the sink on a real 3-worker Connect cluster loading the plugin from plugin.path →
 * PostgreSQL and DuckDB: the final tables equal the source table. The records include versions
 * replayed out of order (older position, later offset) and deletes.
 */
@DevStackTest
class SinkPipelineIT {

    static final String SINK = "io.tributary.sink.WarehouseSinkConnector";
    private static final String TOPIC = "src.public.customers";
    private static final int KEYS = 600;

    @Test
    void ourSourceRecordsEndUpEqualInPostgresAndDuckDb(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3,
            DuckDbWarehouse duckdb) throws Exception {
        try (Admin admin = cluster.broker().admin()) {
            Topics.create(admin, TOPIC, 3);
        }
        Map<Long, List<Object>> expected = new TreeMap<>();
        long[] produced = new long[3];
        Schema schema = ContractProducer.valueSchema(false);
        try (ContractProducer producer = new ContractProducer(cluster.bootstrapServers())) {
            for (long id = 1; id <= KEYS; id++) {
                int partition = (int) (id % 3);
                producer.send(TOPIC, partition, schema, id, 1, 1000 + id, "r");
                produced[partition]++;
                expected.put(id, WarehouseTables.expected(ContractProducer.row(schema, id, 1)));
                if (id % 2 == 0) {
                    producer.send(TOPIC, partition, schema, id, 2, 2000 + id, "u");
                    produced[partition]++;
                    expected.put(id, WarehouseTables.expected(ContractProducer.row(schema, id, 2)));
                }
                if (id % 5 == 0) {
                    producer.send(TOPIC, partition, schema, id, 0, 500 + id, "u"); // an older version, replayed late
                    produced[partition]++;
                }
                if (id % 11 == 0) {
                    producer.send(TOPIC, partition, schema, id, 3, 3000 + id, "d");
                    produced[partition]++;
                    expected.remove(id);
                }
            }
            producer.flush();
        }

        ConnectRestClient rest = cluster.rest();
        rest.putConnector("pipeline-postgres", sinkConfig(s3, "postgres", "3", Map.of("warehouse.url", postgres.jdbcUrl(),
                "warehouse.user", postgres.user(), "warehouse.password", postgres.password(), "staging.s3.archive", "true")));
        rest.putConnector("pipeline-duckdb", sinkConfig(s3, "duckdb", "1", Map.of("warehouse.url", duckdb.jdbcUrl())));
        try {
            rest.awaitRunning("pipeline-postgres", 3, Duration.ofSeconds(90));
            rest.awaitRunning("pipeline-duckdb", 1, Duration.ofSeconds(90));
            WarehouseTables.awaitEqual(expected, () -> read(postgres::connect), 120_000, "PostgreSQL table");
            WarehouseTables.awaitEqual(expected, () -> read(duckdb::connect), 120_000, "DuckDB table");
            Map<Integer, Long> ends = Map.of(0, produced[0], 1, produced[1], 2, produced[2]);
            WarehouseTables.awaitEqual(ends, () -> committedOffsets(rest, "pipeline-postgres"), 60_000, "committed offsets (postgres)");
            WarehouseTables.awaitEqual(ends, () -> committedOffsets(rest, "pipeline-duckdb"), 60_000, "committed offsets (duckdb)");
        } finally {
            rest.deleteConnector("pipeline-postgres");
            rest.deleteConnector("pipeline-duckdb");
        }
        try (S3Client client = s3.newClient()) {
            int objects = client.listObjectsV2(ListObjectsV2Request.builder().bucket(s3.bucket()).prefix("pipeline/pipeline.public_customers/").build())
                    .contents().size();
            assertEquals(true, objects >= 3, "with staging.s3.archive, batches are kept per table and date: " + objects);
        }
    }

    /** The sink's committed offsets per partition, from the Connect REST API. */
    private static Map<Integer, Long> committedOffsets(ConnectRestClient rest, String connector) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (JsonNode entry : rest.offsets(connector).path("offsets")) {
            offsets.put(entry.path("partition").path("kafka_partition").asInt(), entry.path("offset").path("kafka_offset").asLong());
        }
        return offsets;
    }

    private static Map<Long, List<Object>> read(WarehouseTables.Connector connector) {
        try {
            return WarehouseTables.read(connector, "\"pipeline\".\"public_customers\"");
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Map<String, String> sinkConfig(S3Server s3, String destination, String tasks, Map<String, String> warehouse) {
        Map<String, String> config = new HashMap<>(warehouse);
        config.put("connector.class", SINK);
        config.put("tasks.max", tasks);
        config.put("topics", TOPIC);
        config.put("destination", destination);
        config.put("warehouse.schema", "pipeline");
        config.putAll(s3.sinkStagingConfig("pipeline"));
        config.put("flush.max.records", "200");
        config.put("flush.interval.ms", "2000");
        config.put("consumer.override.auto.offset.reset", "earliest");
        return config;
    }
}
