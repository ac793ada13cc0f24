package io.tributary.source.schema;

import static io.tributary.source.schema.Expected.date;
import static io.tributary.source.schema.Expected.dec;
import static io.tributary.source.schema.Expected.instantMicros;
import static io.tributary.source.schema.Expected.micros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.LogicalTypes;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.postgres.PostgresDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

@DevStackTest
class PostgresTypesIT {

    private static final String SCHEMA = "schema_types_it";

    private static Connection open(PostgresServer postgres) throws SQLException {
        Connection c = postgres.connect();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
        }
        new PostgresDialect().prepareSession(c);
        return c;
    }

    private static List<Struct> readAll(Connection c, RowConverter converter, String table) throws SQLException {
        String columns = converter.selectColumns().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        List<Struct> rows = new java.util.ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM " + SCHEMA + "." + table + " ORDER BY id")) {
            while (rs.next()) {
                rows.add(converter.value(converter.read(rs)));
                converter.key(converter.read(rs)).validate();
            }
        }
        return rows;
    }

    @Test
    void everyTypeReadsExactly(PostgresServer postgres) throws SQLException {
        try (Connection c = open(postgres); Statement st = c.createStatement()) {
            st.execute("CREATE TYPE " + SCHEMA + ".mood AS ENUM ('sad', 'happy')");
            st.execute("CREATE TABLE " + SCHEMA + ".all_types ("
                    + "id serial PRIMARY KEY, c_int2 int2, c_int4 int4, c_int8 int8, c_float4 float4, c_float8 float8,"
                    + " c_num3810 numeric(38,10), c_num52 numeric(5,2), c_num100 numeric(10,0), c_num_neg numeric(5,-2),"
                    + " c_num numeric, c_bool bool, c_text text, c_varchar varchar(20), c_bpchar char(5),"
                    + " c_date date, c_time time, c_timetz timetz, c_ts timestamp, c_tstz timestamptz,"
                    + " c_json json, c_jsonb jsonb, c_uuid uuid, c_bytea bytea,"
                    + " c_int4_arr int4[], c_text_arr text[], c_num_arr numeric(10,2)[], c_numv_arr numeric[],"
                    + " c_ts_arr timestamp[], c_uuid_arr uuid[], c_date_arr date[],"
                    + " c_interval interval, c_inet inet, c_cidr cidr, c_macaddr macaddr, c_mood " + SCHEMA + ".mood,"
                    + " c_nn text NOT NULL)");
            st.execute("INSERT INTO " + SCHEMA + ".all_types VALUES (1, -32768, 2147483647, -9223372036854775808, 1.5, 0.1,"
                    + " 1234567890123456789012345678.1234567891, -123.4, -12345, 1234567, 1.000000000000000000001000, true,"
                    + " 'héllo wörld 日本 🎉', '', 'ab', '1969-07-20', '23:59:59.123456', '12:34:56.5+05:30',"
                    + " '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.123456+02',"
                    + " '{\"big\":123456789012345678901234567890,  \"a\":1.000000000000000000001}',"
                    + " '{\"big\":123456789012345678901234567890,  \"a\":1.000000000000000000001}',"
                    + " 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '\\x00ff10',"
                    + " '{1,NULL,3}', '{\"a\",\"\",NULL,\"日本🎉\"}', '{1.5,NULL,-0.01}', '{1.000,NaN}',"
                    + " '{\"2024-02-29 23:59:59.123456\",NULL}', '{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', '{1969-07-20}',"
                    + " '1 year 2 mons -3 days 04:05:06.5', '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', 'happy',"
                    + " 'x')");
            st.execute("INSERT INTO " + SCHEMA + ".all_types (id, c_nn) VALUES (2, '')");
            st.execute("INSERT INTO " + SCHEMA + ".all_types (id, c_num, c_date, c_time, c_ts, c_tstz, c_int4_arr, c_text_arr,"
                    + " c_interval, c_timetz, c_nn) VALUES (3, 'NaN', '1582-10-04', '24:00:00', 'infinity', '-infinity', '{}',"
                    + " '{}', '-00:00:01.5', '00:00:00+00', 'z')");
            st.execute("INSERT INTO " + SCHEMA + ".all_types (id, c_num, c_date, c_ts, c_tstz, c_nn) VALUES (4, '-0.000',"
                    + " '12345-06-07', '1969-12-31 23:59:59.999999', '1900-01-01 00:00:00+00', 'w')");

            TableDescription table = new PostgresDialect().describe(c, new TableId(SCHEMA, "all_types"));
            assertEquals(List.of("id"), table.primaryKey());
            assertEquals("int4", table.column("id").typeName(), "serial is int4");
            RowConverter converter = new RowConverter(table, table.primaryKey(), "shop", new PostgresDialect()::mapping, true);
            assertSchemas(converter);
            List<Struct> rows = readAll(c, converter, "all_types");
            assertEquals(4, rows.size());

            new Expected().put("id", 1).put("c_int2", (short) -32768).put("c_int4", 2147483647)
                    .put("c_int8", Long.MIN_VALUE).put("c_float4", 1.5f).put("c_float8", 0.1d)
                    .put("c_num3810", dec("1234567890123456789012345678.1234567891")).put("c_num52", dec("-123.40"))
                    .put("c_num100", dec("-12345")).put("c_num_neg", dec("1234600"))
                    .put("c_num", "1.000000000000000000001000").put("c_bool", true)
                    .put("c_text", "héllo wörld 日本 🎉").put("c_varchar", "").put("c_bpchar", "ab   ")
                    .put("c_date", date("1969-07-20")).put("c_time", 86_399_123_456L).put("c_timetz", "07:04:56.500000Z")
                    .put("c_ts", micros("2024-02-29T23:59:59.123456"))
                    .put("c_tstz", instantMicros("2024-02-29T21:59:59.123456Z"))
                    .put("c_json", "{\"big\":123456789012345678901234567890,  \"a\":1.000000000000000000001}")
                    .put("c_jsonb", "{\"a\": 1.000000000000000000001, \"big\": 123456789012345678901234567890}")
                    .put("c_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11").put("c_bytea", new byte[] {0, -1, 16})
                    .put("c_int4_arr", Arrays.asList(1, null, 3)).put("c_text_arr", Arrays.asList("a", "", null, "日本🎉"))
                    .put("c_num_arr", Arrays.asList(dec("1.50"), null, dec("-0.01")))
                    .put("c_numv_arr", List.of("1.000", "NaN"))
                    .put("c_ts_arr", Arrays.asList(micros("2024-02-29T23:59:59.123456"), null))
                    .put("c_uuid_arr", List.of("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
                    .put("c_date_arr", List.of(date("1969-07-20")))
                    .put("c_interval", "P1Y2M-3DT4H5M6.5S").put("c_inet", "192.168.0.1/24").put("c_cidr", "10.0.0.0/8")
                    .put("c_macaddr", "08:00:2b:01:02:03").put("c_mood", "happy").put("c_nn", "x")
                    .assertMatches(rows.get(0));

            Struct nulls = rows.get(1);
            for (String column : converter.selectColumns()) {
                if (!column.equals("id") && !column.equals("c_nn")) {
                    assertNull(nulls.get(column), column);
                }
            }
            assertEquals("", nulls.get("c_nn"), "empty string is not NULL");

            new Expected().put("c_num", "NaN").put("c_date", date("1582-10-04")).put("c_time", 86_400_000_000L)
                    .put("c_ts", Long.MAX_VALUE).put("c_tstz", Long.MIN_VALUE).put("c_int4_arr", List.of())
                    .put("c_text_arr", List.of()).put("c_interval", "P0Y0M0DT0H0M-1.5S").put("c_timetz", "00:00:00.000000Z")
                    .assertMatches(rows.get(2));
            new Expected().put("c_num", "0.000").put("c_date", date("+12345-06-07")).put("c_ts", -1L)
                    .put("c_tstz", instantMicros("1900-01-01T00:00:00Z"))
                    .assertMatches(rows.get(3));

            // Server-prepared statements switch pgjdbc to binary transfer (after prepareThreshold runs; -1: at once).
            try (Connection binary = DriverManager.getConnection(postgres.jdbcUrl() + "?prepareThreshold=-1",
                    postgres.user(), postgres.password())) {
                assertEquals(rows, readPrepared(binary, converter, "all_types"), "binary transfer reads the same values");
            }
        }
    }

    private static List<Struct> readPrepared(Connection c, RowConverter converter, String table) throws SQLException {
        String columns = converter.selectColumns().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        List<Struct> rows = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM " + SCHEMA + "." + table
                + " WHERE id > ? ORDER BY id")) {
            ps.setInt(1, 0);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(converter.value(converter.read(rs)));
                }
            }
        }
        return rows;
    }

    private static void assertSchemas(RowConverter converter) {
        Schema value = converter.valueSchema();
        assertEquals("shop.schema_types_it.all_types.Value", value.name());
        assertEquals("shop.schema_types_it.all_types.Key", converter.keySchema().name());
        assertEquals(Schema.Type.INT32, converter.keySchema().field("id").schema().type());
        assertTrue(!value.field("id").schema().isOptional() && value.field("c_int8").schema().isOptional());
        Schema decimal = value.field("c_num3810").schema();
        assertEquals(Decimal.LOGICAL_NAME, decimal.name());
        assertEquals("10", decimal.parameters().get(Decimal.SCALE_FIELD));
        assertEquals("38", decimal.parameters().get("connect.decimal.precision"));
        assertEquals("0", value.field("c_num_neg").schema().parameters().get(Decimal.SCALE_FIELD));
        assertEquals("7", value.field("c_num_neg").schema().parameters().get("connect.decimal.precision"));
        assertEquals(LogicalTypes.VARIABLE_DECIMAL, value.field("c_num").schema().name());
        assertEquals("20", value.field("c_varchar").schema().parameters().get(LogicalTypes.PARAM_LENGTH));
        assertNull(value.field("c_text").schema().parameters().get(LogicalTypes.PARAM_LENGTH));
        assertEquals("timestamptz", value.field("c_tstz").schema().parameters().get(LogicalTypes.PARAM_SOURCE_TYPE));
        assertEquals(LogicalTypes.MICRO_TIMESTAMP, value.field("c_ts").schema().name());
        assertEquals(LogicalTypes.MICRO_TIMESTAMP_TZ, value.field("c_tstz").schema().name());
        assertEquals(LogicalTypes.MICRO_TIME, value.field("c_time").schema().name());
        assertEquals(LogicalTypes.JSON, value.field("c_jsonb").schema().name());
        assertEquals(LogicalTypes.UUID, value.field("c_uuid").schema().name());
        assertEquals(org.apache.kafka.connect.data.Date.LOGICAL_NAME, value.field("c_date").schema().name());
        Schema array = value.field("c_num_arr").schema();
        assertEquals(Schema.Type.ARRAY, array.type());
        assertEquals("_numeric", array.parameters().get(LogicalTypes.PARAM_SOURCE_TYPE));
        assertEquals("2", array.valueSchema().parameters().get(Decimal.SCALE_FIELD));
        assertTrue(array.valueSchema().isOptional(), "arrays keep NULL elements");
        assertEquals(Schema.Type.STRING, value.field("c_inet").schema().type());
    }

    @Test
    void valuesWithoutAnExactFormFailNamingTheColumn(PostgresServer postgres) throws SQLException {
        try (Connection c = open(postgres); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + SCHEMA + ".inexact (id int PRIMARY KEY, price numeric(5,2), day date)");
            st.execute("INSERT INTO " + SCHEMA + ".inexact VALUES (1, 'NaN', '2024-01-01'), (2, 1, 'infinity')");
            RowConverter converter = new RowConverter(new PostgresDialect().describe(c, new TableId(SCHEMA, "inexact")),
                    List.of("id"), "shop", new PostgresDialect()::mapping, false);
            try (ResultSet rs = st.executeQuery("SELECT id, price, day FROM " + SCHEMA + ".inexact ORDER BY id")) {
                rs.next();
                DataException nan = assertThrows(DataException.class, () -> converter.value(converter.read(rs)));
                assertTrue(nan.getMessage().contains("price") && nan.getMessage().contains("NaN"), nan.getMessage());
                rs.next();
                DataException infinity = assertThrows(DataException.class, () -> converter.value(converter.read(rs)));
                assertTrue(infinity.getMessage().contains("day") && infinity.getMessage().contains("infinity"),
                        infinity.getMessage());
            }
            SQLException missing = assertThrows(SQLException.class,
                    () -> new PostgresDialect().describe(c, new TableId(SCHEMA, "no_such_table")));
            assertTrue(missing.getMessage().contains(SCHEMA + ".no_such_table"), missing.getMessage());
        }
    }

    @Test
    void keyOffsetsBindBackAndCompareAsTheDatabaseDoes(PostgresServer postgres) throws SQLException {
        try (Connection c = open(postgres)) {
            keyRoundTrips(c, SCHEMA);
        }
    }

    @Test
    void keyOffsetsAreTheSameWithBinaryTransfer(PostgresServer postgres) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl() + "?prepareThreshold=-1",
                postgres.user(), postgres.password()); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS schema_types_bin");
            keyRoundTrips(c, "schema_types_bin");
        }
    }

    private static void keyRoundTrips(Connection c, String schema) throws SQLException {
        {
            KeyRoundTrip keys = new KeyRoundTrip(c, new PostgresDialect(), schema);
            String t = schema + ".";
            keys.run("k_int", "CREATE TABLE " + t + "k_int (k int PRIMARY KEY)",
                    "INSERT INTO " + t + "k_int SELECT generate_series(-5, 4)", List.of("k"), List.of("k"), 3);
            KeyRoundTrip.Result bigint = keys.run("k_bigint", "CREATE TABLE " + t + "k_bigint (k bigint PRIMARY KEY)",
                    "INSERT INTO " + t + "k_bigint VALUES (-9223372036854775808), (1), (9007199254740993), (9223372036854775807)",
                    List.of("k"), List.of("k"), 2);
            assertEquals(9007199254740993L, bigint.converter().mapping("k").position(bigint.offset().get(0)));
            keys.run("k_numeric", "CREATE TABLE " + t + "k_numeric (k numeric(30,10) PRIMARY KEY)",
                    "INSERT INTO " + t + "k_numeric VALUES (-1), (0.0000000001), (0.0000000002), (12345678901234567890.5)",
                    List.of("k"), List.of("k"), 1);
            // Binary (C) order: 'B' < 'Z' < 'a' < 'b' < 'é' < 'ö' < '日本' < '🎉'; a linguistic order would differ.
            KeyRoundTrip.Result text = keys.run("k_text", "CREATE TABLE " + t + "k_text (k text PRIMARY KEY)",
                    "INSERT INTO " + t + "k_text VALUES ('a'), ('B'), ('é'), ('Z'), ('日本'), ('🎉'), ('ö'), ('b')",
                    List.of("k"), List.of("k COLLATE \"C\""), 2);
            assertEquals(List.of("a"), text.offset(), "third in binary order");
            keys.run("k_uuid", "CREATE TABLE " + t + "k_uuid (k uuid PRIMARY KEY)",
                    "INSERT INTO " + t + "k_uuid VALUES ('00000000-0000-0000-0000-000000000001'),"
                            + " ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), ('ffffffff-ffff-ffff-ffff-ffffffffffff')",
                    List.of("k"), List.of("k"), 1);
            KeyRoundTrip.Result day = keys.run("k_date", "CREATE TABLE " + t + "k_date (k date PRIMARY KEY)",
                    "INSERT INTO " + t + "k_date VALUES ('1969-07-20'), ('1582-10-04'), ('2024-02-29'), ('9999-12-31')",
                    List.of("k"), List.of("k"), 1);
            assertEquals(List.of("1969-07-20"), day.offset());
            assertEquals(-165L * 86_400_000_000L, day.converter().mapping("k").position(day.offset().get(0)));
            KeyRoundTrip.Result ts = keys.run("k_ts", "CREATE TABLE " + t + "k_ts (k timestamp PRIMARY KEY)",
                    "INSERT INTO " + t + "k_ts VALUES ('2024-02-29 23:59:59.123456'), ('2024-02-29 23:59:59.123457'),"
                            + " ('2024-02-29 23:59:59.123455'), ('1969-12-31 23:59:59.999999')",
                    List.of("k"), List.of("k"), 2);
            assertEquals(List.of("2024-02-29T23:59:59.123456"), ts.offset());
            assertEquals(micros("2024-02-29T23:59:59.123456"), ts.converter().mapping("k").position(ts.offset().get(0)));
            KeyRoundTrip.Result tstz = keys.run("k_tstz", "CREATE TABLE " + t + "k_tstz (k timestamptz PRIMARY KEY)",
                    "INSERT INTO " + t + "k_tstz VALUES ('2024-02-29 23:59:59.123456+02'), ('2024-02-29 21:59:59.123457Z'),"
                            + " ('2024-02-29 23:59:59.123455+02')",
                    List.of("k"), List.of("k"), 1);
            assertEquals(List.of("2024-02-29T21:59:59.123456Z"), tstz.offset());
            assertEquals(instantMicros("2024-02-29T21:59:59.123456Z"), tstz.converter().mapping("k").position(tstz.offset().get(0)));
            KeyRoundTrip.Result composite = keys.run("k_composite",
                    "CREATE TABLE " + t + "k_composite (a int, b text, v text, PRIMARY KEY (a, b))",
                    "INSERT INTO " + t + "k_composite VALUES (1, 'a', 'x'), (1, 'é', 'x'), (2, 'Z', 'x'), (2, 'a', 'x'),"
                            + " (2, 'ö', 'x'), (3, 'a', 'x')",
                    List.of("a", "b"), List.of("a", "b COLLATE \"C\""), 3);
            assertEquals(List.of(2L, "a"), composite.offset());
        }
    }
}
