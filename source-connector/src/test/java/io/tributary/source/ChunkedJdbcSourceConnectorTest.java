package io.tributary.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.ResnapshotSettings;
import io.tributary.source.config.SourceMode;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ChunkedJdbcSourceConnectorTest {

    private static final Map<String, String> VALID = Map.of(
            "connection.url", "jdbc:postgresql://localhost:5432/shop",
            "topic.prefix", "shop");

    @Test
    void validateNamesTheMissingAndBadFields() {
        Map<String, ConfigValue> result = new ChunkedJdbcSourceConnector()
                .validate(Map.of("connection.url", "jdbc:postgresql://x/y", "mode", "sometimes", "snapshot.chunk.rows", "0"))
                .configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertFalse(result.get("topic.prefix").errorMessages().isEmpty(), "topic.prefix is required");
        assertTrue(result.get("mode").errorMessages().get(0).contains("sometimes"), result.get("mode").errorMessages().toString());
        assertFalse(result.get("snapshot.chunk.rows").errorMessages().isEmpty(), "chunks need at least one row");
        assertTrue(result.get("connection.url").errorMessages().isEmpty());
    }

    @Test
    void endMarkersWithoutTheKafkaBrokersAreRefusedNamingBothKeys() {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", "jdbc:postgresql://x/y", "topic.prefix", "shop",
                "snapshot.chunk.rows", "0", "snapshot.end.markers", "true"));
        Map<String, ConfigValue> result = new ChunkedJdbcSourceConnector().validate(props).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        for (String key : new String[] {"snapshot.end.markers", "kafka.bootstrap.servers"}) {
            java.util.List<String> errors = result.get(key).errorMessages();
            assertEquals(1, errors.size(), key + ": " + errors);
            assertTrue(errors.get(0).contains("snapshot.end.markers=true") && errors.get(0).contains("kafka.bootstrap.servers"),
                    errors.get(0));
        }
        props.put("kafka.bootstrap.servers", "broker:9092");
        result = new ChunkedJdbcSourceConnector().validate(props).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertTrue(result.get("kafka.bootstrap.servers").errorMessages().isEmpty());
        assertTrue(result.get("snapshot.end.markers").errorMessages().isEmpty());
        assertFalse(new ChunkedJdbcSourceConnector().validate(with("snapshot.refresh.tables", "public\\.(orders")).configValues().stream()
                .filter(v -> v.name().equals("snapshot.refresh.tables")).findFirst().orElseThrow().errorMessages().isEmpty(),
                "a regular expression that does not compile is refused");
    }

    @Test
    void aKeysOnlyRefreshIsRefusedInLogMode() {
        // a key mark cannot insert: a log event of a row older than the refresh's start, streamed after the
        // row's mark under the older generation, would be deleted by that refresh's stale delete
        Map<String, String> props = new HashMap<>(Map.of("connection.url", "jdbc:postgresql://x/y", "topic.prefix", "shop",
                "snapshot.chunk.rows", "0", "incremental.method", "log", "snapshot.refresh.mode", "keys"));
        java.util.List<String> errors = new ChunkedJdbcSourceConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals("snapshot.refresh.mode")).findFirst().orElseThrow().errorMessages();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("snapshot.refresh.mode=keys") && errors.get(0).contains("incremental.method=log"), errors.get(0));
        props.put("incremental.method", "cursor");
        assertTrue(new ChunkedJdbcSourceConnector().validate(props).configValues().stream()
                .filter(v -> v.name().equals("snapshot.refresh.mode")).findFirst().orElseThrow().errorMessages().isEmpty());
    }

    @Test
    void theAdminClientGetsTheBrokersAndEveryKafkaAdminSetting() {
        Map<String, String> props = new HashMap<>(VALID);
        props.put("kafka.bootstrap.servers", "broker:9092");
        props.put("kafka.admin.security.protocol", "SSL");
        ResnapshotSettings settings = new ChunkedJdbcSourceConfig(props).resnapshot();
        assertEquals(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SSL"), settings.adminProperties());
        assertFalse(settings.endMarkers(), "off by default");
        assertFalse(settings.refreshes("public.orders"), "no table is refreshed by default");
        props.put("snapshot.refresh.tables", "public\\.ord.*");
        props.put("snapshot.refresh.mode", "KEYS");
        settings = new ChunkedJdbcSourceConfig(props).resnapshot();
        assertTrue(settings.refreshes("public.orders") && !settings.refreshes("public.customers") && settings.keysOnlyRefresh());
        assertEquals(86_400_000L, settings.refreshIntervalMs());
    }

    @Test
    void configDefaultsMatchTheDocumentedOnes() {
        ChunkedJdbcSourceConfig config = new ChunkedJdbcSourceConfig(VALID);
        assertEquals(SourceMode.SNAPSHOT_AND_INCREMENTAL, config.mode());
        assertEquals(100_000L, config.snapshotChunkRows());
        assertTrue(config.tableIncludeList().isEmpty());
        assertEquals(ZoneId.of("UTC"), config.cursorTimeZone());
    }

    @Test
    void cursorTimeZoneMustBeAZoneIdWithoutAnythingSqlCouldMisread() {
        for (String good : new String[] {"UTC", "Europe/Berlin", "America/Port-au-Prince", "+05:30", "-08:00", "Etc/GMT+5", "Z"}) {
            assertEquals(ZoneId.of(good), new ChunkedJdbcSourceConfig(with("cursor.time.zone", good)).cursorTimeZone(), good);
        }
        for (String bad : new String[] {"", "Mars/Olympus", "+25:00", "UTC'; DROP TABLE t; --", "Europe/Berlin'", "UTC+5 hours"}) {
            ConfigValue value = new ChunkedJdbcSourceConnector().validate(with("cursor.time.zone", bad)).configValues().stream()
                    .filter(v -> v.name().equals("cursor.time.zone")).findFirst().orElseThrow();
            assertFalse(value.errorMessages().isEmpty(), "'" + bad + "' is rejected");
        }
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> props = new HashMap<>(VALID);
        props.put(key, value);
        return props;
    }

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        ChunkedJdbcSourceConfig.CONFIG_DEF.configKeys().values().forEach(key -> {
            assertTrue(key.documentation != null && !key.documentation.isBlank(), key.name + " has no doc");
            assertTrue(key.group != null, key.name + " has no group");
        });
    }

    @Test
    void validateAndStartRefuseCredentialsInTheUrl() {
        for (String url : java.util.List.of("jdbc:postgresql://db:5432/shop?password=s3cr3t-value",
                "jdbc:mariadb://shop:s3cr3t-value@db:3306/shop", "jdbc:mariadb://db:3306/shop?user=u&Password=s3cr3t-value")) {
            Map<String, String> props = Map.of("connection.url", url, "topic.prefix", "shop");
            Map<String, ConfigValue> result = new ChunkedJdbcSourceConnector().validate(props).configValues().stream()
                    .collect(Collectors.toMap(ConfigValue::name, v -> v));
            java.util.List<String> errors = result.get("connection.url").errorMessages();
            assertEquals(1, errors.size(), url + ": " + errors);
            assertTrue(errors.get(0).contains("connection.password") && errors.get(0).contains("config provider"), errors.get(0));
            assertFalse(errors.get(0).contains("s3cr3t-value"), errors.get(0));
            org.apache.kafka.common.config.ConfigException atStart = org.junit.jupiter.api.Assertions.assertThrows(
                    org.apache.kafka.common.config.ConfigException.class, () -> new ChunkedJdbcSourceConfig(props), url);
            assertFalse(atStart.getMessage().contains("s3cr3t-value"), atStart.getMessage());
        }
    }
}
