package io.tributary.source.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.devstack.JdbcDatabase;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.metrics.SourceTableMetrics;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * A poll whose lag bound falls inside a run of freshly stamped rows while the database scans the
 * table must read a prefix of them in cursor order (or none), never a later row without an earlier
 * one: the checkpoint would move past the earlier row and it would never be read. Rows are stamped
 * in scan order, 10 µs per 1,000 rows (3 ms in all), and the poll is timed so that "now minus lag"
 * passes their stamps halfway through its scan (checked: it starts before the first and ends after
 * the last; set up again if not): a bound read from the clock per row (PostgreSQL's
 * clock_timestamp(), as the source used before) lets the second half of the table through and skips
 * the first. One subclass per database.
 */
abstract class AbstractCursorUpperBoundIT {

    static final int ROWS = 300_000;

    /** The database under test; set by the subclass before each test. */
    JdbcDatabase db;

    abstract SourceDialect dialect();

    /** The table's qualified name, {@code <schema>.bound_it}. */
    abstract String table();

    /**
     * Statements that create {@code bound_it (id bigint key, updated_at: the cursor)} and
     * {@code bound_base (base)}, base being the database's clock plus {@code marginSeconds}.
     */
    abstract List<String> create(int marginSeconds);

    /** Inserts ids 1 to {@value #ROWS} in id order, stamped {@code base + (id / 100) µs}. */
    abstract String insert();

    /** One row, one column: seconds from the database's clock now to base. */
    abstract String secondsUntilBase();

    @Test
    void aPollThatOverlapsFreshStampsReadsThemInCursorOrderAndSkipsNone() throws Exception {
        try (Connection c = db.connect()) {
            dialect().prepareSession(c);
            // The poll must start before the first stamp and end after the last; if this machine was
            // too slow to time it (setup outran the margin, a stall), set up again with a wider margin.
            for (int attempt = 1; ; attempt++) {
                createTable(c, 3 * attempt);
                TableDescription description = dialect().describe(c, TableId.parse(table()));
                TablePlan plan = new TablePlan(table(), UUID.randomUUID().toString(), List.of("id"), List.of(),
                        List.of("updated_at"), null, ROWS, Instant.now().toString());
                try (SourceTableMetrics metrics = new SourceTableMetrics("bound-it", 0, plan.table(), 0, "incremental")) {
                    TableSource source = new TableSource(plan, description, new RowConverter(description, List.of("id"), "bound", dialect()::mapping, false),
                            SourceDialects.forUrl(db.jdbcUrl()), "bound." + table(), null, metrics);
                    CursorPoller poller = new CursorPoller(source, null, 0, ZoneOffset.UTC);
                    long scanMs = scanMillis(c);
                    double untilMs = secondsUntilBase(c) * 1000;
                    if (untilMs > scanMs) {
                        Thread.sleep((long) (untilMs - scanMs / 2.0));
                        double beforeMs = secondsUntilBase(c) * 1000;
                        List<Long> first = ids(poller.poll(c, 10));
                        double afterMs = secondsUntilBase(c) * 1000;
                        if (beforeMs > 2 && afterMs < -STAMPS_MS) {
                            checkPrefixThenAll(poller, first, scanMs);
                            return;
                        }
                    }
                }
                if (attempt == 5) {
                    throw new AssertionError("could not time a poll across the stamps in 5 attempts");
                }
            }
        }
    }

    private static final double STAMPS_MS = ROWS / 100 / 1000.0;

    private void createTable(Connection c, int marginSeconds) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bound_it");
            s.execute("DROP TABLE IF EXISTS bound_base");
            for (String statement : create(marginSeconds)) {
                s.execute(statement);
            }
            s.execute(insert());
        }
    }

    private void checkPrefixThenAll(CursorPoller poller, List<Long> first, long scanMs) throws Exception {
        for (int i = 0; i < first.size(); i++) {
            assertEquals(i + 1L, first.get(i), "a poll during the stamps read " + first + " (scan " + scanMs
                    + " ms): not the oldest rows first");
        }
        try (Connection c = db.connect()) {
            Thread.sleep(Math.max(0, (long) (secondsUntilBase(c) * 1000)) + 100);
            BitSet seen = new BitSet();
            first.forEach(id -> seen.set(id.intValue()));
            List<Long> page;
            do {
                page = ids(poller.poll(c, 50_000));
                page.forEach(id -> seen.set(id.intValue()));
            } while (!page.isEmpty());
            assertEquals(ROWS, seen.cardinality(), "rows read, of " + ROWS + "; the first unread id: " + seen.nextClearBit(1));
        }
    }

    /** How long a scan shaped like a poll takes (sorting what passes a filter), the slowest of three. */
    private static long scanMillis(Connection c) throws SQLException {
        long slowest = 0;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT id FROM bound_it WHERE updated_at < '2000-01-01' ORDER BY updated_at, id LIMIT 10")) {
                while (rs.next()) {
                    // none: every stamp is later
                }
            }
            slowest = Math.max(slowest, (System.nanoTime() - started) / 1_000_000);
        }
        return slowest;
    }

    private double secondsUntilBase(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(secondsUntilBase())) {
            rs.next();
            return rs.getDouble(1);
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
