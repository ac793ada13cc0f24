package io.tributary.source.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.TableSource;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.DatabaseKind;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.SessionSettings;
import io.tributary.source.schema.TableDescriber;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * A poll whose lag bound falls inside a run of freshly stamped rows while PostgreSQL scans the table
 * must read a prefix of them in cursor order (or none), never a later row without an earlier one:
 * the checkpoint would move past the earlier row and it would never be read. Rows are stamped in
 * heap order, a few microseconds apart, and the poll is timed so that "now minus lag" passes their
 * stamps halfway through its scan: a bound read from the clock per row (as clock_timestamp() was)
 * lets the second half of the table through and skips the first.
 */
@DevStackTest
class CursorUpperBoundIT {

    private static final int ROWS = 300_000;

    @Test
    void aPollThatOverlapsFreshStampsReadsThemInCursorOrderAndSkipsNone(PostgresServer postgres) throws Exception {
        try (Connection c = postgres.connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bound_it");
                s.execute("CREATE TABLE bound_it (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)");
            }
            OffsetDateTime base = databaseNow(c).plusSeconds(3);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO bound_it SELECT g, CAST(? AS timestamptz) + (g / 100) * interval '1 microsecond'"
                    + " FROM generate_series(1, " + ROWS + ") g ORDER BY g")) {
                insert.setObject(1, base);
                insert.executeUpdate();
            }
            SessionSettings.apply(c, DatabaseKind.POSTGRES);
            TableDescription description = TableDescriber.describe(c, TableId.parse("public.bound_it"));
            TablePlan plan = new TablePlan("public.bound_it", UUID.randomUUID().toString(), List.of("id"), List.of(),
                    List.of("updated_at"), null, ROWS, OffsetDateTime.now().toString());
            SourceTableMetrics metrics = new SourceTableMetrics("bound-it", 0, plan.table(), 0, "incremental");
            try {
                TableSource table = new TableSource(plan, description, new RowConverter(description, List.of("id"), "bound",
                        DatabaseKind.POSTGRES), SourceDialects.forUrl(postgres.jdbcUrl()), "bound.public.bound_it", null, metrics);
                CursorPoller poller = new CursorPoller(table, null, 0);

                long scanMs = scanMillis(c);
                long untilBase = (long) (secondsUntil(c, base) * 1000);
                Thread.sleep(Math.max(0, untilBase - scanMs / 2));
                List<Long> first = ids(poller.poll(c, 10));
                for (int i = 0; i < first.size(); i++) {
                    assertEquals(i + 1L, first.get(i), "a poll during the stamps read " + first + " (scan " + scanMs
                            + " ms): not the oldest rows first");
                }

                Thread.sleep(Math.max(0, (long) (secondsUntil(c, base) * 1000)) + 50);
                BitSet seen = new BitSet();
                first.forEach(id -> seen.set(id.intValue()));
                List<Long> page;
                do {
                    page = ids(poller.poll(c, 50_000));
                    page.forEach(id -> seen.set(id.intValue()));
                } while (!page.isEmpty());
                assertEquals(ROWS, seen.cardinality(), "rows read, of " + ROWS + "; the first unread: " + seen.nextClearBit(1));
                assertTrue(seen.get(1) && seen.get(ROWS));
            } finally {
                metrics.close();
            }
        }
    }

    /** How long one poll-shaped scan of the table takes, the slowest of three. */
    private static long scanMillis(Connection c) throws Exception {
        long slowest = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM bound_it"
                    + " WHERE updated_at < clock_timestamp() - interval '1 hour' ORDER BY updated_at, id LIMIT 10")) {
                while (rs.next()) {
                    // none expected
                }
            }
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        }
        return slowest;
    }

    private static OffsetDateTime databaseNow(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT clock_timestamp()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private static double secondsUntil(Connection c, OffsetDateTime moment) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("SELECT extract(epoch FROM (CAST(? AS timestamptz) - clock_timestamp()))")) {
            ps.setObject(1, moment);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static List<Long> ids(List<SourceRecord> records) {
        List<Long> ids = new ArrayList<>();
        for (SourceRecord record : records) {
            ids.add(((Struct) record.key()).getInt64("id"));
        }
        return ids;
    }
}
