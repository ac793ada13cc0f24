package io.tributary.source.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.RecordHeaders;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.jdbc.RetryingConnection;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.LedgerRecords;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Log mode and generations (issue 14): the stream's records carry the table's current generation, a
 * re-snapshot's as soon as its plan is stored, and a log-mode generation starts at its log start.
 */
@DevStackTest
class LogGenerationIT {

    private static final PostgresDialect DIALECT = new PostgresDialect();
    private static final String SLOT = "tributary_loggen";
    private PostgresServer postgres;
    private RetryingConnection session;
    private LogStream stream;

    @AfterEach
    void cleanUp() throws Exception {
        if (stream != null) {
            stream.close();
        }
        if (session != null) {
            session.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slotActive() && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // the reader's replication connection closes in the background
        }
        sql("SELECT pg_drop_replication_slot('" + SLOT + "') FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'",
                "DROP PUBLICATION IF EXISTS " + SLOT);
    }

    @Test
    void logEventsCarryTheGenerationOfTheStoredPlan(PostgresServer postgres) throws Exception {
        this.postgres = postgres;
        sql("DROP TABLE IF EXISTS log_gen", "CREATE TABLE log_gen (id int PRIMARY KEY, name text)", "INSERT INTO log_gen VALUES (1, 'a')");
        ChunkedJdbcSourceConfig config = new ChunkedJdbcSourceConfig(Map.of("connection.url", postgres.jdbcUrl(),
                "connection.user", postgres.user(), "connection.password", postgres.password(), "topic.prefix", "loggen",
                "incremental.method", "log", "table.include.list", "public\\.log_gen", "log.heartbeat.interval.ms", "1000",
                "table.monitor.interval.ms", "100"));
        TablePlan first = plan(config, 0L);
        assertTrue(first.hasGeneration());
        assertEquals(first.logStart().position(), first.start(), "a log-mode generation starts at its log start");
        FakeTaskContext context = new FakeTaskContext();
        context.commit(LedgerRecords.plan("ledger", first));
        session = new RetryingConnection(new JdbcConnections(config), 3, 100, "log it");
        stream = LogStream.start(config, DIALECT, session, context, "it-loggen", List.of("public.log_gen"), false);

        sql("INSERT INTO log_gen VALUES (2, 'b')");
        SourceRecord insert = LogTestRecords.changes(stream, 1).get(0);
        assertEquals(first.generation(), generation(insert));

        TablePlan second = plan(config, first.generation()); // a re-snapshot while the stream runs
        assertTrue(second.generation() > first.generation());
        context.commit(LedgerRecords.plan("ledger", second));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long seen = first.generation();
        for (int i = 3; seen != second.generation() && System.nanoTime() < deadline; i++) {
            sql("INSERT INTO log_gen VALUES (" + i + ", 'after the re-snapshot')");
            seen = generation(LogTestRecords.changes(stream, 1).get(0));
        }
        assertEquals(second.generation(), seen, "the stream's records carry the re-snapshot's generation once its plan is stored");
    }

    private static long generation(SourceRecord record) {
        Header header = record.headers().lastWithName(RecordHeaders.GENERATION);
        return (Long) header.value();
    }

    private TablePlan plan(ChunkedJdbcSourceConfig config, long previous) throws Exception {
        try (Connection c = postgres.connect()) {
            DIALECT.prepareSession(c);
            TableDescription description = DIALECT.describe(c, TableId.parse("public.log_gen"));
            return TablePlanner.of(config, DIALECT, "it").plan(c, description, new PlanColumns(description.primaryKey(), List.of()),
                    previous, false);
        }
    }

    private boolean slotActive() throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT active FROM pg_replication_slots WHERE slot_name = '" + SLOT + "'")) {
            return rs.next() && rs.getBoolean(1);
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
