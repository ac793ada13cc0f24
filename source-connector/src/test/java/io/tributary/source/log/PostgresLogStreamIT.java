package io.tributary.source.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.RecordHeaders;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.jdbc.RetryingConnection;
import io.tributary.source.offsets.SourcePartitions;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The log stream on a real PostgreSQL, in process: Debezium's reader inside {@link LogStream}, plans
 * made by the planner in log mode, offsets in a map committed by hand as Connect would.
 */
@DevStackTest
class PostgresLogStreamIT {

    private static final PostgresDialect DIALECT = new PostgresDialect();
    private final List<AutoCloseable> open = new ArrayList<>();
    private PostgresServer postgres;
    private String slot;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (slot != null) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (slotActive() && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the reader's replication connection closes in the background
            }
            sql("SELECT pg_drop_replication_slot('" + slot + "') FROM pg_replication_slots WHERE slot_name = '" + slot + "'",
                    "DROP PUBLICATION IF EXISTS " + slot);
        }
    }

    @Test
    void everyChangeArrivesWithItsOperationAndAPositionAboveTheLogStart(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_ops", "CREATE TABLE log_ops (id int PRIMARY KEY, name text)",
                "INSERT INTO log_ops VALUES (1, 'before the plan')");
        ChunkedJdbcSourceConfig config = config("log_ops", "ops");
        TablePlan plan = plan(config, "public.log_ops");
        FakeTaskContext context = new FakeTaskContext();
        LogStream stream = start(config, context, List.of("public.log_ops"));

        sql("INSERT INTO log_ops VALUES (2, 'two'), (3, 'three')", "UPDATE log_ops SET name = 'one' WHERE id = 1",
                "DELETE FROM log_ops WHERE id = 2", "TRUNCATE log_ops");
        List<SourceRecord> changes = LogTestRecords.changes(stream, 5);

        assertEquals(List.of("c", "c", "u", "d", "t"), changes.stream().map(r -> LogTestRecords.header(r, RecordHeaders.OP)).toList());
        long previous = plan.logStart().position();
        for (SourceRecord change : changes) {
            long position = LogTestRecords.position(change);
            assertTrue(position > previous, "positions above the log start, increasing: " + position + " after " + previous);
            previous = position;
            assertEquals("public.log_ops", LogTestRecords.header(change, RecordHeaders.TABLE));
            assertEquals("ops.public.log_ops", change.topic());
            assertEquals(SourcePartitions.log("ops"), change.sourcePartition());
        }
        assertEquals("one", ((Struct) changes.get(2).value()).getString("name"));
        assertEquals(2, ((Struct) changes.get(3).key()).getInt32("id"), "the delete names its key");
        assertNull(changes.get(3).value(), "a delete is a tombstone");
        assertNull(changes.get(4).key(), "a truncate names no row");
        assertNull(changes.get(4).value());
    }

    @Test
    void aFirstStartRefusesASlotThatAnotherConsumerMovedPastTheLogStart(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_moved", "CREATE TABLE log_moved (id int PRIMARY KEY, name text)");
        ChunkedJdbcSourceConfig config = config("log_moved", "moved");
        TablePlan plan = plan(config, "public.log_moved");
        sql("SET synchronous_commit = on", "INSERT INTO log_moved VALUES (1, 'a change after the log start')",
                "SELECT pg_replication_slot_advance('" + slot + "', pg_current_wal_insert_lsn())"); // another reader of the slot
        assertTrue(confirmed() > plan.logStart().position(), "the premise: the slot moved past the log start");
        FakeTaskContext context = new FakeTaskContext();
        context.commit(LedgerRecords.plan("ledger", plan));

        RuntimeException refused = assertThrows(RuntimeException.class, () -> start(config, context, List.of("public.log_moved")),
                "streaming from this slot would skip the insert");
        assertTrue(refused.getMessage().contains("another consumer used this slot"), refused.getMessage());
    }

    @Test
    void anUpdateOfAKeyColumnsOverrideDeletesTheOldKeyFirst(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_rekey", "CREATE TABLE log_rekey (code text NOT NULL, name text)",
                "ALTER TABLE log_rekey REPLICA IDENTITY FULL", "INSERT INTO log_rekey VALUES ('a', 'first')");
        slot = "tributary_rekey";
        ChunkedJdbcSourceConfig config = new ChunkedJdbcSourceConfig(Map.of("connection.url", postgres.jdbcUrl(),
                "connection.user", postgres.user(), "connection.password", postgres.password(), "topic.prefix", "rekey",
                "incremental.method", "log", "table.include.list", "public\\.log_rekey", "key.columns", "public\\.log_rekey:code"));
        TablePlan plan;
        try (Connection c = postgres.connect()) {
            DIALECT.prepareSession(c);
            TableDescription description = DIALECT.describe(c, TableId.parse("public.log_rekey"));
            plan = TablePlanner.of(config, DIALECT, "it").plan(c, description, new PlanColumns(List.of("code"), List.of()));
        }
        FakeTaskContext context = new FakeTaskContext();
        context.commit(LedgerRecords.plan("ledger", plan));
        LogStream stream = start(config, context, List.of("public.log_rekey"));

        sql("UPDATE log_rekey SET code = 'b' WHERE code = 'a'", "UPDATE log_rekey SET name = 'second' WHERE code = 'b'");
        List<SourceRecord> changes = LogTestRecords.changes(stream, 3);

        assertEquals(List.of("d", "u", "u"), changes.stream().map(r -> LogTestRecords.header(r, RecordHeaders.OP)).toList(),
                "the row moved from key a to key b: a is deleted, or the warehouse keeps it for good");
        assertEquals("a", ((Struct) changes.get(0).key()).getString("code"));
        assertNull(changes.get(0).value());
        assertEquals("b", ((Struct) changes.get(1).key()).getString("code"));
        assertEquals(LogTestRecords.position(changes.get(0)), LogTestRecords.position(changes.get(1)), "one event, one position");
        assertEquals("second", ((Struct) changes.get(2).value()).getString("name"));
    }

    @Test
    void aValueFromTheLogEqualsTheSameValueReadByAChunk(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_types", "DROP TYPE IF EXISTS log_mood", "CREATE TYPE log_mood AS ENUM ('sad', 'happy')",
                "CREATE TABLE log_types (id int PRIMARY KEY, c_int2 int2, c_int4 int4, c_int8 int8, c_float4 float4,"
                        + " c_float8 float8, c_num3810 numeric(38,10), c_num52 numeric(5,2), c_num numeric, c_bool bool, c_text text,"
                        + " c_varchar varchar(20), c_bpchar char(5), c_date date, c_time time, c_timetz timetz, c_ts timestamp,"
                        + " c_ts3 timestamp(3), c_tstz timestamptz, c_json json, c_jsonb jsonb, c_uuid uuid, c_bytea bytea,"
                        + " c_int4_arr int4[], c_text_arr text[], c_num_arr numeric(10,2)[], c_ts_arr timestamp[],"
                        + " c_interval interval, c_inet inet, c_macaddr macaddr, c_mood log_mood)");
        ChunkedJdbcSourceConfig config = config("log_types", "types");
        plan(config, "public.log_types");
        LogStream stream = start(config, new FakeTaskContext(), List.of("public.log_types"));
        sql("INSERT INTO log_types VALUES (1, -32768, 2147483647, -9223372036854775808, 1.5, 0.1,"
                + " 1234567890123456789012345678.1234567891, -123.4, 1.000000000000000000001000, true, 'héllo 日本 🎉', '', 'ab',"
                + " '1969-07-20', '23:59:59.123456', '12:34:56.5+05:30', '2024-02-29 23:59:59.123456', '2024-02-29 23:59:59.123',"
                + " '2024-02-29 23:59:59.123456+02', '{\"big\":123456789012345678901234567890,  \"a\":1.0}',"
                + " '{\"big\":123456789012345678901234567890,  \"a\":1.0}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', '\\x00ff10',"
                + " '{1,NULL,3}', '{\"a\",\"\",NULL,\"日本🎉\"}', '{1.5,NULL,-0.01}', '{\"2024-02-29 23:59:59.123456\",NULL}',"
                + " '1 year 2 mons -3 days 04:05:06.5', '192.168.0.1/24', '08:00:2b:01:02:03', 'happy')",
                "INSERT INTO log_types (id) VALUES (2)", "INSERT INTO log_types (id, c_date, c_time, c_ts) VALUES (3, '0044-03-15 BC',"
                        + " '24:00:00', '1969-12-31 23:59:59.999999')");
        List<SourceRecord> changes = LogTestRecords.changes(stream, 3);

        try (Connection c = postgres.connect()) {
            DIALECT.prepareSession(c);
            TableDescription table = DIALECT.describe(c, new TableId("public", "log_types"));
            RowConverter converter = new RowConverter(table, List.of("id"), "types", DIALECT::mapping, false);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM log_types ORDER BY id")) {
                LogTestRecords.assertSameAsChunkRows(changes, converter, rs);
            }
        }
    }

    @Test
    void anUnchangedLargeValueIsMarkedAndNeverSentAsData(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_toast", "CREATE TABLE log_toast (id int PRIMARY KEY, n int, doc text, meta jsonb)",
                "ALTER TABLE log_toast ALTER COLUMN doc SET STORAGE EXTERNAL", "ALTER TABLE log_toast ALTER COLUMN meta SET STORAGE EXTERNAL");
        ChunkedJdbcSourceConfig config = config("log_toast", "toast");
        plan(config, "public.log_toast");
        LogStream stream = start(config, new FakeTaskContext(), List.of("public.log_toast"));
        sql("INSERT INTO log_toast VALUES (1, 0, repeat('x', 10000), ('{\"k\": \"' || repeat('y', 10000) || '\"}')::jsonb)",
                "UPDATE log_toast SET n = 1 WHERE id = 1", "UPDATE log_toast SET n = 2, doc = 'short' WHERE id = 1");
        List<SourceRecord> changes = LogTestRecords.changes(stream, 3);

        assertNull(changes.get(0).headers().lastWithName(RecordHeaders.UNCHANGED), "an insert carries every value");
        Struct untouched = (Struct) changes.get(1).value();
        assertEquals(1, untouched.getInt32("n"));
        assertNull(untouched.get("doc"), "not the placeholder");
        assertNull(untouched.get("meta"));
        assertEquals("[\"doc\",\"meta\"]", LogTestRecords.header(changes.get(1), RecordHeaders.UNCHANGED));
        assertEquals("short", ((Struct) changes.get(2).value()).getString("doc"));
        assertEquals("[\"meta\"]", LogTestRecords.header(changes.get(2), RecordHeaders.UNCHANGED));
    }

    @Test
    void theSlotIsConfirmedOnlyUpToWhatConnectCommitted(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_ack", "CREATE TABLE log_ack (id int PRIMARY KEY)");
        ChunkedJdbcSourceConfig config = config("log_ack", "ack");
        plan(config, "public.log_ack");
        FakeTaskContext context = new FakeTaskContext();
        LogStream stream = start(config, context, List.of("public.log_ack"));
        long before = confirmed();
        sql("INSERT INTO log_ack VALUES (1)", "INSERT INTO log_ack VALUES (2)");
        List<SourceRecord> changes = LogTestRecords.changes(stream, 2);
        stream.commit();
        stream.poll();
        assertEquals(before, confirmed(), "nothing committed by Connect: nothing confirmed");

        context.commit(changes.get(0));
        stream.commit();
        long first = LogTestRecords.position(changes.get(0));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (confirmed() < first && System.nanoTime() < deadline) {
            stream.poll(); // Debezium confirms on its next poll
        }
        long confirmed = confirmed();
        assertTrue(confirmed >= first, "confirmed " + confirmed + " after committing " + first);
        long second = LogTestRecords.position(changes.get(1));
        assertTrue(confirmed < second, "never past what was committed: " + confirmed + " < " + second);
    }

    /** T-PG-1: a transaction that wrote before the log start and commits later is visible to every chunk. */
    @Test
    void planningWaitsForATransactionThatWroteBeforeTheLogStart(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_late", "CREATE TABLE log_late (id int PRIMARY KEY, v text)", "INSERT INTO log_late VALUES (1, 'old')",
                "DROP TABLE IF EXISTS log_late_first", "CREATE TABLE log_late_first (id int PRIMARY KEY)");
        ChunkedJdbcSourceConfig config = config("log_late.*", "late");
        plan(config, "public.log_late_first"); // the slot exists (creating it would wait for the writer too)
        try (Connection writer = postgres.connect()) {
            writer.setAutoCommit(false);
            try (Statement st = writer.createStatement()) {
                st.execute("UPDATE log_late SET v = 'late' WHERE id = 1");
            }
            CompletableFuture<TablePlan> planning = CompletableFuture.supplyAsync(() -> {
                try {
                    return plan(config, "public.log_late");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!waitingForWriters() && System.nanoTime() < deadline) {
                assertFalse(planning.isDone(), "the plan must wait for the open writer: " + planning);
                Thread.onSpinWait();
            }
            assertTrue(waitingForWriters(), "the planner waits for the transactions open at the log start");
            assertFalse(planning.isDone());
            writer.commit();
            TablePlan plan = planning.get(60, TimeUnit.SECONDS);
            assertTrue(plan.logMode());
        }
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT v FROM log_late WHERE id = 1")) {
            rs.next();
            assertEquals("late", rs.getString(1), "a chunk read after the plan sees the late commit");
        }
    }

    private boolean slotActive() throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + slot + "'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private boolean waitingForWriters() throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT txid_snapshot_xmin%'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private ChunkedJdbcSourceConfig config(String table, String prefix) {
        slot = "tributary_" + prefix;
        return new ChunkedJdbcSourceConfig(Map.of("connection.url", postgres.jdbcUrl(), "connection.user", postgres.user(),
                "connection.password", postgres.password(), "topic.prefix", prefix, "incremental.method", "log",
                "table.include.list", "public\\." + table, "log.heartbeat.interval.ms", "1000"));
    }

    private TablePlan plan(ChunkedJdbcSourceConfig config, String table) throws Exception {
        try (Connection c = postgres.connect()) {
            DIALECT.prepareSession(c);
            TableDescription description = DIALECT.describe(c, TableId.parse(table));
            return TablePlanner.of(config, DIALECT, "it").plan(c, description, new PlanColumns(description.primaryKey(), List.of()));
        }
    }

    private LogStream start(ChunkedJdbcSourceConfig config, FakeTaskContext context, List<String> tables) throws Exception {
        RetryingConnection session = new RetryingConnection(new JdbcConnections(config), 3, 100, "log it");
        open.add(session);
        LogStream stream = LogStream.start(config, DIALECT, session, context, "it-" + config.topicPrefix(), tables, false);
        open.add(stream);
        return stream;
    }


    private long confirmed() throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT pg_wal_lsn_diff(confirmed_flush_lsn, '0/0')::bigint FROM pg_replication_slots WHERE slot_name = '" + slot + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }


    private void sql(String... statements) throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }
}
