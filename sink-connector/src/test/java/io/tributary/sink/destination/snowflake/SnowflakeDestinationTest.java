package io.tributary.sink.destination.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.KeyRange;
import io.tributary.sink.buffer.TestBatches;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.sql.ApplyPlan;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.Encoding;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnowflakeDestinationTest {

    private static final SnowflakeDialect DIALECT = new SnowflakeDialect(null, null);
    private static final MetadataColumns META = MetadataColumns.withPrefix("__tributary_", "__tributary_deleted_at");

    @Test
    void typeMapping() {
        Map<String, String> actual = new LinkedHashMap<>();
        List<Column> columns = List.of(Column.of("bool", Kind.BOOLEAN), Column.of("i16", Kind.INT16), Column.of("i32", Kind.INT32),
                Column.of("i64", Kind.INT64), Column.of("f32", Kind.FLOAT32), Column.of("f64", Kind.FLOAT64),
                new Column("dec", ColumnType.decimal(10, 2), Encoding.AS_IS, false, null),
                new Column("dec_wide", ColumnType.decimal(50, 4), Encoding.AS_IS, false, null),
                new Column("dec_scale", ColumnType.decimal(0, 40), Encoding.AS_IS, false, null),
                Column.of("vdec", Kind.VARIABLE_DECIMAL), new Column("s", ColumnType.string(100), Encoding.AS_IS, false, null),
                Column.of("text", Kind.STRING), Column.of("json", Kind.JSON),
                new Column("arr", ColumnType.of(Kind.ARRAY), Encoding.AS_IS, false, Column.of("e", Kind.INT32)), Column.of("uuid", Kind.UUID),
                Column.of("bytes", Kind.BYTES), Column.of("date", Kind.DATE), Column.of("time", Kind.TIME), Column.of("dur", Kind.DURATION), Column.of("ts", Kind.TIMESTAMP),
                Column.of("tstz", Kind.TIMESTAMPTZ));
        columns.forEach(c -> actual.put(c.name(), DIALECT.typeName(c)));
        Map<String, String> expected = new LinkedHashMap<>();
        String[] types = {"BOOLEAN", "SMALLINT", "INTEGER", "BIGINT", "FLOAT", "FLOAT", "NUMBER(10,2)", "NUMBER(38,4)", "VARCHAR", "VARCHAR",
            "VARCHAR(100)", "VARCHAR", "VARIANT", "ARRAY", "VARCHAR(36)", "BINARY", "DATE", "TIME(6)", "VARCHAR(32)", "TIMESTAMP_NTZ(6)", "TIMESTAMP_TZ(6)"};
        for (int i = 0; i < columns.size(); i++) {
            expected.put(columns.get(i).name(), types[i]);
        }
        assertEquals(expected, actual);
        assertEquals("\"Order Items\"", DIALECT.quote("Order Items"), "quoted identifiers keep their case");
    }

    @Test
    void theBatchsKeyRangesBoundTheTargetAsLiterals() {
        MergeSql sql = new MergeSql(DIALECT, new TableId("SHOP", "items"), new TableId("SHOP", "items__tributary_deleted"),
                List.of("id", "name", "body"), List.of("id"), META, DeleteMode.HARD).withUnchanged(List.of("body"))
                .withKeyRanges(List.of(new KeyRange("id", -5, 90_000_000_000L), new KeyRange("not_a_key", 1, 2)));
        List<String> statements = ApplyPlan.STANDARD_MERGE.statements(sql, DeleteMode.HARD);
        String range = "f.\"id\" BETWEEN -5 AND 90000000000";
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("MERGE INTO \"SHOP\".\"items\" AS f USING \"tributary_latest\" AS l ON f.\"id\""
                + " = l.\"id\" AND " + range + " WHEN")), statements.toString());
        assertTrue(statements.stream().anyMatch(s -> s.startsWith("UPDATE \"tributary_latest\"") && s.contains(" AND " + range + " AND ")),
                "values left out are read from the same part of the target: " + statements);
        String all = String.join(";", statements);
        assertEquals(2, all.split(range, -1).length - 1, "only the target: " + statements);
        assertFalse(all.contains("not_a_key"), "only key columns: " + statements);
    }

    @Test
    void theStandardMergeWithQuotedIdentifiers() {
        MergeSql sql = new MergeSql(DIALECT, new TableId("SHOP", "items"), new TableId("SHOP", "items__tributary_deleted"),
                List.of("id", "name"), List.of("id"), META, DeleteMode.HARD);
        List<String> statements = ApplyPlan.STANDARD_MERGE.statements(sql, DeleteMode.HARD);
        assertEquals(6, statements.size());
        String raised = "(l.\"__tributary_generation\" IS NOT NULL AND (f.\"__tributary_generation\" IS NULL OR l.\"__tributary_generation\" >"
                + " f.\"__tributary_generation\"))";
        String greater = "\"__tributary_generation\" = CASE WHEN " + raised + " THEN l.\"__tributary_generation\" ELSE f.\"__tributary_generation\" END";
        // a key mark first: it sets only the generation, and no later clause sees it
        assertTrue(statements.get(2).startsWith("MERGE INTO \"SHOP\".\"items\" AS f USING \"tributary_latest\" AS l ON f.\"id\" = l.\"id\""
                + " WHEN MATCHED AND l.\"__tributary_op\" = 'k' THEN UPDATE SET " + greater + " WHEN MATCHED AND l.\"__tributary_op\" = 'd' AND ("),
                statements.get(2));
        assertTrue(statements.get(2).contains(" \"__tributary_synced_at\" = CURRENT_TIMESTAMP, " + greater + " WHEN MATCHED AND NOT ("),
                "a newer version keeps the greater generation: " + statements.get(2));
        assertTrue(statements.get(2).contains(" AND l.\"__tributary_op\" NOT IN ('d', 'k') AND (f.\"__tributary_unchanged\" IS NOT NULL OR "
                + raised + ") THEN UPDATE SET "), "an older version raises the generation: " + statements.get(2));
        assertTrue(statements.get(2).endsWith("WHEN NOT MATCHED AND l.\"__tributary_op\" NOT IN ('d', 'k') THEN INSERT (\"id\", \"name\","
                + " \"__tributary_position\", \"__tributary_op\", \"__tributary_topic\", \"__tributary_partition\", \"__tributary_offset\","
                + " \"__tributary_unchanged\", \"__tributary_generation\", \"__tributary_synced_at\") VALUES (l.\"id\", l.\"name\","
                + " l.\"__tributary_position\", l.\"__tributary_op\", l.\"__tributary_topic\", l.\"__tributary_partition\", l.\"__tributary_offset\","
                + " l.\"__tributary_unchanged\", l.\"__tributary_generation\", CURRENT_TIMESTAMP)"), statements.get(2));
        // the newest version per key: a key mark last, whatever its place; the greatest generation of the key's versions
        assertTrue(statements.get(0).contains("ROW_NUMBER() OVER (PARTITION BY s.\"id\" ORDER BY CASE WHEN s.\"__tributary_op\" = 'k' THEN 1 ELSE 0"
                + " END, COALESCE(s.\"__tributary_position\", -9223372036854775807) DESC, s.\"__tributary_partition\" DESC, s.\"__tributary_offset\""
                + " DESC) AS tributary_rn, MAX(s.\"__tributary_generation\") OVER (PARTITION BY s.\"id\") AS tributary_max_generation"), statements.get(0));
        assertTrue(statements.get(4).endsWith("AND l.\"__tributary_op\" NOT IN ('d', 'k'))"), "a key mark ends no tombstone: " + statements.get(4));
    }

    /**
     * Values an update left out ({@code unchanged}): the batch fills them from the newest version that has
     * them (a window over the stage), then from the stored row (UPDATE ... FROM), and an older version
     * fills what a stored row lists as unknown (a MERGE clause of its own). Snowflake spells it as
     * standard SQL: POSITION(... IN ...), ||, NULLIF, FIRST_VALUE with a frame.
     */
    @Test
    void valuesLeftOutAreFilledWithStandardSql() {
        MergeSql sql = new MergeSql(DIALECT, new TableId("SHOP", "items"), new TableId("SHOP", "items__tributary_deleted"),
                List.of("id", "name", "body"), List.of("id"), META, DeleteMode.HARD).withUnchanged(List.of("body"));
        List<String> statements = ApplyPlan.STANDARD_MERGE.statements(sql, DeleteMode.HARD);
        assertEquals(7, statements.size());
        String leftOut = "(s.\"__tributary_op\" NOT IN ('d', 'k') AND NOT (s.\"__tributary_unchanged\" IS NOT NULL"
                + " AND POSITION(',body,' IN s.\"__tributary_unchanged\") > 0))";
        assertTrue(statements.get(0).contains("CASE WHEN " + leftOut + " THEN s.\"body\" ELSE FIRST_VALUE(CASE WHEN " + leftOut
                + " THEN s.\"body\" END) OVER (PARTITION BY s.\"id\" ORDER BY CASE WHEN " + leftOut + " THEN 1 ELSE 0 END DESC,"), statements.get(0));
        assertTrue(statements.get(0).contains("ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) END AS \"body\""), statements.get(0));
        assertTrue(statements.get(0).contains(", s.\"name\", "), "a column no version left out is taken as it is");
        assertTrue(statements.get(2).startsWith("UPDATE \"tributary_latest\" SET \"body\" = CASE WHEN (\"tributary_latest\".\"__tributary_unchanged\""
                + " IS NOT NULL AND POSITION(',body,' IN \"tributary_latest\".\"__tributary_unchanged\") > 0) THEN f.\"body\""
                + " ELSE \"tributary_latest\".\"body\" END, \"__tributary_unchanged\" = NULLIF(',' || CASE WHEN"), statements.get(2));
        assertTrue(statements.get(2).endsWith(" FROM \"SHOP\".\"items\" AS f WHERE f.\"id\" = \"tributary_latest\".\"id\""
                + " AND \"tributary_latest\".\"__tributary_unchanged\" IS NOT NULL"), statements.get(2));
        assertTrue(statements.get(3).contains(" AND l.\"__tributary_op\" NOT IN ('d', 'k') AND (f.\"__tributary_unchanged\" IS NOT NULL OR"
                + " (l.\"__tributary_generation\" IS NOT NULL AND (f.\"__tributary_generation\" IS NULL OR l.\"__tributary_generation\" >"
                + " f.\"__tributary_generation\"))) THEN UPDATE SET"
                + " \"name\" = CASE WHEN (f.\"__tributary_unchanged\" IS NOT NULL AND POSITION(',name,' IN f.\"__tributary_unchanged\") > 0)"
                + " AND NOT (l.\"__tributary_unchanged\" IS NOT NULL AND POSITION(',name,' IN l.\"__tributary_unchanged\") > 0)"
                + " THEN l.\"name\" ELSE f.\"name\" END, \"body\" = CASE"), statements.get(3));
    }

    private static StagedBatch staged(Path file, String key) {
        TableSchema schema = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey()));
        Batch batch = TestBatches.of(new TableId("SHOP", "items"), "shop.public.items", 0, 0, 9, schema, schema.columns(), file, 0);
        return new StagedBatch(batch, key, "s3://bucket/" + key);
    }

    @Test
    void copyFromTheExternalStage() {
        SnowflakeCopyLoader loader = new SnowflakeCopyLoader("ANALYTICS.PUBLIC.TRIBUTARY", "bucket", "tributary");
        assertEquals(List.of("COPY INTO \"tributary_stage\" FROM @ANALYTICS.PUBLIC.TRIBUTARY FILES ="
                + " ('SHOP.items/2024/01/02/shop.public.items+0+00000000000000000000-9.avro') FILE_FORMAT = (TYPE = AVRO)"
                + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE FORCE = TRUE"),
                loader.statements("tributary_stage", staged(Path.of("/tmp/b.avro"),
                        "tributary/SHOP.items/2024/01/02/shop.public.items+0+00000000000000000000-9.avro")));
        assertThrows(IllegalArgumentException.class, () -> loader.statements("t", staged(Path.of("/tmp/b.avro"), "other/x.avro")));
    }

    @Test
    void putThenCopyFromTheUserStage() {
        SnowflakeCopyLoader loader = new SnowflakeCopyLoader(null, "bucket", "");
        assertEquals(List.of("PUT 'file:///buffer/batch-1.avro' '@~/tributary/SHOP.items/2024/01/02/' AUTO_COMPRESS = FALSE OVERWRITE = TRUE",
                "COPY INTO \"tributary_stage\" FROM '@~/tributary/SHOP.items/2024/01/02/' FILES = ('batch-1.avro') FILE_FORMAT = (TYPE = AVRO)"
                        + " MATCH_BY_COLUMN_NAME = CASE_INSENSITIVE FORCE = TRUE PURGE = TRUE"),
                loader.statements("tributary_stage", staged(Path.of("/buffer/batch-1.avro"), "SHOP.items/2024/01/02/x.avro")));
    }

    private static WarehouseSinkConfig config(String... kv) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "snowflake"));
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return new WarehouseSinkConfig(props);
    }

    @Test
    void keyPairOrPassword(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("rsa_key.p8"), "-----BEGIN PRIVATE KEY-----");
        Properties keyPair = SnowflakeDestinationProvider.connectionProperties(config("warehouse.user", "LOADER",
                "snowflake.private.key.file", key.toString(), "snowflake.private.key.passphrase", "pp", "warehouse.password", "ignored"));
        assertEquals("SNOWFLAKE_JWT", keyPair.getProperty("authenticator"));
        assertEquals(key.toString(), keyPair.getProperty("private_key_file"));
        assertEquals("pp", keyPair.getProperty("private_key_pwd"));
        assertNull(keyPair.getProperty("password"));
        Properties password = SnowflakeDestinationProvider.connectionProperties(config("warehouse.user", "LOADER", "warehouse.password", "pw"));
        assertEquals("pw", password.getProperty("password"));
        assertNull(password.getProperty("authenticator"));
    }

    private static SnowflakeProbe probe(String warehouse, String database, String stageProblem, String schemaProblem) {
        return new SnowflakeProbe() {
            @Override
            public String currentWarehouse() {
                return warehouse;
            }

            @Override
            public String currentDatabase() {
                return database;
            }

            @Override
            public String currentRole() {
                return "TRIBUTARY";
            }

            @Override
            public String stageProblem(String stage) {
                return stageProblem;
            }

            @Override
            public String schemaProblem(String schema) {
                return schemaProblem;
            }

            @Override
            public void close() {
            }
        };
    }

    private static final String URL = "jdbc:snowflake://acme.snowflakecomputing.com/?db=ANALYTICS&warehouse=LOADING";

    @Test
    void validateNamesWhatIsMissing(@TempDir Path dir) {
        WarehouseSinkConfig good = config("warehouse.url", URL, "warehouse.user", "LOADER", "warehouse.password", "pw",
                "snowflake.stage", "ANALYTICS.PUBLIC.TRIBUTARY");
        assertEquals(Map.of(), SnowflakeDestinationProvider.validate(good, () -> probe("LOADING", "ANALYTICS", null, null)));
        Map<String, String> bare = SnowflakeDestinationProvider.validate(config("warehouse.url", URL), () -> probe("W", "D", null, null));
        assertEquals("destination snowflake needs warehouse.user", bare.get("warehouse.user"));
        assertTrue(bare.get("warehouse.password").contains("snowflake.private.key.file"));
        assertTrue(SnowflakeDestinationProvider.validate(config("warehouse.url", URL, "warehouse.user", "U", "snowflake.private.key.file",
                dir.resolve("missing.p8").toString()), () -> probe("W", "D", null, null)).get("snowflake.private.key.file").contains("missing.p8"));
        assertTrue(SnowflakeDestinationProvider.validate(config("warehouse.url", "jdbc:postgresql://x/y"), () -> probe("W", "D", null, null))
                .get("warehouse.url").contains("jdbc:snowflake://"));
    }

    @Test
    void validateNamesTheMissingGrant() {
        WarehouseSinkConfig good = config("warehouse.url", URL, "warehouse.user", "LOADER", "warehouse.password", "pw",
                "snowflake.stage", "ANALYTICS.PUBLIC.TRIBUTARY", "warehouse.schema", "SHOP");
        assertTrue(SnowflakeDestinationProvider.validate(good, () -> probe(null, "ANALYTICS", null, null)).get("warehouse.url")
                .contains("GRANT USAGE ON WAREHOUSE <name> TO ROLE TRIBUTARY"));
        assertTrue(SnowflakeDestinationProvider.validate(good, () -> probe("W", null, null, null)).get("warehouse.url").contains("?db="));
        String both = SnowflakeDestinationProvider.validate(good, () -> probe(null, null, null, null)).get("warehouse.url");
        assertTrue(both.contains("no virtual warehouse") && both.contains("no database"), "neither error is lost: " + both);
        assertEquals("stage ANALYTICS.PUBLIC.TRIBUTARY is missing or role TRIBUTARY may not use it (GRANT USAGE ON STAGE"
                + " ANALYTICS.PUBLIC.TRIBUTARY TO ROLE TRIBUTARY): does not exist or not authorized",
                SnowflakeDestinationProvider.validate(good, () -> probe("W", "D", "does not exist or not authorized", null)).get("snowflake.stage"));
        assertTrue(SnowflakeDestinationProvider.validate(good, () -> probe("W", "D", null, "Insufficient privileges")).get("warehouse.schema")
                .startsWith("role TRIBUTARY needs USAGE and CREATE TABLE on schema SHOP"));
        assertTrue(SnowflakeDestinationProvider.validate(good, () -> {
            throw new SQLException("Incorrect username or password was specified.");
        }).get("warehouse.url").contains("Incorrect username"));
    }

    @Test
    void aUrlThatIsNotSnowflakesIsRefusedByTheDriver() {
        SQLException e = assertThrows(SQLException.class, () -> SnowflakeDialect.driverConnect("jdbc:postgresql://x/y", new Properties()));
        assertTrue(e.getMessage().contains("not a Snowflake JDBC URL"), e.getMessage());
    }
}
