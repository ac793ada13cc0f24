package io.tributary.sink.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.WarehouseSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/** The destinations' part of the sink's configuration: choices from the providers found, their keys shown only when selected. */
class DestinationKeysTest {

    /** Every provider the services file lists (a new destination adds itself there, not here). */
    private static final List<String> PROVIDERS = Destinations.all().stream().map(DestinationProvider::name).toList();

    @Test
    void destinationAdmitsAndRecommendsTheProvidersFound() {
        assertTrue(PROVIDERS.containsAll(List.of("postgres", "duckdb", "s3", "redshift", "snowflake", "bigquery")), PROVIDERS.toString());
        ConfigDef.ConfigKey destination = WarehouseSinkConfig.CONFIG_DEF.configKeys().get(WarehouseSinkConfig.DESTINATION);
        for (String name : PROVIDERS) {
            destination.validator.ensureValid(WarehouseSinkConfig.DESTINATION, name.toUpperCase(Locale.ROOT));
        }
        assertEquals(List.copyOf(PROVIDERS), destination.recommender.validValues(WarehouseSinkConfig.DESTINATION, Map.of()));
        for (String name : PROVIDERS) {
            assertTrue(destination.documentation.contains(name), destination.documentation);
        }
        Map<String, ConfigValue> values = validate(Map.of("destination", "oracle"));
        assertTrue(values.get("destination").errorMessages().get(0).contains("oracle"), values.get("destination").errorMessages().toString());
    }

    @Test
    void aProvidersKeysAreVisibleOnlyWhenItIsSelected() {
        Map<String, ConfigValue> forBigQuery = validate(Map.of("destination", "BigQuery"));
        Map<String, ConfigValue> forPostgres = validate(Map.of("destination", "postgres"));
        for (String key : List.of("bigquery.project", "bigquery.cluster.fields")) {
            assertTrue(forBigQuery.get(key).visible(), key);
            assertFalse(forPostgres.get(key).visible(), key);
        }
        assertFalse(forBigQuery.get("redshift.iam.role").visible());
        assertFalse(forBigQuery.get("snowflake.stage").visible());
        assertTrue(validate(Map.of("destination", "redshift")).get("redshift.iam.role").visible());
        assertTrue(validate(Map.of("destination", "snowflake")).get("snowflake.private.key.passphrase").visible());
        assertTrue(forPostgres.get("warehouse.url").visible(), "shared keys stay visible");
        List<String> dependents = WarehouseSinkConfig.CONFIG_DEF.configKeys().get(WarehouseSinkConfig.DESTINATION).dependents;
        assertTrue(dependents.containsAll(List.of("redshift.iam.role", "snowflake.stage", "bigquery.project")), dependents.toString());
    }

    @Test
    void aProvidersKeysKeepTheirGroupAndValidator() {
        ConfigDef.ConfigKey type = WarehouseSinkConfig.CONFIG_DEF.configKeys().get("bigquery.partition.type");
        assertEquals("BigQuery", type.group);
        Map<String, ConfigValue> values = validate(Map.of("destination", "bigquery", "bigquery.partition.type", "WEEK"));
        assertTrue(values.get("bigquery.partition.type").errorMessages().get(0).contains("WEEK"),
                values.get("bigquery.partition.type").errorMessages().toString());
    }

    @Test
    void validateNamesTheProvidersFieldsAndOnlyTheSelectedProviderValidates() {
        Map<String, ConfigValue> bigquery = connectorValidate(Map.of("destination", "bigquery", "topics", "t"));
        assertTrue(bigquery.get("bigquery.project").errorMessages().get(0).contains("needs bigquery.project"),
                bigquery.get("bigquery.project").errorMessages().toString());
        Map<String, ConfigValue> duckdb = connectorValidate(Map.of("destination", "duckdb", "topics", "t", "tasks.max", "1",
                "warehouse.url", "jdbc:duckdb:" + System.getProperty("java.io.tmpdir") + "/keys-test.duckdb"));
        assertEquals(List.of(), duckdb.values().stream().flatMap(v -> v.errorMessages().stream()).toList());
    }

    @Test
    void aKeyDefinedTwiceIsRefused() {
        DestinationProvider clashing = provider("clash", new ConfigDef().define("warehouse.url", ConfigDef.Type.STRING, null, Importance.LOW, "again"));
        ConfigDef def = new ConfigDef().define("warehouse.url", ConfigDef.Type.STRING, null, Importance.LOW, "shared");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DestinationKeys("destination", List.of(clashing)).addProviderKeys(def));
        assertTrue(e.getMessage().contains("clash") && e.getMessage().contains("warehouse.url"), e.getMessage());
    }

    @Test
    void choicesReadAsAList() {
        ConfigDef none = new ConfigDef();
        assertEquals("a", new DestinationKeys("d", List.of(provider("a", none))).choices());
        assertEquals("a, b or c", new DestinationKeys("d", List.of(provider("a", none), provider("b", none), provider("c", none))).choices());
    }

    private static Map<String, ConfigValue> validate(Map<String, String> props) {
        return WarehouseSinkConfig.CONFIG_DEF.validate(new HashMap<>(props)).stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
    }

    private static Map<String, ConfigValue> connectorValidate(Map<String, String> props) {
        return new WarehouseSinkConnector().validate(props).configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
    }

    private static DestinationProvider provider(String name, ConfigDef keys) {
        return new DestinationProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ConfigDef configDef() {
                return keys;
            }

            @Override
            public DestinationWriter create(WarehouseSinkConfig config) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props) {
                return Map.of();
            }
        };
    }
}
