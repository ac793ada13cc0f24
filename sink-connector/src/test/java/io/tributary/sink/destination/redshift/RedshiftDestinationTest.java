package io.tributary.sink.destination.redshift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.Encoding;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedshiftDestinationTest {

    private static final RedshiftDialect DIALECT = new RedshiftDialect(null, null);
    private static final MetadataColumns META = MetadataColumns.withPrefix("__tributary_", "__tributary_deleted_at");

    private static Column col(Kind kind) {
        return Column.of("c", kind);
    }

    @Test
    void typeMapping() {
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, String> actual = new LinkedHashMap<>();
        Map<Column, String> table = new LinkedHashMap<>();
        table.put(col(Kind.BOOLEAN), "BOOLEAN");
        table.put(col(Kind.INT16), "SMALLINT");
        table.put(col(Kind.INT32), "INTEGER");
        table.put(col(Kind.INT64), "BIGINT");
        table.put(col(Kind.FLOAT32), "REAL");
        table.put(col(Kind.FLOAT64), "DOUBLE PRECISION");
        table.put(new Column("d1", ColumnType.decimal(10, 2), Encoding.AS_IS, false, null), "DECIMAL(10,2)");
        table.put(new Column("d2", ColumnType.decimal(60, 4), Encoding.AS_IS, false, null), "DECIMAL(38,4)");
        table.put(new Column("d3", ColumnType.decimal(0, 6), Encoding.AS_IS, false, null), "DECIMAL(38,6)");
        table.put(col(Kind.VARIABLE_DECIMAL), "VARCHAR(1024)");
        table.put(new Column("s1", ColumnType.string(100), Encoding.AS_IS, false, null), "VARCHAR(400)");
        table.put(new Column("s2", ColumnType.string(20000), Encoding.AS_IS, false, null), "VARCHAR(65535)");
        table.put(col(Kind.STRING), "VARCHAR(65535)");
        table.put(col(Kind.JSON), "SUPER");
        table.put(new Column("a", ColumnType.of(Kind.ARRAY), Encoding.AS_IS, false, col(Kind.INT32)), "SUPER");
        table.put(col(Kind.UUID), "CHAR(36)");
        table.put(col(Kind.BYTES), "VARBYTE(1024000)");
        table.put(col(Kind.DATE), "DATE");
        table.put(col(Kind.TIME), "TIME");
        table.put(col(Kind.DURATION), "VARCHAR(32)");
        table.put(col(Kind.TIMESTAMP), "TIMESTAMP");
        table.put(col(Kind.TIMESTAMPTZ), "TIMESTAMPTZ");
        int i = 0;
        for (Map.Entry<Column, String> e : table.entrySet()) {
            String name = i++ + " " + e.getKey().name() + " " + e.getKey().type();
            expected.put(name, e.getValue());
            actual.put(name, DIALECT.typeName(e.getKey()));
        }
        assertEquals(expected, actual);
        assertEquals(Set.of(Kind.values()).size(), table.keySet().stream().map(Column::kind).distinct().count(), "every kind is mapped");
        assertEquals("TIMESTAMPTZ", DIALECT.timestampTzType());
    }

    /**
     * A new column is added with Redshift's own ALTER TABLE grammar, one column per statement
     * (https://docs.aws.amazon.com/redshift/latest/dg/r_ALTER_TABLE.html):
     * <pre>
     * ALTER TABLE table_name
     * { ...
     * | ADD [ COLUMN ] column_name column_type
     *   [ DEFAULT default_expr ]
     *   [ ENCODE encoding ]
     *   [ NOT NULL | NULL ]
     *   [ COLLATE { CASE_SENSITIVE | CASE_INSENSITIVE } ] |
     * ... }
     * </pre>
     * There is no IF NOT EXISTS. (Only ALTER TABLE of an external table may not run inside a
     * transaction block, so the batch's transaction may add columns to its table.)
     */
    @Test
    void aNewColumnIsAddedWithRedshiftsGrammar() throws Exception {
        java.util.regex.Pattern grammar = java.util.regex.Pattern.compile("ALTER TABLE (\"[^\"]+\"\\.)?\"[^\"]+\""
                + " ADD( COLUMN)? \"[^\"]+\" [A-Z]+( ?\\([0-9, ]+\\))?( DEFAULT \\S+)?( ENCODE \\w+)?( NOT NULL| NULL)?");
        io.tributary.sink.destination.sql.RecordingConnection db = new io.tributary.sink.destination.sql.RecordingConnection(
                List.of("id", "__tributary_position", "__tributary_op", "__tributary_topic", "__tributary_partition", "__tributary_offset",
                        "__tributary_synced_at"));
        io.tributary.sink.schema.TableSchema schema = new io.tributary.sink.schema.TableSchema(List.of(Column.of("id", Kind.INT64).asKey(),
                new Column("Email", ColumnType.string(100), Encoding.AS_IS, false, null), Column.of("amount", Kind.INT32)));
        new io.tributary.sink.destination.sql.TableDdl(DIALECT, META).ensureTable(db.connection(), new TableId("Shop", "Items"), schema,
                true, false);
        assertEquals(List.of("ALTER TABLE \"shop\".\"items\" ADD COLUMN \"email\" VARCHAR(400)",
                "ALTER TABLE \"shop\".\"items\" ADD COLUMN \"amount\" INTEGER",
                "ALTER TABLE \"shop\".\"items\" ADD COLUMN \"__tributary_unchanged\" VARCHAR(65535)",
                "ALTER TABLE \"shop\".\"items\" ADD COLUMN \"__tributary_generation\" BIGINT"), db.executed,
                "a table of an earlier version gets the new metadata columns");
        db.executed.forEach(sql -> assertTrue(grammar.matcher(sql).matches(), "not Redshift's ALTER TABLE grammar: " + sql));
    }

    @Test
    void identifiersAreLowerCasedBecauseRedshiftFoldsThem() {
        assertEquals("\"customerid\"", DIALECT.quote("CustomerId"));
        assertEquals("\"sales\".\"orders\"", DIALECT.table(new TableId("Sales", "Orders")));
        assertEquals("CREATE TEMP TABLE \"tributary_stage\" (\"id\" BIGINT)", DIALECT.createTempTable("tributary_stage", "\"id\" BIGINT"));
    }

    @Test
    void copyWithRoleOrKeys() {
        assertEquals("COPY \"tributary_stage\" FROM 's3://b/p/x.avro' IAM_ROLE 'arn:aws:iam::1:role/r' FORMAT AS AVRO 'auto ignorecase'"
                + " REGION 'eu-west-1' COMPUPDATE OFF STATUPDATE OFF",
                new RedshiftCopyLoader("arn:aws:iam::1:role/r", "AKIA", "secret", "eu-west-1").copy("tributary_stage", "s3://b/p/x.avro"));
        assertEquals("COPY \"tributary_stage\" FROM 's3://b/it''s.avro' ACCESS_KEY_ID 'AKIA' SECRET_ACCESS_KEY 's''e' FORMAT AS AVRO"
                + " 'auto ignorecase' COMPUPDATE OFF STATUPDATE OFF",
                new RedshiftCopyLoader(" ", "AKIA", "s'e", null).copy("tributary_stage", "s3://b/it's.avro"));
        assertThrows(IllegalArgumentException.class, () -> new RedshiftCopyLoader("arn:r", null, null, null).copy("t", "file:/tmp/x"));
    }

    /** A COPY that fails with a driver that echoes the statement: no exception, message or log line carries the keys. */
    @Test
    void aFailingCopyDoesNotCarryTheKeys() {
        String keyId = "AKIAEXAMPLEKEYID0001";
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        java.sql.Connection connection = (java.sql.Connection) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {java.sql.Connection.class}, (p, method, args) -> {
                    if (!method.getName().equals("createStatement")) {
                        return null;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {java.sql.Statement.class},
                            (ps, m, a) -> {
                                if (m.getName().equals("execute")) {
                                    SQLException e = new SQLException("ERROR: S3ServiceException: Access Denied, Statement: " + a[0], "XX000", 0,
                                            new SQLException("cause of " + a[0]));
                                    e.setNextException(new SQLException("next: " + a[0]));
                                    throw e;
                                }
                                return null;
                            });
                });
        RedshiftCopyLoader loader = new RedshiftCopyLoader(null, keyId, secret, "eu-west-1");
        io.tributary.sink.schema.TableSchema schema = new io.tributary.sink.schema.TableSchema(List.of(Column.of("id", Kind.INT64).asKey()));
        io.tributary.sink.destination.StagedBatch staged = new io.tributary.sink.destination.StagedBatch(io.tributary.sink.buffer.TestBatches.of(
                new TableId("shop", "items"), "shop.public.items", 0, 0, 9, schema, schema.columns(), java.nio.file.Path.of("/tmp/none.avro"), 0),
                "p/x.avro", "s3://bucket/p/x.avro");
        org.apache.kafka.connect.errors.ConnectException failed = assertThrows(org.apache.kafka.connect.errors.ConnectException.class,
                () -> new io.tributary.sink.engine.Retrier(1, java.time.Duration.ZERO, d -> { }, DIALECT::isTransient).call("merge",
                        () -> loader.load(connection, "tributary_stage", staged)));
        java.io.StringWriter trace = new java.io.StringWriter();
        failed.printStackTrace(new java.io.PrintWriter(trace));
        for (Throwable t = failed; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getNextException() != null) {
                sql.getNextException().printStackTrace(new java.io.PrintWriter(trace));
            }
        }
        assertTrue(trace.toString().contains("Access Denied"), "the reason stays: " + trace);
        assertTrue(!trace.toString().contains(secret) && !trace.toString().contains(keyId), "a key leaked: " + trace);
    }

    private static List<String> statements(DeleteMode mode) {
        MergeSql sql = new MergeSql(DIALECT, new TableId("shop", "items"), new TableId("shop", "items__tributary_deleted"),
                List.of("id", "name"), List.of("id"), META, mode);
        return new RedshiftApplySql().statements(sql, mode);
    }

    private static final String NEWER_THAN_TARGET = "(COALESCE(\"tributary_latest\".\"__tributary_position\", -9223372036854775807) >"
            + " COALESCE(\"items\".\"__tributary_position\", -9223372036854775807) OR (COALESCE(\"tributary_latest\".\"__tributary_position\","
            + " -9223372036854775807) = COALESCE(\"items\".\"__tributary_position\", -9223372036854775807) AND"
            + " (\"tributary_latest\".\"__tributary_partition\" > COALESCE(\"items\".\"__tributary_partition\", -1) OR"
            + " (\"tributary_latest\".\"__tributary_partition\" = COALESCE(\"items\".\"__tributary_partition\", -1) AND"
            + " \"tributary_latest\".\"__tributary_offset\" > COALESCE(\"items\".\"__tributary_offset\", -1)))))";

    /** The generation of {@code a} is greater than {@code b}'s, or {@code b} has none. */
    private static String raised(String a, String b) {
        return "(" + a + ".\"__tributary_generation\" IS NOT NULL AND (" + b + ".\"__tributary_generation\" IS NULL OR " + a
                + ".\"__tributary_generation\" > " + b + ".\"__tributary_generation\"))";
    }

    private static final String LATEST = "\"tributary_latest\"";
    private static final String ITEMS = "\"items\"";

    /** A key mark sets only the generation of the stored row (when live), then leaves the batch. */
    private static final String KEY_MARK = "UPDATE \"shop\".\"items\" SET \"__tributary_generation\" = CASE WHEN " + raised(LATEST, ITEMS)
            + " THEN \"tributary_latest\".\"__tributary_generation\" ELSE \"items\".\"__tributary_generation\" END FROM \"tributary_latest\" WHERE"
            + " \"items\".\"id\" = \"tributary_latest\".\"id\" AND \"tributary_latest\".\"__tributary_op\" = 'k'";
    private static final String KEY_MARKS_DONE = "DELETE FROM \"tributary_latest\" WHERE \"tributary_latest\".\"__tributary_op\" = 'k'";
    /** The newer versions that replace stored rows keep the greater generation of the two. */
    private static final String KEEP_GREATER_GENERATION = "UPDATE \"tributary_latest\" SET \"__tributary_generation\" = f.\"__tributary_generation\""
            + " FROM \"shop\".\"items\" AS f WHERE f.\"id\" = \"tributary_latest\".\"id\" AND " + raised("f", LATEST);

    @Test
    void hardDeletesApplyWithDeleteUsingAndInsert() {
        List<String> s = statements(DeleteMode.HARD);
        assertEquals(12, s.size(), String.join("\n", s));
        assertTrue(s.get(0).startsWith("CREATE TEMPORARY TABLE \"tributary_latest\" AS SELECT"));
        assertTrue(s.get(1).startsWith("DELETE FROM \"tributary_latest\" USING \"shop\".\"items__tributary_deleted\" WHERE"
                + " \"items__tributary_deleted\".\"id\" = \"tributary_latest\".\"id\" AND NOT ("), s.get(1));
        assertEquals(KEY_MARK, s.get(2));
        assertEquals(KEY_MARKS_DONE, s.get(3));
        assertEquals(FILL_STORED, s.get(4));
        assertEquals("DELETE FROM \"tributary_latest\" USING \"shop\".\"items\" WHERE \"items\".\"id\" = \"tributary_latest\".\"id\" AND NOT "
                + NEWER_THAN_TARGET, s.get(5));
        assertEquals(KEEP_GREATER_GENERATION, s.get(6));
        assertEquals("DELETE FROM \"shop\".\"items\" USING \"tributary_latest\" WHERE \"items\".\"id\" = \"tributary_latest\".\"id\"", s.get(7));
        assertEquals("INSERT INTO \"shop\".\"items\" (\"id\", \"name\", \"__tributary_position\", \"__tributary_op\", \"__tributary_topic\","
                + " \"__tributary_partition\", \"__tributary_offset\", \"__tributary_unchanged\", \"__tributary_generation\", \"__tributary_synced_at\")"
                + " SELECT \"tributary_latest\".\"id\", \"tributary_latest\".\"name\", \"tributary_latest\".\"__tributary_position\","
                + " \"tributary_latest\".\"__tributary_op\", \"tributary_latest\".\"__tributary_topic\", \"tributary_latest\".\"__tributary_partition\","
                + " \"tributary_latest\".\"__tributary_offset\", \"tributary_latest\".\"__tributary_unchanged\","
                + " \"tributary_latest\".\"__tributary_generation\", CURRENT_TIMESTAMP FROM"
                + " \"tributary_latest\" WHERE \"tributary_latest\".\"__tributary_op\" <> 'd'", s.get(8));
        assertEquals("DELETE FROM \"shop\".\"items__tributary_deleted\" USING \"tributary_latest\" WHERE"
                + " \"items__tributary_deleted\".\"id\" = \"tributary_latest\".\"id\"", s.get(9));
        assertEquals("INSERT INTO \"shop\".\"items__tributary_deleted\" (\"id\", \"__tributary_position\", \"__tributary_topic\","
                + " \"__tributary_partition\", \"__tributary_offset\") SELECT \"tributary_latest\".\"id\","
                + " \"tributary_latest\".\"__tributary_position\", \"tributary_latest\".\"__tributary_topic\","
                + " \"tributary_latest\".\"__tributary_partition\", \"tributary_latest\".\"__tributary_offset\" FROM \"tributary_latest\""
                + " WHERE \"tributary_latest\".\"__tributary_op\" = 'd'", s.get(10));
        assertEquals("DROP TABLE IF EXISTS \"tributary_latest\"", s.get(11));
        s.forEach(statement -> assertTrue(!statement.startsWith("MERGE"), "no MERGE: " + statement));
    }

    /**
     * An older version fills the values a stored row lists as unknown and raises its generation, before older versions are dropped
     * (Redshift's MERGE has no conditional clauses).
     */
    private static final String FILL_STORED = "UPDATE \"shop\".\"items\" SET \"name\" = CASE WHEN (\"items\".\"__tributary_unchanged\" IS NOT NULL"
            + " AND POSITION(',name,' IN \"items\".\"__tributary_unchanged\") > 0) AND NOT (\"tributary_latest\".\"__tributary_unchanged\" IS NOT NULL"
            + " AND POSITION(',name,' IN \"tributary_latest\".\"__tributary_unchanged\") > 0) THEN \"tributary_latest\".\"name\" ELSE \"items\".\"name\" END,"
            + " \"__tributary_unchanged\" = NULLIF(',' || CASE WHEN (\"items\".\"__tributary_unchanged\" IS NOT NULL AND POSITION(',name,' IN"
            + " \"items\".\"__tributary_unchanged\") > 0) AND (\"tributary_latest\".\"__tributary_unchanged\" IS NOT NULL AND POSITION(',name,' IN"
            + " \"tributary_latest\".\"__tributary_unchanged\") > 0) THEN 'name,' ELSE '' END, ','), \"__tributary_synced_at\" = CURRENT_TIMESTAMP,"
            + " \"__tributary_generation\" = CASE WHEN " + raised(LATEST, ITEMS) + " THEN \"tributary_latest\".\"__tributary_generation\" ELSE"
            + " \"items\".\"__tributary_generation\" END FROM \"tributary_latest\" WHERE \"items\".\"id\" = \"tributary_latest\".\"id\" AND NOT "
            + NEWER_THAN_TARGET + " AND \"tributary_latest\".\"__tributary_op\" NOT IN ('d', 'k') AND (\"items\".\"__tributary_unchanged\" IS NOT NULL"
            + " OR " + raised(LATEST, ITEMS) + ")";

    @Test
    void softDeletesUpdateKnownRowsAndInsertUnknownKeysAsDeleted() {
        List<String> s = statements(DeleteMode.SOFT);
        assertEquals(11, s.size(), String.join("\n", s));
        assertEquals(KEY_MARK.replace(" THEN \"tributary_latest\".\"__tributary_generation\" ELSE", " AND \"items\".\"__tributary_deleted_at\" IS NULL THEN"
                        + " \"tributary_latest\".\"__tributary_generation\" ELSE"), s.get(1), "a key mark marks only a row that is not deleted");
        assertEquals(KEY_MARKS_DONE, s.get(2));
        assertEquals(FILL_STORED, s.get(3));
        assertEquals(KEEP_GREATER_GENERATION, s.get(5));
        assertEquals("UPDATE \"shop\".\"items\" SET \"name\" = CASE WHEN (COALESCE(\"tributary_latest\".\"tributary_upsert_position\","
                + " -9223372036854775807) > COALESCE(\"items\".\"__tributary_position\", -9223372036854775807) OR"
                + " (COALESCE(\"tributary_latest\".\"tributary_upsert_position\", -9223372036854775807) = COALESCE(\"items\".\"__tributary_position\","
                + " -9223372036854775807) AND (\"tributary_latest\".\"tributary_upsert_partition\" > COALESCE(\"items\".\"__tributary_partition\", -1) OR"
                + " (\"tributary_latest\".\"tributary_upsert_partition\" = COALESCE(\"items\".\"__tributary_partition\", -1) AND"
                + " \"tributary_latest\".\"tributary_upsert_offset\" > COALESCE(\"items\".\"__tributary_offset\", -1))))) THEN \"tributary_latest\".\"name\""
                + " ELSE \"items\".\"name\" END, \"__tributary_unchanged\" = CASE WHEN (COALESCE(\"tributary_latest\".\"tributary_upsert_position\","
                + " -9223372036854775807) > COALESCE(\"items\".\"__tributary_position\", -9223372036854775807) OR"
                + " (COALESCE(\"tributary_latest\".\"tributary_upsert_position\", -9223372036854775807) = COALESCE(\"items\".\"__tributary_position\","
                + " -9223372036854775807) AND (\"tributary_latest\".\"tributary_upsert_partition\" > COALESCE(\"items\".\"__tributary_partition\", -1) OR"
                + " (\"tributary_latest\".\"tributary_upsert_partition\" = COALESCE(\"items\".\"__tributary_partition\", -1) AND"
                + " \"tributary_latest\".\"tributary_upsert_offset\" > COALESCE(\"items\".\"__tributary_offset\", -1))))) THEN"
                + " \"tributary_latest\".\"__tributary_unchanged\" ELSE \"items\".\"__tributary_unchanged\" END,"
                + " \"__tributary_position\" = \"tributary_latest\".\"__tributary_position\","
                + " \"__tributary_op\" = \"tributary_latest\".\"__tributary_op\", \"__tributary_topic\" = \"tributary_latest\".\"__tributary_topic\","
                + " \"__tributary_partition\" = \"tributary_latest\".\"__tributary_partition\","
                + " \"__tributary_offset\" = \"tributary_latest\".\"__tributary_offset\", \"__tributary_synced_at\" = CURRENT_TIMESTAMP,"
                + " \"__tributary_generation\" = \"tributary_latest\".\"__tributary_generation\","
                + " \"__tributary_deleted_at\" = CURRENT_TIMESTAMP FROM \"tributary_latest\" WHERE \"items\".\"id\" = \"tributary_latest\".\"id\""
                + " AND \"tributary_latest\".\"__tributary_op\" = 'd'", s.get(6));
        assertEquals("DELETE FROM \"shop\".\"items\" USING \"tributary_latest\" WHERE \"items\".\"id\" = \"tributary_latest\".\"id\""
                + " AND \"tributary_latest\".\"__tributary_op\" <> 'd'", s.get(7));
        assertTrue(s.get(9).startsWith("INSERT INTO \"shop\".\"items\" (\"id\", \"name\", \"__tributary_position\", \"__tributary_op\","
                + " \"__tributary_topic\", \"__tributary_partition\", \"__tributary_offset\", \"__tributary_unchanged\", \"__tributary_generation\","
                + " \"__tributary_synced_at\", \"__tributary_deleted_at\") SELECT"), s.get(9));
        assertTrue(s.get(9).endsWith("CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM \"tributary_latest\" LEFT JOIN \"shop\".\"items\" ON"
                + " \"items\".\"id\" = \"tributary_latest\".\"id\" WHERE \"tributary_latest\".\"__tributary_op\" = 'd' AND \"items\".\"id\" IS NULL"),
                s.get(9));
    }

    @Test
    void deleteModeNoneDropsDeletesFirst() {
        List<String> s = statements(DeleteMode.NONE);
        assertEquals("DELETE FROM \"tributary_latest\" WHERE \"tributary_latest\".\"__tributary_op\" = 'd'", s.get(1));
        assertEquals(10, s.size(), String.join("\n", s));
    }

    private static WarehouseSinkConfig config(String... kv) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "redshift"));
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return new WarehouseSinkConfig(props);
    }

    /** A probe with fixed answers. */
    private static PrivilegeProbe probe(boolean temp, boolean schemaExists, boolean schemaCreate, boolean databaseCreate) {
        return new PrivilegeProbe() {
            @Override
            public String user() {
                return "loader";
            }

            @Override
            public String database() {
                return "dev";
            }

            @Override
            public boolean schemaExists(String schema) {
                return schemaExists;
            }

            @Override
            public boolean hasSchemaPrivilege(String schema, String privilege) {
                return schemaCreate;
            }

            @Override
            public boolean hasDatabasePrivilege(String privilege) {
                return privilege.equals("TEMP") ? temp : databaseCreate;
            }

            @Override
            public void close() {
            }
        };
    }

    private static final String[] GOOD = {"warehouse.url", "jdbc:redshift://c.abc.eu-west-1.redshift.amazonaws.com:5439/dev",
        "warehouse.user", "loader", "warehouse.password", "pw", "redshift.iam.role", "arn:aws:iam::123456789012:role/copy",
        "warehouse.schema", "Analytics"};

    @Test
    void validateNamesWhatIsMissing() {
        assertEquals(Map.of(), RedshiftDestinationProvider.validate(config(GOOD), () -> probe(true, true, true, false)));
        assertTrue(RedshiftDestinationProvider.validate(config("warehouse.url", "jdbc:postgresql://x/db"), () -> probe(true, true, true, true))
                .get("warehouse.url").contains("jdbc:redshift://"));
        Map<String, String> noCredentials = RedshiftDestinationProvider.validate(
                config("warehouse.url", "jdbc:redshift://c:5439/dev"), () -> probe(true, true, true, true));
        assertTrue(noCredentials.get("warehouse.user").contains("warehouse.user"));
        assertTrue(noCredentials.get("warehouse.password").contains("warehouse.password"));
        assertTrue(noCredentials.get("redshift.iam.role").contains("redshift.iam.role"), noCredentials.toString());
        assertEquals(Map.of(), RedshiftDestinationProvider.validate(config("warehouse.url", "jdbc:redshift:iam://c:5439/dev",
                "staging.s3.access.key.id", "AKIA", "staging.s3.secret.access.key", "s"), () -> probe(true, true, true, true)));
        assertTrue(RedshiftDestinationProvider.validate(config(GOOD[0], GOOD[1], GOOD[2], GOOD[3], GOOD[4], GOOD[5], GOOD[6], "my-role"),
                () -> probe(true, true, true, true)).get("redshift.iam.role").contains("ARN"));
        Map<String, String> endpoint = RedshiftDestinationProvider.validate(config(GOOD[0], GOOD[1], GOOD[2], GOOD[3], GOOD[4], GOOD[5],
                GOOD[6], GOOD[7], "staging.s3.endpoint", "http://minio:9000"), () -> probe(true, true, true, true));
        assertTrue(endpoint.get("staging.s3.endpoint").contains("Amazon S3"));
    }

    @Test
    void validateNamesTheMissingPrivilege() {
        assertEquals("user loader may not create temporary tables (staging) in database dev: GRANT TEMP ON DATABASE dev TO loader",
                RedshiftDestinationProvider.validate(config(GOOD), () -> probe(false, true, true, true)).get("warehouse.user"));
        assertEquals("user loader needs USAGE and CREATE on schema analytics: GRANT USAGE, CREATE ON SCHEMA analytics TO loader",
                RedshiftDestinationProvider.validate(config(GOOD), () -> probe(true, true, false, true)).get("warehouse.schema"));
        assertEquals("schema analytics does not exist and user loader may not create it: create it, or GRANT CREATE ON DATABASE dev TO loader",
                RedshiftDestinationProvider.validate(config(GOOD), () -> probe(true, false, false, false)).get("warehouse.schema"));
        assertTrue(RedshiftDestinationProvider.validate(config(GOOD), () -> {
            throw new SQLException("password authentication failed");
        }).get("warehouse.url").contains("password authentication failed"));
    }
}
