package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.devstack.JdbcDatabase;
import io.tributary.devstack.KafkaConnectCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Text, UUID, date and composite keys chunk and snapshot completely: every key of the table arrives.
 * One subclass per database.
 */
abstract class AbstractKeyTypesIT {

    static final int ROWS = 3_000;


    /** The database under test; set by the subclass before each test. */
    JdbcDatabase db;

    /** The schema (MariaDB: database) holding the tables. */
    abstract String schema();

    /** DDL and data for {@code table} with the given key kind: "text", "uuid", "date" or "composite". */
    abstract List<String> createTable(String table, String keyKind);

    /** The key of the current row of {@code SELECT <key columns> FROM table} as text, like {@link #keyOf(JsonNode)}. */
    abstract String databaseKey(ResultSet rs, String keyKind) throws SQLException;

    @Test
    void textKeysInBinaryOrder(KafkaConnectCluster cluster) throws Exception {
        snapshotsEveryKey(cluster, "text");
    }

    @Test
    void uuidKeys(KafkaConnectCluster cluster) throws Exception {
        snapshotsEveryKey(cluster, "uuid");
    }

    @Test
    void dateKeys(KafkaConnectCluster cluster) throws Exception {
        snapshotsEveryKey(cluster, "date");
    }

    @Test
    void compositeKeys(KafkaConnectCluster cluster) throws Exception {
        snapshotsEveryKey(cluster, "composite");
    }

    private void snapshotsEveryKey(KafkaConnectCluster cluster, String keyKind) throws Exception {
        String table = "keys_" + keyKind;
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : createTable(table, keyKind)) {
                s.execute(sql);
            }
        }
        Set<String> expected = new HashSet<>();
        String keyColumns = keyKind.equals("composite") ? "a, b" : "k";
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + keyColumns + " FROM " + table)) {
            while (rs.next()) {
                expected.add(databaseKey(rs, keyKind));
            }
        }
        assertEquals(ROWS, expected.size(), "test data");

        String prefix = getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("keytypesit", "") + "-" + keyKind;
        String name = prefix + "-keys";
        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        try {
            harness.create(name, SourceConnectorHarness.config(db.jdbcUrl(), db.user(), db.password(), prefix,
                    with("tasks.max", "3", "mode", "snapshot", "table.include.list", schema() + "\\." + table,
                            "snapshot.chunk.rows", "400")), 3);
            List<JsonNode> done = harness.awaitChunksDone(prefix, schema() + "." + table, 8, Duration.ofMinutes(2));
            assertEquals(ROWS, done.stream().mapToLong(e -> e.path("rows").asLong()).sum(), "chunk rows add up: " + done);

            Set<String> arrived = new HashSet<>();
            Function<JsonNode, String> key = this::keyOf;
            harness.readRows(prefix + "." + schema() + "." + table, ROWS, Duration.ofMinutes(1), row -> arrived.add(key.apply(row.key())));
            assertEquals(expected, arrived, "every key arrives exactly as in the table");
        } finally {
            harness.delete(name);
        }
    }

    /** The key payload as text: a single column's value, or "a|b" for the composite key. */
    String keyOf(JsonNode key) {
        if (key.has("a")) {
            return key.path("a").asText() + "|" + key.path("b").asText();
        }
        return key.path("k").asText();
    }
}
