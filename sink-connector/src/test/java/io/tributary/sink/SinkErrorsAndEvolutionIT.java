package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.Topics;
import io.tributary.devstack.junit.DevStackTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;

/**
 * On a real Connect cluster: a new source column appears in the table; records the sink cannot
 * write go to the dead-letter queue with their reason while the good ones merge; validate() puts
 * unreachable-warehouse and bucket errors on their fields.
 */
@DevStackTest
class SinkErrorsAndEvolutionIT {

    private static final String TOPIC = "evo.public.customers";
    private static final String DLQ = "evo-dlq";

    @Test
    void newColumnsAppearAndBadRecordsGoToTheDeadLetterQueue(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3)
            throws Exception {
        try (Admin admin = cluster.broker().admin()) {
            Topics.create(admin, TOPIC, 1);
        }
        Schema v1 = ContractProducer.valueSchema(false);
        Schema v2 = ContractProducer.valueSchema(true);
        try (ContractProducer producer = new ContractProducer(cluster.bootstrapServers())) {
            for (long id = 1; id <= 50; id++) {
                producer.send(TOPIC, 0, v1, id, 1, id, "r");
            }
            // offset 50, no key: merge mode cannot place it
            producer.sendRaw(TOPIC, 0, null, ("{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int64\"}]}"
                    + ",\"payload\":{\"id\":99}}").getBytes(StandardCharsets.UTF_8));
            // offset 51, not a row at all
            producer.sendRaw(TOPIC, 0, producer.keyBytes(TOPIC, 98),
                    "{\"schema\":{\"type\":\"string\"},\"payload\":\"oops\"}".getBytes(StandardCharsets.UTF_8));
            for (long id = 26; id <= 75; id++) {
                producer.send(TOPIC, 0, v2, id, 2, 100 + id, "u");
            }
            producer.flush();
        }
        Map<String, String> config = new HashMap<>(SinkPipelineIT.sinkConfig(s3, "postgres", "1", Map.of(
                "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(), "warehouse.password", postgres.password())));
        config.put("topics", TOPIC);
        config.put("warehouse.schema", "evolution");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", DLQ);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        ConnectRestClient rest = cluster.rest();
        rest.putConnector("evolution", config);
        try {
            rest.awaitRunning("evolution", 1, Duration.ofSeconds(90));
            Map<Long, String> expected = new TreeMap<>();
            for (long id = 1; id <= 75; id++) {
                expected.put(id, id <= 25 ? "null" : "c" + id + "@example.com");
            }
            WarehouseTables.awaitEqual(expected, () -> emails(postgres), 120_000, "evolved table");
            List<String> reasons = deadLetters(cluster.bootstrapServers(), 2);
            assertEquals(2, reasons.size(), "dead letters: " + reasons);
            assertTrue(reasons.stream().anyMatch(r -> r.contains("no key") && r.contains(TOPIC + "-0@50")), reasons.toString());
            assertTrue(reasons.stream().anyMatch(r -> r.contains("not a struct") && r.contains(TOPIC + "-0@51")), reasons.toString());
            assertEquals("RUNNING", rest.status("evolution").path("tasks").get(0).path("state").asText());
        } finally {
            rest.deleteConnector("evolution");
        }
    }

    @Test
    void withoutToleranceABadRecordFailsTheTaskNamingIt(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3)
            throws Exception {
        String topic = "strict.public.customers";
        try (Admin admin = cluster.broker().admin()) {
            Topics.create(admin, topic, 1);
        }
        try (ContractProducer producer = new ContractProducer(cluster.bootstrapServers())) {
            producer.send(topic, 0, ContractProducer.valueSchema(false), 1, 1, 1, "r");
            producer.sendRaw(topic, 0, producer.keyBytes(topic, 2), "{\"schema\":{\"type\":\"string\"},\"payload\":\"oops\"}"
                    .getBytes(StandardCharsets.UTF_8));
            producer.flush();
        }
        Map<String, String> config = new HashMap<>(SinkPipelineIT.sinkConfig(s3, "postgres", "1", Map.of(
                "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(), "warehouse.password", postgres.password())));
        config.put("topics", topic);
        config.put("warehouse.schema", "strict");
        ConnectRestClient rest = cluster.rest();
        rest.putConnector("strict", config);
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            String trace = "";
            while (System.currentTimeMillis() < deadline && !trace.contains("Cannot write")) {
                Thread.sleep(500);
                JsonNode task = rest.status("strict").path("tasks").path(0);
                trace = "FAILED".equals(task.path("state").asText()) ? task.path("trace").asText() : "";
            }
            assertTrue(trace.contains("Cannot write " + topic + "-0@1") && trace.contains("not a struct"), trace);
            assertTrue(!trace.contains(postgres.password() + "@") && !trace.contains(s3.secretKey()), "a secret leaked into the trace");
        } finally {
            rest.deleteConnector("strict");
        }
    }

    @Test
    void validateReportsUnreachableWarehouseAndBadBucketOnTheirFields(KafkaConnectCluster cluster, S3Server s3) {
        Map<String, String> config = new HashMap<>(SinkPipelineIT.sinkConfig(s3, "postgres", "1",
                Map.of("warehouse.url", "jdbc:postgresql://127.0.0.1:1/nowhere", "warehouse.user", "u", "warehouse.password", "secret-pw")));
        config.put("staging.s3.bucket", "no-such-bucket");
        config.put("staging.s3.archive", "true"); // PostgreSQL loads the local file: only an archiving sink uses the bucket
        Map<String, String> errors = errors(cluster.rest().validate(SinkPipelineIT.SINK, config));
        assertTrue(errors.getOrDefault("warehouse.url", "").contains("cannot connect"), errors.toString());
        assertTrue(errors.getOrDefault("staging.s3.bucket", "").contains("does not exist"), errors.toString());
        assertTrue(!errors.toString().contains("secret-pw"), "a secret leaked into the validation answer");

        config.put("staging.s3.bucket", s3.bucket());
        config.put("staging.s3.secret.access.key", "wrong");
        Map<String, String> denied = errors(cluster.rest().validate(SinkPipelineIT.SINK, config));
        assertTrue(denied.getOrDefault("staging.s3.bucket", "").contains("access denied"), denied.toString());

        Map<String, String> duck = new HashMap<>(SinkPipelineIT.sinkConfig(s3, "duckdb", "2",
                Map.of("warehouse.url", "jdbc:duckdb:/tmp/x.duckdb")));
        Map<String, String> duckErrors = errors(cluster.rest().validate(SinkPipelineIT.SINK, duck));
        assertTrue(duckErrors.getOrDefault("destination", "").contains("tasks.max=1"), duckErrors.toString());

        Map<String, String> unknown = new HashMap<>(duck);
        unknown.put("destination", "oracle");
        Map<String, String> unknownErrors = errors(cluster.rest().validate(SinkPipelineIT.SINK, unknown));
        assertTrue(unknownErrors.getOrDefault("destination", "").contains("oracle"), unknownErrors.toString());

        // the cloud warehouses are available now and validate their own settings inside the plugin's class loader
        Map<String, String> snowflake = new HashMap<>(duck);
        snowflake.putAll(Map.of("destination", "snowflake", "warehouse.url", "jdbc:postgresql://127.0.0.1:1/nowhere"));
        Map<String, String> snowflakeErrors = errors(cluster.rest().validate(SinkPipelineIT.SINK, snowflake));
        assertTrue(snowflakeErrors.getOrDefault("warehouse.url", "").contains("jdbc:snowflake://"), snowflakeErrors.toString());
        Map<String, String> bigquery = new HashMap<>(duck);
        bigquery.put("destination", "bigquery");
        Map<String, String> bigqueryErrors = errors(cluster.rest().validate(SinkPipelineIT.SINK, bigquery));
        assertTrue(bigqueryErrors.getOrDefault("bigquery.project", "").contains("bigquery.project"), bigqueryErrors.toString());
    }

    private static Map<String, String> errors(JsonNode validation) {
        Map<String, String> errors = new HashMap<>();
        for (JsonNode config : validation.path("configs")) {
            JsonNode value = config.path("value");
            if (value.path("errors").size() > 0) {
                errors.put(value.path("name").asText(), value.path("errors").toString());
            }
        }
        return errors;
    }

    private static Map<Long, String> emails(PostgresServer postgres) {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = postgres.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, email FROM evolution.public_customers")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), String.valueOf(rs.getString(2)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return rows;
    }

    private static List<String> deadLetters(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + System.nanoTime());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(DLQ));
            long deadline = System.currentTimeMillis() + 60_000;
            while (reasons.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    Header message = record.headers().lastHeader("__connect.errors.exception.message");
                    reasons.add(message == null ? "(no reason)" : new String(message.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
