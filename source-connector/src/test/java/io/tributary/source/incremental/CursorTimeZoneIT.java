package io.tributary.source.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.JdbcDatabase;
import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Timestamp-without-time-zone cursors are bounded by the database's clock read in cursor.time.zone
 * (default UTC), never in the worker JVM's zone: a row stamped a moment ago in that zone waits out
 * the lag, then arrives; the plan's start point is computed in that zone too. Connections come from
 * {@link JdbcConnections}, as the connector opens them.
 */
@DevStackTest
class CursorTimeZoneIT {

    private static final long LAG_MS = 3_000;

    /** One database's side of the test: the table's DDL and how to write "now in the zone" and an age. */
    private record Db(JdbcDatabase db, String schema, String cursorType, String nowIn) {
        String now(String zoneSql) {
            return nowIn.replace("{zone}", zoneSql);
        }

        String ageMillis(String now) {
            return schema.equals("public") ? "extract(epoch FROM " + now + " - updated_at) * 1000"
                    : "TIMESTAMPDIFF(MICROSECOND, updated_at, " + now + ") / 1000";
        }
    }

    private static Db postgres(PostgresServer postgres) {
        return new Db(postgres, "public", "timestamp", "(statement_timestamp() AT TIME ZONE {zone})");
    }

    /** With the JVM in Asia/Kolkata (UTC+05:30), a UTC-stamped row passed a 3 s lag at once: the bound was 5h30 ahead. */
    @Test
    void aUtcStampedTimestampCursorWaitsOutTheLagWhateverTheJvmZone(PostgresServer postgres) throws Exception {
        TimeZone jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        try {
            assertLagHolds(postgres(postgres), "tz_utc", "UTC", "'UTC'");
        } finally {
            TimeZone.setDefault(jvmZone);
        }
    }

    @Test
    void aCursorWrittenInARegionIsBoundedInThatRegion(PostgresServer postgres) throws Exception {
        assertLagHolds(postgres(postgres), "tz_region", "Asia/Kolkata", "'Asia/Kolkata'");
    }

    /** As text, PostgreSQL reads '+05:30' as a POSIX zone (west of Greenwich): the row would never arrive. */
    @Test
    void aCursorWrittenAtAnOffsetIsBoundedAtThatOffset(PostgresServer postgres) throws Exception {
        assertLagHolds(postgres(postgres), "tz_offset", "+05:30", "INTERVAL '+05:30'");
    }

    @Test
    void aMariaDbDatetimeCursorWrittenAtAnOffsetIsBoundedAtThatOffset(MariaDbServer mariadb) throws Exception {
        assertLagHolds(new Db(mariadb, "tributary", "datetime(6)", "CONVERT_TZ(NOW(6), '+00:00', {zone})"),
                "tz_offset", "+05:30", "'+05:30'");
    }

    /**
     * The row stamped with the database's now in {@code zone} a moment ago: the plan starts at now
     * minus the lag in that zone; polling skips the row while it is younger than the lag (on the
     * database's clock) and reads it once it is older.
     */
    private static void assertLagHolds(Db db, String table, String zone, String zoneSql) throws Exception {
        ZoneId zoneId = ZoneId.of(zone);
        try (Connection c = new JdbcConnections(new ChunkedJdbcSourceConfig(Map.of(ChunkedJdbcSourceConfig.CONNECTION_URL,
                db.db().jdbcUrl(), ChunkedJdbcSourceConfig.CONNECTION_USER, db.db().user(),
                ChunkedJdbcSourceConfig.CONNECTION_PASSWORD, db.db().password(), ChunkedJdbcSourceConfig.TOPIC_PREFIX, "tz"))).open();
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, updated_at " + db.cursorType() + " NOT NULL)");
            s.execute("INSERT INTO " + table + " VALUES (1, " + db.now(zoneSql) + ")");
            SourceDialect dialect = SourceDialects.forUrl(db.db().jdbcUrl());
            TableDescription description = dialect.describe(c, new TableId(db.schema(), table));

            TablePlan plan = new TablePlanner(dialect, 1000, LAG_MS, zoneId).plan(c, description, new PlanColumns(List.of("id"), List.of("updated_at")));
            LocalDateTime stamp = LocalDateTime.parse((String) stamp(c, table));
            Duration startBeforeStamp = Duration.between(LocalDateTime.parse((String) plan.watermark()), stamp);
            assertTrue(startBeforeStamp.toMillis() > LAG_MS - 1_000 && startBeforeStamp.toMillis() <= LAG_MS,
                    "the start point " + plan.watermark() + " is the database's now in " + zone + " minus the lag; the row's stamp: " + stamp);

            CursorPoller poller = poller(dialect, description, zoneId);
            List<SourceRecord> first = poller.poll(c, 10);
            double ageMs = ageMillis(c, db, table, zoneSql);
            assertTrue(ageMs < LAG_MS, "premise: the first poll ran within the lag of the stamp (" + ageMs + " ms)");
            assertEquals(List.of(), first, "a row stamped " + (long) ageMs + " ms ago passed a " + LAG_MS + " ms lag");
            long deadline = System.nanoTime() + (LAG_MS + 10_000) * 1_000_000;
            List<SourceRecord> later;
            do {
                Thread.sleep(200);
                later = poller.poll(c, 10);
            } while (later.isEmpty() && System.nanoTime() < deadline);
            assertEquals(1, later.size(), "the row arrives once older than the lag");
        }
    }

    private static CursorPoller poller(SourceDialect dialect, TableDescription description, ZoneId zone) {
        TablePlan plan = new TablePlan(description.id().qualified(), UUID.randomUUID().toString(), List.of("id"), List.of(),
                List.of("updated_at"), null, 0, Instant.now().toString());
        SourceTableMetrics metrics = new SourceTableMetrics("tz-it", 0, plan.table(), 1, "incremental");
        metrics.close(); // not looked at here
        TableSource source = new TableSource(plan, description, new RowConverter(description, List.of("id"), "tz", dialect::mapping, false),
                dialect, "tz." + plan.table(), null, metrics);
        return new CursorPoller(source, null, LAG_MS, zone);
    }

    /** The row's stamp as the offsets write it (ISO, six fraction digits). */
    private static Object stamp(Connection c, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT updated_at FROM " + table)) {
            rs.next();
            return rs.getObject(1, LocalDateTime.class).toString();
        }
    }

    private static double ageMillis(Connection c, Db db, String table, String zoneSql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT " + db.ageMillis(db.now(zoneSql)) + " FROM " + table)) {
            rs.next();
            return rs.getDouble(1);
        }
    }
}
