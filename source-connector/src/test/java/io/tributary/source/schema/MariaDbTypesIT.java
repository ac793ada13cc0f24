package io.tributary.source.schema;

import static io.tributary.source.schema.Expected.date;
import static io.tributary.source.schema.Expected.dec;
import static io.tributary.source.schema.Expected.instantMicros;
import static io.tributary.source.schema.Expected.micros;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.LogicalTypes;
import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.dialect.mysql.MySqlDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

@DevStackTest
class MariaDbTypesIT {

    private static final String DB = "tributary";

    /** A connection with the session settings the mappings need (time_zone UTC). */
    private static Connection open(MariaDbServer mariadb) throws SQLException {
        Connection c = mariadb.connect();
        SourceDialects.forUrl(c.getMetaData().getURL()).prepareSession(c);
        return c;
    }

    private static List<Struct> readAll(Connection c, RowConverter converter, String table) throws SQLException {
        String columns = converter.selectColumns().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
        List<Struct> rows = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT " + columns + " FROM `" + DB + "`.`" + table + "` ORDER BY id")) {
            while (rs.next()) {
                rows.add(converter.value(converter.read(rs)));
                converter.key(converter.read(rs)).validate();
            }
        }
        return rows;
    }

    @Test
    void everyTypeReadsExactly(MariaDbServer mariadb) throws SQLException {
        try (Connection writer = mariadb.connect(); Statement st = writer.createStatement()) {
            st.execute("CREATE TABLE schema_all_types (id int PRIMARY KEY,"
                    + " c_tinyint tinyint, c_tinyint_u tinyint unsigned, c_bool boolean, c_tinyint1 tinyint(1),"
                    + " c_smallint smallint, c_smallint_u smallint unsigned, c_mediumint mediumint,"
                    + " c_mediumint_u mediumint unsigned, c_int int, c_int_u int unsigned, c_bigint bigint,"
                    + " c_bigint_u bigint unsigned, c_dec3810 decimal(38,10), c_dec50 decimal(5,0), c_float float,"
                    + " c_double double, c_char char(5), c_varchar varchar(20), c_tinytext tinytext, c_text text,"
                    + " c_mediumtext mediumtext, c_longtext longtext, c_json json, c_date date, c_datetime datetime,"
                    + " c_datetime6 datetime(6), c_timestamp6 timestamp(6) NULL, c_time6 time(6), c_binary binary(4),"
                    + " c_varbinary varbinary(10), c_blob blob, c_enum enum('a','b'), c_set set('x','y'), c_bit1 bit(1),"
                    + " c_bit8 bit(8), c_year year, c_uuid uuid, c_inet6 inet6, c_nn varchar(10) NOT NULL)"
                    + " DEFAULT CHARSET utf8mb4");
            // The timestamp is written in a +05:00 session: stored as 18:59:59.123456 UTC.
            st.execute("SET time_zone = '+05:00'");
            st.execute("INSERT INTO schema_all_types VALUES (1, -128, 255, true, 1, -32768, 65535, -8388608, 16777215,"
                    + " -2147483648, 4294967295, -9223372036854775808, 18446744073709551615,"
                    + " -1234567890123456789012345678.1234567891, 0, 1.5, 0.1, 'ab', '', 'tiny 🎉', 'héllo wörld 日本 🎉',"
                    + " 'medium', 'long', '{\"big\":18446744073709551616123,  \"a\":1.000000000000000000001}',"
                    + " '1969-07-20', '1969-07-20 20:17:40', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.123456',"
                    + " '-838:59:59.5', 'ab', x'00ff10', x'cafe', 'b', 'x,y', b'1', b'10000001', 2024,"
                    + " 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '::1', 'x')");
            st.execute("INSERT INTO schema_all_types (id, c_nn) VALUES (2, '')");
            st.execute("INSERT INTO schema_all_types (id, c_dec50, c_tinyint1, c_bool, c_date, c_time6, c_datetime6, c_nn)"
                    + " VALUES (3, -99999, 0, false, '1000-01-01', '23:59:59.123456', '9999-12-31 23:59:59.999999', 'z')");
            st.execute("INSERT INTO schema_all_types (id, c_time6, c_nn) VALUES (4, '-01:00:00', 'a'), (5, '100:00:00', 'b'),"
                    + " (6, '838:59:59', 'c')");
        }
        try (Connection c = open(mariadb)) {
            TableDescription table = new MySqlDialect().describe(c, new TableId(DB, "schema_all_types"));
            assertEquals(List.of("id"), table.primaryKey());
            assertEquals("json", table.column("c_json").typeName(), "MariaDB JSON found through json_valid");
            assertEquals("longtext", table.column("c_longtext").typeName());
            RowConverter converter = new RowConverter(table, table.primaryKey(), "shop", new MySqlDialect()::mapping, true);
            assertSchemas(converter);
            List<Struct> rows = readAll(c, converter, "schema_all_types");
            assertEquals(6, rows.size());

            new Expected().put("id", 1).put("c_tinyint", (short) -128).put("c_tinyint_u", (short) 255)
                    .put("c_bool", true).put("c_tinyint1", true).put("c_smallint", (short) -32768)
                    .put("c_smallint_u", 65535).put("c_mediumint", -8388608).put("c_mediumint_u", 16777215)
                    .put("c_int", Integer.MIN_VALUE).put("c_int_u", 4294967295L).put("c_bigint", Long.MIN_VALUE)
                    .put("c_bigint_u", dec("18446744073709551615"))
                    .put("c_dec3810", dec("-1234567890123456789012345678.1234567891")).put("c_dec50", dec("0"))
                    .put("c_float", 1.5f).put("c_double", 0.1d).put("c_char", "ab").put("c_varchar", "")
                    .put("c_tinytext", "tiny 🎉").put("c_text", "héllo wörld 日本 🎉").put("c_mediumtext", "medium")
                    .put("c_longtext", "long")
                    .put("c_json", "{\"big\":18446744073709551616123,  \"a\":1.000000000000000000001}")
                    .put("c_date", date("1969-07-20")).put("c_datetime", micros("1969-07-20T20:17:40"))
                    .put("c_datetime6", micros("2024-02-29T23:59:59.123456"))
                    .put("c_timestamp6", instantMicros("2024-02-29T18:59:59.123456Z"))
                    .put("c_time6", -(838L * 3600 + 59 * 60 + 59) * 1_000_000L - 500_000L)
                    .put("c_binary", new byte[] {'a', 'b', 0, 0}).put("c_varbinary", new byte[] {0, -1, 16})
                    .put("c_blob", new byte[] {(byte) 0xca, (byte) 0xfe}).put("c_enum", "b").put("c_set", "x,y")
                    .put("c_bit1", true).put("c_bit8", new byte[] {(byte) 0x81}).put("c_year", (short) 2024)
                    .put("c_uuid", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11").put("c_inet6", "::1").put("c_nn", "x")
                    .assertMatches(rows.get(0));
            Struct nulls = rows.get(1);
            for (String column : converter.selectColumns()) {
                if (!column.equals("id") && !column.equals("c_nn")) {
                    assertNull(nulls.get(column), column);
                }
            }
            assertEquals("", nulls.get("c_nn"), "empty string is not NULL");
            new Expected().put("c_dec50", dec("-99999")).put("c_tinyint1", false).put("c_bool", false)
                    .put("c_date", date("1000-01-01")).put("c_time6", 86_399_123_456L)
                    .put("c_datetime6", micros("9999-12-31T23:59:59.999999"))
                    .assertMatches(rows.get(2));
            // durations keep their sign and their hours: never wrapped into a day
            assertEquals(-3_600_000_000L, rows.get(3).get("c_time6"));
            assertEquals(360_000_000_000L, rows.get(4).get("c_time6"));
            assertEquals((838L * 3600 + 59 * 60 + 59) * 1_000_000L, rows.get(5).get("c_time6"));
        }
        // The binary protocol (server-side prepared statements) must read the same values.
        try (Connection binary = DriverManager.getConnection(mariadb.jdbcUrl() + "?useServerPrepStmts=true",
                mariadb.user(), mariadb.password())) {
            new MySqlDialect().prepareSession(binary);
            RowConverter converter = new RowConverter(new MySqlDialect().describe(binary, new TableId(DB, "schema_all_types")),
                    List.of("id"), "shop", new MySqlDialect()::mapping, false);
            String columns = converter.selectColumns().stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "));
            List<Struct> prepared = new ArrayList<>();
            try (PreparedStatement ps = binary.prepareStatement("SELECT " + columns + " FROM schema_all_types"
                    + " WHERE id > ? ORDER BY id")) {
                ps.setInt(1, 0);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        prepared.add(converter.value(converter.read(rs)));
                    }
                }
            }
            try (Connection c = open(mariadb)) {
                assertEquals(readAll(c, converter, "schema_all_types"), prepared, "binary protocol reads the same values");
            }
        }
        // The driver's URL options give the same UTC session as the dialect's session settings.
        try (Connection url = DriverManager.getConnection(mariadb.jdbcUrl()
                + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true", mariadb.user(), mariadb.password())) {
            RowConverter converter = new RowConverter(new MySqlDialect().describe(url, new TableId(DB, "schema_all_types")),
                    List.of("id"), "shop", new MySqlDialect()::mapping, false);
            assertEquals(instantMicros("2024-02-29T18:59:59.123456Z"),
                    readAll(url, converter, "schema_all_types").get(0).get("c_timestamp6"));
        }
        try (Connection plusFive = mariadb.connect(); Statement st = plusFive.createStatement()) {
            st.execute("SET time_zone = '+05:00'");
            RowConverter converter = new RowConverter(new MySqlDialect().describe(plusFive, new TableId(DB, "schema_all_types")),
                    List.of("id"), "shop", new MySqlDialect()::mapping, false);
            assertNotEquals(instantMicros("2024-02-29T18:59:59.123456Z"), readAll(plusFive, converter, "schema_all_types")
                    .get(0).get("c_timestamp6"), "without the dialect's session settings the session zone leaks into timestamps");
        }
    }

    private static void assertSchemas(RowConverter converter) {
        Schema value = converter.valueSchema();
        assertEquals("shop.tributary.schema_all_types.Value", value.name());
        assertEquals(Schema.Type.INT16, value.field("c_tinyint").schema().type());
        assertEquals(Schema.Type.INT16, value.field("c_tinyint_u").schema().type());
        assertEquals(Schema.Type.BOOLEAN, value.field("c_tinyint1").schema().type());
        assertEquals(Schema.Type.BOOLEAN, value.field("c_bit1").schema().type());
        assertEquals(Schema.Type.INT32, value.field("c_smallint_u").schema().type());
        assertEquals(Schema.Type.INT64, value.field("c_int_u").schema().type());
        Schema unsignedBig = value.field("c_bigint_u").schema();
        assertEquals(Decimal.LOGICAL_NAME, unsignedBig.name());
        assertEquals("0", unsignedBig.parameters().get(Decimal.SCALE_FIELD));
        assertEquals("20", unsignedBig.parameters().get("connect.decimal.precision"));
        assertEquals("bigint unsigned", unsignedBig.parameters().get(LogicalTypes.PARAM_SOURCE_TYPE));
        assertEquals("38", value.field("c_dec3810").schema().parameters().get("connect.decimal.precision"));
        assertEquals("5", value.field("c_char").schema().parameters().get(LogicalTypes.PARAM_LENGTH));
        assertEquals("20", value.field("c_varchar").schema().parameters().get(LogicalTypes.PARAM_LENGTH));
        assertEquals(LogicalTypes.JSON, value.field("c_json").schema().name());
        assertEquals(LogicalTypes.MICRO_TIMESTAMP, value.field("c_datetime6").schema().name());
        assertEquals(LogicalTypes.MICRO_TIMESTAMP_TZ, value.field("c_timestamp6").schema().name());
        assertEquals(LogicalTypes.MICRO_DURATION, value.field("c_time6").schema().name(), "MariaDB's TIME is a duration, not a time of day");
        assertEquals(LogicalTypes.UUID, value.field("c_uuid").schema().name());
        assertEquals(Schema.Type.BYTES, value.field("c_bit8").schema().type());
        assertTrue(value.field("c_nn").schema().isOptional(), "non-key fields are optional (record contract)");
        assertTrue(!value.field("id").schema().isOptional());
    }

    @Test
    void keyOffsetsBindBackAndCompareAsTheDatabaseDoes(MariaDbServer mariadb) throws SQLException {
        try (Connection c = open(mariadb)) {
            keyRoundTrips(c, DB);
        }
    }

    @Test
    void keyOffsetsAreTheSameWithTheBinaryProtocol(MariaDbServer mariadb) throws SQLException {
        try (Connection c = open(mariadb); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE IF NOT EXISTS tributary_bin");
        }
        try (Connection c = DriverManager.getConnection(mariadb.jdbcUrl("tributary_bin") + "?useServerPrepStmts=true",
                mariadb.user(), mariadb.password())) {
            new MySqlDialect().prepareSession(c);
            keyRoundTrips(c, "tributary_bin");
        }
    }

    /** Tables are created in the connection's database, {@code db}. */
    private static void keyRoundTrips(Connection c, String db) throws SQLException {
        {
            KeyRoundTrip keys = new KeyRoundTrip(c, new MySqlDialect(), db);
            keys.run("schema_k_int", "CREATE TABLE schema_k_int (k int PRIMARY KEY)",
                    "INSERT INTO schema_k_int VALUES (-5), (-4), (-3), (-2), (-1), (0), (1), (2), (3), (4)",
                    List.of("k"), List.of("k"), 3);
            KeyRoundTrip.Result bigint = keys.run("schema_k_bigint", "CREATE TABLE schema_k_bigint (k bigint PRIMARY KEY)",
                    "INSERT INTO schema_k_bigint VALUES (-9223372036854775808), (1), (9007199254740993), (9223372036854775807)",
                    List.of("k"), List.of("k"), 2);
            assertEquals(9007199254740993L, bigint.converter().mapping("k").position(bigint.offset().get(0)));
            KeyRoundTrip.Result unsigned = keys.run("schema_k_ubigint",
                    "CREATE TABLE schema_k_ubigint (k bigint unsigned PRIMARY KEY)",
                    "INSERT INTO schema_k_ubigint VALUES (0), (9223372036854775808), (18446744073709551614),"
                            + " (18446744073709551615)", List.of("k"), List.of("k"), 2);
            assertEquals(List.of("18446744073709551614"), unsigned.offset());
            keys.run("schema_k_decimal", "CREATE TABLE schema_k_decimal (k decimal(30,10) PRIMARY KEY)",
                    "INSERT INTO schema_k_decimal VALUES (-1), (0.0000000001), (0.0000000002), (12345678901234567890.5)",
                    List.of("k"), List.of("k"), 1);
            KeyRoundTrip.Result text = keys.run("schema_k_text",
                    "CREATE TABLE schema_k_text (k varchar(20) COLLATE utf8mb4_bin PRIMARY KEY) DEFAULT CHARSET utf8mb4",
                    "INSERT INTO schema_k_text VALUES ('a'), ('B'), ('é'), ('Z'), ('日本'), ('🎉'), ('ö'), ('b')",
                    List.of("k"), List.of("k COLLATE utf8mb4_bin"), 2);
            assertEquals(List.of("a"), text.offset(), "third in binary order");
            keys.run("schema_k_uuid", "CREATE TABLE schema_k_uuid (k uuid PRIMARY KEY)",
                    "INSERT INTO schema_k_uuid VALUES ('00000000-0000-0000-0000-000000000001'),"
                            + " ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'), ('ffffffff-ffff-ffff-ffff-ffffffffffff')",
                    List.of("k"), List.of("k"), 1);
            KeyRoundTrip.Result day = keys.run("schema_k_date", "CREATE TABLE schema_k_date (k date PRIMARY KEY)",
                    "INSERT INTO schema_k_date VALUES ('1969-07-20'), ('1000-01-01'), ('2024-02-29'), ('9999-12-31')",
                    List.of("k"), List.of("k"), 1);
            assertEquals(-165L * 86_400_000_000L, day.converter().mapping("k").position(day.offset().get(0)));
            KeyRoundTrip.Result dt = keys.run("schema_k_datetime", "CREATE TABLE schema_k_datetime (k datetime(6) PRIMARY KEY)",
                    "INSERT INTO schema_k_datetime VALUES ('2024-02-29 23:59:59.123456'), ('2024-02-29 23:59:59.123457'),"
                            + " ('2024-02-29 23:59:59.123455'), ('1969-12-31 23:59:59.999999')",
                    List.of("k"), List.of("k"), 2);
            assertEquals(List.of("2024-02-29T23:59:59.123456"), dt.offset());
            assertEquals(micros("2024-02-29T23:59:59.123456"), dt.converter().mapping("k").position(dt.offset().get(0)));
            KeyRoundTrip.Result ts = keys.run("schema_k_timestamp",
                    "CREATE TABLE schema_k_timestamp (k timestamp(6) NOT NULL PRIMARY KEY)",
                    "INSERT INTO schema_k_timestamp VALUES ('2024-02-29 23:59:59.123456'), ('2024-02-29 23:59:59.123457'),"
                            + " ('2024-02-29 23:59:59.123455')", List.of("k"), List.of("k"), 1);
            assertEquals(List.of("2024-02-29T23:59:59.123456Z"), ts.offset(), "written and read in a UTC session");
            KeyRoundTrip.Result composite = keys.run("schema_k_composite",
                    "CREATE TABLE schema_k_composite (a int, b varchar(10) COLLATE utf8mb4_bin, v text, PRIMARY KEY (a, b)) DEFAULT CHARSET utf8mb4",
                    "INSERT INTO schema_k_composite VALUES (1, 'a', 'x'), (1, 'é', 'x'), (2, 'Z', 'x'), (2, 'a', 'x'),"
                            + " (2, 'ö', 'x'), (3, 'a', 'x')",
                    List.of("a", "b"), List.of("a", "b COLLATE utf8mb4_bin"), 3);
            assertEquals(List.of(2L, "a"), composite.offset());
        }
    }
}
