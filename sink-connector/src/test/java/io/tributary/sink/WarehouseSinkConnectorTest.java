package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class WarehouseSinkConnectorTest {

    private static final Map<String, String> VALID = Map.of("topics", "shop.public.orders", "destination", "duckdb");

    @Test
    void tasksShareTheConnectorConfig() {
        WarehouseSinkConnector connector = new WarehouseSinkConnector();
        connector.start(VALID);
        List<Map<String, String>> tasks = connector.taskConfigs(3);
        assertEquals(3, tasks.size());
        tasks.forEach(t -> assertEquals("duckdb", t.get("destination")));
        assertEquals(List.of("0", "1", "2"), tasks.stream().map(t -> t.get("task.id")).toList(), "each task knows its REST task id");
    }

    @Test
    void modesParseCaseInsensitively() {
        WarehouseSinkConfig config = new WarehouseSinkConfig(Map.of("destination", "PostGres", "write.mode", "Append", "delete.mode", "soft"));
        assertEquals("postgres", config.destination());
        assertEquals(WriteMode.APPEND, config.writeMode());
        assertEquals(DeleteMode.SOFT, config.deleteMode());
    }

    @Test
    void truncateModeIsCheckedAndApplyNeedsASqlWarehouse() {
        assertEquals(TruncateMode.SKIP, new WarehouseSinkConfig(VALID).truncateMode());
        assertEquals(TruncateMode.APPLY, new WarehouseSinkConfig(Map.of("destination", "duckdb", "truncate.mode", "Apply")).truncateMode());
        org.apache.kafka.common.config.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.common.config.ConfigException.class,
                () -> new WarehouseSinkConfig(Map.of("destination", "duckdb", "truncate.mode", "sometimes")));
        org.junit.jupiter.api.Assertions.assertTrue(bad.getMessage().contains("truncate.mode"), bad.getMessage());
        Map<String, ConfigValue> result = new WarehouseSinkConnector().validate(Map.of("destination", "duckdb", "topics", "t",
                "truncate.mode", "sometimes")).configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertEquals(1, result.get("truncate.mode").errorMessages().size(), result.get("truncate.mode").errorMessages().toString());
        org.apache.kafka.common.config.ConfigException s3 = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.common.config.ConfigException.class,
                () -> new WarehouseSinkTask().start(Map.of("destination", "s3", "topics", "t", "truncate.mode", "apply")));
        assertEquals("truncate.mode=apply is not supported by destination s3: only duckdb, postgres, redshift, snowflake apply"
                + " truncates; use truncate.mode=skip", s3.getMessage());
    }

    @Test
    void staleRowsDeleteNeedsMergeWithDeletesAndADestinationThatDeletesThem() {
        assertEquals(StaleRows.KEEP, new WarehouseSinkConfig(VALID).staleRows());
        assertEquals(StaleRows.DELETE, new WarehouseSinkConfig(Map.of("destination", "duckdb", "stale.rows", "Delete")).staleRows());
        assertEquals(List.of("stale.rows=delete needs delete.mode=hard or delete.mode=soft: delete.mode=none ignores deletes, so stale"
                + " rows would stay; set delete.mode, or stale.rows=keep"), staleRowsErrors("duckdb", "delete.mode", "none"));
        assertEquals(List.of("stale.rows=delete needs write.mode=merge: with write.mode=append every version is a row of its own, so no"
                + " row is stale; use stale.rows=keep"), staleRowsErrors("duckdb", "write.mode", "append"));
        assertEquals(List.of("stale.rows=delete is not supported by destination s3: only duckdb, postgres, redshift, snowflake delete"
                + " stale rows; use stale.rows=keep"), staleRowsErrors("s3", "delete.mode", "hard"));
        assertEquals(List.of(), staleRowsErrors("duckdb", "delete.mode", "soft"));
        // a snapshot record sent to the dead-letter queue leaves its row's older version in the table: the
        // stale delete would then remove a row the source still has
        assertEquals(List.of("stale.rows=delete cannot be used with errors.tolerance=all: a re-snapshot's record that goes to the"
                + " dead-letter queue leaves its row unmarked, and the stale delete would remove a row the source still has; set"
                + " errors.tolerance=none, or stale.rows=keep"), staleRowsErrors("duckdb", "errors.tolerance", "all"));
        assertEquals(List.of(), staleRowsErrors("duckdb", "errors.tolerance", "none"));
        org.apache.kafka.common.config.ConfigException bigquery = org.junit.jupiter.api.Assertions.assertThrows(
                org.apache.kafka.common.config.ConfigException.class,
                () -> new WarehouseSinkTask().start(Map.of("destination", "bigquery", "topics", "t", "stale.rows", "delete")));
        assertEquals("stale.rows=delete is not supported by destination bigquery: only duckdb, postgres, redshift, snowflake delete"
                + " stale rows; use stale.rows=keep", bigquery.getMessage());
    }

    private static List<String> staleRowsErrors(String destination, String key, String value) {
        return new WarehouseSinkConnector().validate(Map.of("destination", destination, "topics", "t", "stale.rows", "delete", key, value))
                .configValues().stream().filter(v -> v.name().equals("stale.rows")).findFirst().orElseThrow().errorMessages();
    }

    @Test
    void validateRejectsAnUnknownDestinationOnItsField() {
        Map<String, ConfigValue> result = new WarehouseSinkConnector().validate(Map.of("destination", "oracle", "topics", "t"))
                .configValues().stream().collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertTrue(result.get("destination").errorMessages().get(0).contains("oracle"));
    }

    @Test
    void validateAndStartRefuseCredentialsInTheUrl() {
        for (String url : List.of("jdbc:postgresql://wh:5432/analytics?user=u&password=s3cr3t-value",
                "jdbc:postgresql://u:s3cr3t-value@wh:5432/analytics",
                "jdbc:snowflake://acme.snowflakecomputing.com/?db=A&private_key_file_pwd=s3cr3t-value",
                "jdbc:redshift://c:5439/dev;UID=u;PWD=s3cr3t-value")) {
            Map<String, String> props = Map.of("destination", "postgres", "topics", "t", "warehouse.url", url);
            Map<String, ConfigValue> result = new WarehouseSinkConnector().validate(props).configValues().stream()
                    .collect(Collectors.toMap(ConfigValue::name, v -> v));
            List<String> errors = result.get("warehouse.url").errorMessages();
            assertEquals(1, errors.size(), url + ": " + errors);
            assertTrue(errors.get(0).contains("warehouse.password") && errors.get(0).contains("config provider"), errors.get(0));
            assertTrue(!errors.get(0).contains("s3cr3t-value"), "the error repeats the secret: " + errors.get(0));
            org.apache.kafka.common.config.ConfigException atStart = org.junit.jupiter.api.Assertions.assertThrows(
                    org.apache.kafka.common.config.ConfigException.class, () -> new WarehouseSinkConnector().start(props), url);
            assertTrue(!atStart.getMessage().contains("s3cr3t-value"), atStart.getMessage());
        }
        Map<String, ConfigValue> clean = new WarehouseSinkConnector().validate(Map.of("destination", "duckdb", "topics", "t",
                "warehouse.url", "jdbc:duckdb:/tmp/x.duckdb?access_mode=READ_WRITE")).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertEquals(List.of(), clean.get("warehouse.url").errorMessages().stream().filter(m -> m.contains("credential")).toList());
    }

    @Test
    void validateReportsTwoTopicsForOneTableOnTheFormat() {
        Map<String, ConfigValue> result = new WarehouseSinkConnector().validate(Map.of("destination", "oracle",
                "topics", "cdc.public.orders, cdc.archive.orders", "table.name.format", "${table}")).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        List<String> errors = result.get("table.name.format").errorMessages();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("cdc.public.orders") && errors.get(0).contains("cdc.archive.orders"), errors.get(0));
        Map<String, ConfigValue> byDefault = new WarehouseSinkConnector().validate(Map.of("destination", "oracle",
                "topics", "cdc.public.orders, cdc.archive.orders")).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        assertEquals(List.of(), byDefault.get("table.name.format").errorMessages());
    }

    @Test
    void topicsRegexWithoutAFasterMetadataRefreshWarnsOnceAtStart() {
        List<String> warnings = new java.util.ArrayList<>();
        org.apache.logging.log4j.core.Logger logger = (org.apache.logging.log4j.core.Logger) org.apache.logging.log4j.LogManager
                .getLogger(WarehouseSinkConnector.class);
        org.apache.logging.log4j.core.appender.AbstractAppender appender = new org.apache.logging.log4j.core.appender.AbstractAppender(
                "capture", null, null, true, org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY) {
            @Override
            public void append(org.apache.logging.log4j.core.LogEvent event) {
                if (event.getLevel().equals(org.apache.logging.log4j.Level.WARN)) {
                    warnings.add(event.getMessage().getFormattedMessage());
                }
            }
        };
        appender.start();
        logger.addAppender(appender);
        try {
            new WarehouseSinkConnector().start(Map.of("topics.regex", "shop\\.public\\..*", "destination", "duckdb"));
            new WarehouseSinkConnector().start(Map.of("topics.regex", "shop\\.public\\..*", "destination", "duckdb",
                    "consumer.override.metadata.max.age.ms", "30000"));
            new WarehouseSinkConnector().start(Map.of("topics", "shop.public.orders", "destination", "duckdb"));
        } finally {
            logger.removeAppender(appender);
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("consumer.override.metadata.max.age.ms=30000") && warnings.get(0).contains("5 minutes"),
                warnings.get(0));
    }
}
