package io.tributary.source.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.RecordHeaders;
import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.mysql.MySqlDialect;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.jdbc.RetryingConnection;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.LedgerRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log stream on a real MariaDB, in process: Debezium's binlog reader inside {@link LogStream},
 * starting (no offset committed yet) from the table's log start, a consistent-snapshot binlog position.
 */
@DevStackTest
class MariaDbLogStreamIT {

    private static final MySqlDialect DIALECT = new MySqlDialect();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final FakeTaskContext context = new FakeTaskContext();
    private MariaDbServer mariadb;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void theStreamStartsAtTheLogStartAndCarriesEveryChange(MariaDbServer mariadb) throws Exception {
        this.mariadb = mariadb;
        sql("DROP TABLE IF EXISTS log_ops", "CREATE TABLE log_ops (id int PRIMARY KEY, name varchar(20))",
                "INSERT INTO log_ops VALUES (1, 'before the plan')",
                // not captured, with a type the binlog reader's DDL parser does not know: it must not stop the stream
                "DROP TABLE IF EXISTS log_not_captured", "CREATE TABLE log_not_captured (id int PRIMARY KEY, addr inet6)");
        ChunkedJdbcSourceConfig config = config("log_ops", "mops");
        TablePlan plan = plan(config, "tributary.log_ops");
        sql("INSERT INTO log_ops VALUES (2, 'two'), (3, 'three')", "UPDATE log_ops SET name = 'one' WHERE id = 1",
                "DELETE FROM log_ops WHERE id = 2", "TRUNCATE log_ops");
        LogStream stream = start(config, List.of("tributary.log_ops"));
        List<SourceRecord> changes = LogTestRecords.changes(stream, 5);

        assertEquals(List.of("c", "c", "u", "d", "t"), changes.stream().map(r -> LogTestRecords.header(r, RecordHeaders.OP)).toList(),
                "nothing before the log start (the first row's insert), nothing after it skipped");
        long previous = plan.logStart().position();
        for (SourceRecord change : changes) {
            assertTrue(LogTestRecords.position(change) > previous - 1, "positions from the log start on");
            previous = LogTestRecords.position(change);
            assertEquals("mops.tributary.log_ops", change.topic());
        }
        assertEquals("one", ((Struct) changes.get(2).value()).getString("name"));
        assertEquals(2, ((Struct) changes.get(3).key()).getInt32("id"));
        assertNull(changes.get(3).value());
        assertNull(changes.get(4).key());
    }

