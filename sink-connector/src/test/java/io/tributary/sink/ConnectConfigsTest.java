package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cloud-warehouse examples (connect-configs/ and the plugin's etc/) use only keys the sink defines, with valid values. */
class ConnectConfigsTest {

    private static final Set<String> FRAMEWORK = Set.of("connector.class", "tasks.max", "topics", "topics.regex");

    @ParameterizedTest
    @ValueSource(strings = {"postgres-to-redshift", "mysql-to-snowflake", "postgres-to-bigquery"})
    void exampleIsValid(String name) throws Exception {
        JsonNode json = new ObjectMapper().readTree(Path.of("..", "connect-configs", name, "sink.json").toFile());
        assertTrue(json.get("name").asText().endsWith("-sink"), json.get("name").asText());
        Map<String, String> config = new HashMap<>();
        json.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        check(config);
        WarehouseSinkConfig parsed = new WarehouseSinkConfig(resolved(config));
        assertEquals(name.substring(name.lastIndexOf('-') + 1), parsed.getString(WarehouseSinkConfig.DESTINATION));
    }

    @ParameterizedTest
    @ValueSource(strings = {"redshift", "snowflake", "bigquery", "postgres", "duckdb"})
    void pluginExampleIsValid(String destination) throws Exception {
        java.util.Properties properties = new java.util.Properties();
        try (java.io.Reader in = java.nio.file.Files.newBufferedReader(Path.of("src", "main", "plugin", "etc",
                "tributary-sink-" + destination + ".properties"))) {
            properties.load(in);
        }
        Map<String, String> config = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
        config.remove("name");
        check(config);
        if (config.containsKey("topics.regex")) {
            assertTrue(config.containsKey("consumer.override.metadata.max.age.ms"), destination + " uses topics.regex without a faster metadata refresh");
        }
        assertEquals(destination, new WarehouseSinkConfig(resolved(config)).getString(WarehouseSinkConfig.DESTINATION));
    }

    /**
     * A sink on topics.regex finds topics created later only at the consumer's metadata refresh (5
     * minutes by default): every example that subscribes by regex sets a shorter one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"postgres-to-postgres", "postgres-to-redshift", "mysql-to-snowflake", "postgres-to-bigquery",
        "debezium-postgres-to-warehouse", "postgres-to-s3", "postgres-log-to-postgres", "mariadb-log-to-postgres"})
    void examplesOnTopicsRegexRefreshMetadataSooner(String name) throws Exception {
        JsonNode config = new ObjectMapper().readTree(Path.of("..", "connect-configs", name, "sink.json").toFile()).get("config");
        if (config.has("topics.regex")) {
            assertTrue(config.has("consumer.override.metadata.max.age.ms"), name + " uses topics.regex without consumer.override.metadata.max.age.ms");
            assertTrue(config.get("consumer.override.metadata.max.age.ms").asLong() <= 60_000, name);
        }
        Map<String, String> all = new HashMap<>();
        config.fields().forEachRemaining(e -> all.put(e.getKey(), e.getValue().asText()));
        check(all);
    }

    /** ${file:...} placeholders are resolved by the worker's config provider. */
    private static Map<String, String> resolved(Map<String, String> config) {
        Map<String, String> resolved = new HashMap<>(config);
        resolved.replaceAll((k, v) -> v.startsWith("${file:") ? "resolved-" + k : v);
        return resolved;
    }

    private static void check(Map<String, String> config) {
        assertEquals(WarehouseSinkConnector.class.getName(), config.get("connector.class"));
        List<String> unknown = new ArrayList<>();
        for (String key : config.keySet()) {
            boolean framework = FRAMEWORK.contains(key) || key.startsWith("key.converter") || key.startsWith("value.converter")
                    || key.startsWith("errors.") || key.startsWith("consumer.override.");
            if (!framework && !WarehouseSinkConfig.CONFIG_DEF.names().contains(key)) {
                unknown.add(key);
            }
        }
        assertEquals(List.of(), unknown, "keys the sink does not define");
        for (ConfigValue value : WarehouseSinkConfig.CONFIG_DEF.validate(resolved(config))) {
            assertTrue(value.errorMessages().isEmpty(), value.name() + ": " + value.errorMessages());
        }
    }
}
