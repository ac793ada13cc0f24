package io.tributary.e2e;


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
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The whole product: a PostgreSQL table with the source's types is snapshot, then changed (updates,
 * inserts, soft deletes), and the final tables in a PostgreSQL warehouse and in DuckDB equal the
 * source, row for row and value for value.
 */
@DevStackTest
class SourceToWarehouseIT {

    private static final String COLUMNS = "id, customer, amount, placed, placed_at, local_ts, note, ref, active, blob, qty, ratio";

    @Test
    void warehouseTablesEqualTheSource(KafkaConnectCluster cluster, PostgresServer postgres, S3Server s3, DuckDbWarehouse duckdb)
            throws Exception {
        postgres.createDatabase("analytics");
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pipe_orders");
            s.execute("CREATE TABLE pipe_orders (id bigint PRIMARY KEY, customer text NOT NULL, amount numeric(12,2), placed date,"
                    + " placed_at timestamptz, local_ts timestamp, note jsonb, ref uuid, active boolean, blob bytea, qty int,"
                    + " ratio double precision, updated_at timestamptz NOT NULL DEFAULT clock_timestamp(), deleted_at timestamptz)");
            s.execute("INSERT INTO pipe_orders (id, customer, amount, placed, placed_at, local_ts, note, ref, active, blob, qty, ratio)"
                    + " SELECT g * 10, 'customer ' || g || ' é🙂', CASE WHEN g % 11 = 0 THEN NULL ELSE g * 1.05 END,"
                    + " date '1960-01-01' + g, timestamptz '2024-02-29 23:59:59.123456+02' + g * interval '1 minute',"
                    + " timestamp '1999-12-31 23:59:59.999999' + g * interval '1 second',"
                    + " CASE WHEN g % 7 = 0 THEN NULL ELSE jsonb_build_object('n', g, 'big', 123456789012345678901234567890, 'x', 1.000000000000000000001) END,"
                    + " md5(g::text)::uuid, g % 2 = 0, decode(lpad(to_hex(g), 8, '0'), 'hex'), g % 1000, g / 3.0"
                    + " FROM generate_series(1, 3000) g");
        }
        ConnectRestClient rest = cluster.rest();
        try {
            Map<String, String> source = new java.util.HashMap<>();
            source.put("connector.class", ConnectPluginsIT.SOURCE);
            source.put("tasks.max", "2");
            source.put("connection.url", postgres.jdbcUrl());
            source.put("connection.user", postgres.user());
            source.put("connection.password", postgres.password());
            source.put("topic.prefix", "pipe");
            source.put("table.include.list", "public\\.pipe_orders");
            source.put("snapshot.chunk.rows", "500");
            source.put("cursor.columns", "public\\.pipe_orders:updated_at");
            source.put("soft.delete.columns", "public\\.pipe_orders:deleted_at");
            source.put("table.monitor.interval.ms", "1000");
            source.put("poll.interval.ms", "500");
            source.put("topic.creation.default.replication.factor", "1");
            source.put("topic.creation.default.partitions", "2");
            rest.putConnector("pipe-source", source);
            rest.putConnector("pipe-postgres", sink(s3, "postgres", "2", postgres.jdbcUrl("analytics"), postgres));
            rest.putConnector("pipe-duckdb", sink(s3, "duckdb", "1", duckdb.jdbcUrl(), null));

            awaitEqual(rest, postgres, () -> postgres.connect("analytics"), "pipeline.public_pipe_orders");
            awaitEqual(rest, postgres, duckdb::connect, "pipeline.public_pipe_orders");

            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("UPDATE pipe_orders SET amount = amount + 1, note = '{\"changed\": true}', updated_at = clock_timestamp() WHERE id % 300 = 0");
                s.execute("UPDATE pipe_orders SET customer = 'twice', updated_at = clock_timestamp() WHERE id = 10");
                s.execute("INSERT INTO pipe_orders (id, customer, amount) SELECT g * 10 + 5, 'new ' || g, 1.50 FROM generate_series(1, 100) g");
                s.execute("UPDATE pipe_orders SET deleted_at = now(), updated_at = clock_timestamp() WHERE id % 700 = 0");
            }
            awaitEqual(rest, postgres, () -> postgres.connect("analytics"), "pipeline.public_pipe_orders");
            awaitEqual(rest, postgres, duckdb::connect, "pipeline.public_pipe_orders");
        } finally {
            for (String name : rest.connectors()) {
                rest.deleteConnector(name);
            }
        }
    }

    private static Map<String, String> sink(S3Server s3, String destination, String tasks, String url, PostgresServer postgres) {
        Map<String, String> config = Pipelines.sinkConfig(s3, destination, tasks, url, postgres, "pipeline", "pipe-" + destination);
        config.put("topics.regex", "pipe\\.public\\..*");
        config.put("delete.mode", "hard");
        config.put("flush.max.records", "1000");
        // topics.regex: a sink that subscribes before the source creates its topic sees it at the next
        // metadata refresh, 5 minutes by default (as in the quickstart's sink)
        config.put("consumer.override.metadata.max.age.ms", "2000");
        return config;
    }

    /** Waits until the warehouse table holds exactly the source's live (not soft-deleted) rows. */
    private static void awaitEqual(ConnectRestClient rest, PostgresServer source, Pipelines.Connector warehouse, String table)
            throws Exception {
        Map<Long, List<String>> expected = read(source::connect, "pipe_orders WHERE deleted_at IS NULL");
        Pipelines.awaitEqual(rest, expected, warehouse, connector -> read(connector, table), table);
    }

    /** id to the row's values in one canonical form per column, whatever database holds them. */
    private static Map<Long, List<String>> read(Pipelines.Connector connector, String from) throws SQLException {
        Map<Long, List<String>> rows = new TreeMap<>();
        try (Connection c = connector.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM " + from)) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                values.add(rs.getString("customer"));
                BigDecimal amount = rs.getBigDecimal("amount");
                values.add(amount == null ? null : amount.toPlainString());
                values.add(String.valueOf(rs.getObject("placed", LocalDate.class)));
                OffsetDateTime placedAt = rs.getObject("placed_at", OffsetDateTime.class);
                values.add(placedAt == null ? null : placedAt.toInstant().toString());
                values.add(String.valueOf(rs.getObject("local_ts", LocalDateTime.class)));
                values.add(rs.getString("note"));
                Object ref = rs.getObject("ref");
                values.add(ref == null ? null : ref.toString().toLowerCase(Locale.ROOT));
                values.add(String.valueOf(rs.getObject("active")));
                byte[] blob = rs.getBytes("blob");
                values.add(blob == null ? null : HexFormat.of().formatHex(blob));
                values.add(String.valueOf(rs.getObject("qty")));
                values.add(String.valueOf(rs.getObject("ratio")));
                if (rows.put(rs.getLong("id"), values) != null) {
                    throw new AssertionError("two rows with id " + rs.getLong("id") + " in " + from);
                }
            }
        }
        return rows;
    }
}