    @Test
    void aValueFromTheLogEqualsTheSameValueReadByAChunk(MariaDbServer mariadb) throws Exception {
        this.mariadb = mariadb;
        sql("DROP TABLE IF EXISTS log_types", "CREATE TABLE log_types (id int PRIMARY KEY,"
                + " c_tinyint tinyint, c_tinyint_u tinyint unsigned, c_bool boolean, c_smallint_u smallint unsigned,"
                + " c_mediumint mediumint, c_int_u int unsigned, c_bigint bigint, c_bigint_u bigint unsigned,"
                + " c_dec3810 decimal(38,10), c_dec50 decimal(5,0), c_float float, c_double double, c_char char(5),"
                + " c_varchar varchar(20), c_text text, c_json json, c_date date, c_datetime datetime, c_datetime6 datetime(6),"
                + " c_timestamp6 timestamp(6) NULL, c_time6 time(6), c_binary binary(4), c_varbinary varbinary(10), c_blob blob,"
                + " c_enum enum('a','b'), c_set set('x','y'), c_bit1 bit(1), c_bit8 bit(8), c_year year, c_uuid uuid,"
                + " c_nn varchar(10) NOT NULL) DEFAULT CHARSET utf8mb4");
        ChunkedJdbcSourceConfig config = config("log_types", "mtypes");
        plan(config, "tributary.log_types");
        sql("SET time_zone = '+05:00'", "INSERT INTO log_types VALUES (1, -128, 255, true, 65535, -8388608, 4294967295,"
                + " -9223372036854775808, 18446744073709551615, -1234567890123456789012345678.1234567891, 0, 1.5, 0.1, 'ab', '',"
                + " 'héllo wörld 日本 🎉', '{\"big\":18446744073709551616123,  \"a\":1.000000000000000000001}', '1969-07-20',"
                + " '1969-07-20 20:17:40', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.123456', '-838:59:59.5', 'ab',"
                + " x'00ff10', x'cafe', 'b', 'x,y', b'1', b'10000001', 2024, 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 'x')",
                "INSERT INTO log_types (id, c_nn) VALUES (2, '')",
                "INSERT INTO log_types (id, c_dec50, c_bool, c_date, c_time6, c_datetime6, c_nn) VALUES (3, -99999, false,"
                        + " '1000-01-01', '23:59:59.123456', '9999-12-31 23:59:59.999999', 'z')",
                "INSERT INTO log_types (id, c_time6, c_nn) VALUES (4, '-01:00:00', 'a'), (5, '100:00:00', 'b')");
        LogStream stream = start(config, List.of("tributary.log_types"));
        List<SourceRecord> changes = LogTestRecords.changes(stream, 5);

        try (Connection c = new JdbcConnections(config).open()) {
            TableDescription table = DIALECT.describe(c, new TableId("tributary", "log_types"));
            RowConverter converter = new RowConverter(table, List.of("id"), "mtypes", DIALECT::mapping, false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM log_types ORDER BY id")) {
                LogTestRecords.assertSameAsChunkRows(changes, converter, rs);
            }
        }
    }

    @Test
    void aCapturedTableWithATypeTheBinlogReaderCannotParseIsRefusedByName(MariaDbServer mariadb) throws Exception {
        this.mariadb = mariadb;
        sql("DROP TABLE IF EXISTS log_inet", "CREATE TABLE log_inet (id int PRIMARY KEY, addr inet6)");
        ChunkedJdbcSourceConfig config = config("log_inet", "minet");
        try (Connection c = new JdbcConnections(config).open()) {
            TableDescription description = DIALECT.describe(c, TableId.parse("tributary.log_inet"));
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TablePlanner.of(config, DIALECT, "it")
                    .checkCapture(c, description, new PlanColumns(description.primaryKey(), List.of())));
            assertTrue(refused.getMessage().contains("column addr of tributary.log_inet is inet6"), refused.getMessage());
        }
    }

    private ChunkedJdbcSourceConfig config(String table, String prefix) {
        return new ChunkedJdbcSourceConfig(Map.of("connection.url", mariadb.jdbcUrl(), "connection.user", mariadb.user(),
                "connection.password", mariadb.password(), "topic.prefix", prefix, "incremental.method", "log",
                "table.include.list", "tributary\\." + table));
    }

    private TablePlan plan(ChunkedJdbcSourceConfig config, String table) throws Exception {
        try (Connection c = new JdbcConnections(config).open()) {
            TableDescription description = DIALECT.describe(c, TableId.parse(table));
            TablePlan plan = TablePlanner.of(config, DIALECT, "it").plan(c, description,
                    new PlanColumns(description.primaryKey(), List.of()));
            context.commit(LedgerRecords.plan("ledger", plan));
            return plan;
        }
    }

    /** The planned tables' plans are committed: the stream starts from the smallest log start among them. */
    private LogStream start(ChunkedJdbcSourceConfig config, List<String> tables) throws Exception {
        RetryingConnection session = new RetryingConnection(new JdbcConnections(config), 3, 100, "log it");
        open.add(session);
        LogStream stream = LogStream.start(config, DIALECT, session, context, "it-" + config.topicPrefix(), tables, false);
        open.add(stream);
        return stream;
    }

    private void sql(String... statements) throws Exception {
        try (Connection c = mariadb.connect(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }
}
