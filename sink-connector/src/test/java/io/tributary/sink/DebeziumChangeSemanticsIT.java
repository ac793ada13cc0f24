package io.tributary.sink;

import io.tributary.devstack.ConnectRestClient;
import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 end to end with Debezium's own PostgreSQL connector (pgoutput, default replica identity)
 * on the real Connect cluster, into PostgreSQL and DuckDB: large out-of-line (STORAGE EXTERNAL, so
 * uncompressed TOAST) text and jsonb values that updates leave alone arrive as Debezium's placeholder
 * and must keep the stored value; several versions of a key in one batch and across batches; deletes;
 * then columns widened in the source (integer to bigint with a value above 2^31, varchar(10) to
 * varchar(200), numeric(6,2) to numeric(14,4)) and a column added while changes flow. After each
 * step both warehouse tables equal the source, value for value.
 */
@DevStackTest
class DebeziumChangeSemanticsIT {

    private static final String SOURCE_DB = "dbzsem";

    @Test
    void toastedValuesAndWidenedColumnsEndUpExactlyLikeTheSource(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3,
            DuckDbWarehouse duckdb) throws Exception {
        postgres.createDatabase(SOURCE_DB);
        postgres.createDatabase(SOURCE_DB + "_wh");
        source(postgres, "CREATE TABLE docs (id bigint PRIMARY KEY, title text, body text, doc jsonb, amount int, code varchar(10),"
                        + " price numeric(6,2))",
                "ALTER TABLE docs ALTER COLUMN body SET STORAGE EXTERNAL", "ALTER TABLE docs ALTER COLUMN doc SET STORAGE EXTERNAL",
                "INSERT INTO docs SELECT g, 'title ' || g, repeat('body' || g || '-', 1500), jsonb_build_object('id', g, 'text',"
                        + " repeat('d' || g, 2000)), g * 10, 'c' || g, g + 0.25 FROM generate_series(1, 12) g");
        ConnectRestClient rest = cluster.rest();
        try {
            rest.putConnector("dbzsem-source", debezium(postgres));
            rest.putConnector("dbzsem-postgres", sink(s3, "postgres", postgres.jdbcUrl(SOURCE_DB + "_wh"), postgres));
            rest.putConnector("dbzsem-duckdb", sink(s3, "duckdb", duckdb.jdbcUrl(), null));
            awaitEqual(postgres, duckdb, "the snapshot");

            // updates that leave the large values alone (Debezium sends its placeholder for them), that change them,
            // several versions of one key close together (one batch), and deletes
            source(postgres, "UPDATE docs SET title = 'retitled ' || id WHERE id BETWEEN 1 AND 5",
                    "UPDATE docs SET body = repeat('new body 2-', 1500) WHERE id = 2",
                    "UPDATE docs SET title = 'after new body' WHERE id = 2",
                    "UPDATE docs SET doc = jsonb_build_object('id', 3, 'text', repeat('changed', 1000)) WHERE id = 3",
                    "UPDATE docs SET amount = amount + 1 WHERE id = 6", "UPDATE docs SET amount = amount + 1 WHERE id = 6",
                    "UPDATE docs SET title = 'third version' WHERE id = 6", "DELETE FROM docs WHERE id = 4");
            awaitEqual(postgres, duckdb, "updates leaving large values alone");
            source(postgres, "UPDATE docs SET title = 'another batch' WHERE id = 2", "DELETE FROM docs WHERE id = 5");
            awaitEqual(postgres, duckdb, "a later batch");

            // the source widens columns and gains one while changes flow
            source(postgres, "ALTER TABLE docs ALTER COLUMN amount TYPE bigint", "ALTER TABLE docs ALTER COLUMN code TYPE varchar(200)",
                    "ALTER TABLE docs ALTER COLUMN price TYPE numeric(14,4)", "ALTER TABLE docs ADD COLUMN note text",
                    "UPDATE docs SET amount = 3000000000, code = repeat('w', 150), price = 12345678.1234, note = 'widened' WHERE id = 7",
                    "INSERT INTO docs VALUES (13, 'new', repeat('body13-', 1500), '{\"id\": 13}', 4000000000, repeat('x', 200),"
                            + " 1.2345, 'added')",
                    "UPDATE docs SET title = 'large values untouched after the widening' WHERE id = 8");
            awaitEqual(postgres, duckdb, "widened and added columns");
        } finally {
            for (String connector : List.of("dbzsem-source", "dbzsem-postgres", "dbzsem-duckdb")) {
                rest.deleteConnector(connector);
            }
        }
    }

    private static void awaitEqual(PostgresServer postgres, DuckDbWarehouse duckdb, String step) throws Exception {
        Map<Long, List<Object>> expected = read(() -> postgres.connect(SOURCE_DB), "public.docs");
        WarehouseTables.awaitEqual(expected, () -> readOrFail(() -> postgres.connect(SOURCE_DB + "_wh"), "dbzsem.public_docs"), 120_000,
                "PostgreSQL after " + step);
        WarehouseTables.awaitEqual(expected, () -> readOrFail(duckdb::connect, "dbzsem.public_docs"), 120_000, "DuckDB after " + step);
    }

    private static Map<Long, List<Object>> readOrFail(WarehouseTables.Connector connector, String table) {
        try {
            return read(connector, table);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** id to every column as text (decimals without trailing zeros); the note column once it exists. */
    private static Map<Long, List<Object>> read(WarehouseTables.Connector connector, String table) throws SQLException {
        Map<Long, List<Object>> rows = new TreeMap<>();
        try (Connection c = connector.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String name = rs.getMetaData().getColumnName(i);
                if (!name.startsWith("__tributary_")) {
                    columns.add(name);
                }
            }
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                for (String column : List.of("title", "body", "doc", "amount", "code", "price", "note")) {
                    if (!columns.contains(column)) {
                        continue;
                    }
                    Object value = rs.getObject(column);
                    values.add(value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                            : value == null ? null : value.toString().replace("\": ", "\":"));
                }
                if (rows.put(rs.getLong("id"), values) != null) {
                    throw new AssertionError("two rows with id " + rs.getLong("id") + " in " + table);
                }
            }
        }
        return rows;
    }

    private static Map<String, String> debezium(PostgresServer postgres) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        config.put("tasks.max", "1");
        config.put("plugin.name", "pgoutput");
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(postgres.port()));
        config.put("database.user", postgres.user());
        config.put("database.password", postgres.password());
        config.put("database.dbname", SOURCE_DB);
        config.put("topic.prefix", "dbzsem");
        config.put("table.include.list", "public.docs");
        config.put("slot.name", "tributary_dbzsem");
        config.put("slot.drop.on.stop", "true");
        config.put("publication.name", "tributary_dbzsem");
        config.put("publication.autocreate.mode", "filtered");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private static Map<String, String> sink(S3Server s3, String destination, String url, PostgresServer postgres) {
        Map<String, String> credentials = new HashMap<>(Map.of("warehouse.url", url));
        if (postgres != null) {
            credentials.put("warehouse.user", postgres.user());
            credentials.put("warehouse.password", postgres.password());
        }
        Map<String, String> config = new HashMap<>(SinkPipelineIT.sinkConfig(s3, destination, "1", credentials));
        config.put("topics", "dbzsem.public.docs");
        config.put("warehouse.schema", "dbzsem");
        config.put("delete.mode", "hard");
        config.put("flush.interval.ms", "1000");
        return config;
    }

    private static void source(PostgresServer postgres, String... statements) throws SQLException {
        try (Connection c = postgres.connect(SOURCE_DB); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }
}
