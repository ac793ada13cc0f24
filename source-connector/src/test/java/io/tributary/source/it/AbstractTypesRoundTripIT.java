package io.tributary.source.it;

import static io.tributary.source.it.SourceConnectorHarness.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.JdbcDatabase;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

/**
 * Every type of the record contract survives the whole trip - database, connector, converter,
 * Kafka, converter - to the exact value: the record a consumer decodes equals the row read directly
 * from the database (whose exactness the schema package's ITs prove value by value). One subclass
 * per database.
 */
abstract class AbstractTypesRoundTripIT {

    /** The database under test; set by the subclass before each test. */
    JdbcDatabase db;

    abstract TableId table();

    abstract SourceDialect dialect();

    /** Creates {@link #table()} with every type, one row of edge values (id 1), one of NULLs (id 2), maybe more edge rows. */
    abstract List<String> createTable();

    @Test
    void everyTypeArrivesExactly(KafkaConnectCluster cluster) throws Exception {
        Map<Integer, Struct> expected = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String sql : createTable()) {
                s.execute(sql);
            }
            dialect().prepareSession(c);
            TableDescription description = dialect().describe(c, table());
            RowConverter converter = new RowConverter(description, List.of("id"), prefix(), dialect()::mapping, false);
            String quote = dialect() instanceof PostgresDialect ? "\"" : "`";
            String columns = converter.selectColumns().stream().map(n -> quote + n + quote).collect(Collectors.joining(", "));
            try (ResultSet rs = s.executeQuery("SELECT " + columns + " FROM " + table().schema() + "." + table().table())) {
                while (rs.next()) {
                    expected.put(rs.getInt("id"), converter.value(converter.read(rs)));
                }
            }
        }
        assertEquals(true, expected.size() >= 2, "rows: " + expected.keySet());

        SourceConnectorHarness harness = new SourceConnectorHarness(cluster);
        String name = prefix() + "-types";
        try {
            harness.create(name, SourceConnectorHarness.config(db.jdbcUrl(), db.user(), db.password(), prefix(),
                    with("tasks.max", "1", "mode", "snapshot", "table.include.list", table().qualified().replace(".", "\\."))), 1);
            JsonConverter converter = new JsonConverter();
            converter.configure(Map.of("schemas.enable", "true", "decimal.format", "BASE64"), false);
            Map<Integer, Struct> arrived = new HashMap<>();
            String topic = prefix() + "." + table().qualified();
            harness.readRows(topic, expected.size(), Duration.ofMinutes(2), row -> {
                SchemaAndValue value = converter.toConnectData(topic, row.record().value());
                Struct struct = (Struct) value.value();
                arrived.put(((Number) struct.get("id")).intValue(), struct);
            });
            for (int id : expected.keySet()) {
                Struct want = expected.get(id);
                Struct got = arrived.get(id);
                want.schema().fields().forEach(f -> assertEquals(want.schema().field(f.name()).schema(), got.schema().field(f.name()).schema(),
                        "schema of " + f.name()));
                want.schema().fields().forEach(f -> assertEquals(String.valueOf(render(want.get(f))), String.valueOf(render(got.get(f.name()))),
                        "value of " + f.name() + " in row " + id));
                assertEquals(want, got, "row " + id);
            }
            checkArrived(arrived);
        } finally {
            harness.delete(name);
        }
    }

    /** Database-specific checks of the rows as a consumer decoded them; none by default. */
    void checkArrived(Map<Integer, Struct> arrived) {
    }

    private String prefix() {
        return dialect() instanceof PostgresDialect ? "rtpg" : "rtmaria";
    }

    private static Object render(Object value) {
        return value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : value;
    }
}
